from wagtail.models import Locale

from courses.models import Skill


def default_locale_skills():
    """Skills in the default locale (translations share the rows' translation_key)."""
    return Skill.objects.filter(locale=Locale.get_default()).order_by("name")
