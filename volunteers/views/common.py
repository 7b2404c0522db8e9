from django.conf import settings
from wagtail.models import Locale

from courses.models import Skill


def absolute_url(path: str) -> str:
    """`path` on the public site (settings.SITE_BASE_URL), for QR codes."""
    return settings.SITE_BASE_URL.rstrip("/") + path


def default_locale_skills():
    """Skills in the default locale (translations share the rows' translation_key)."""
    return Skill.objects.filter(locale=Locale.get_default()).order_by("name")
