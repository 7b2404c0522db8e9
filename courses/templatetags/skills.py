"""``{% skill_name skill %}``: a skill's name in the page's language (see skill_names)."""

from django import template
from django.utils.translation import get_language

from courses.models import skill_names

register = template.Library()


def names_for(request) -> dict[int, str]:
    """skill_names for the active language, read once per request (kept on the request)."""
    language = get_language() or ""
    cached = getattr(request, "_skill_names", None) if request is not None else None
    if cached is None or cached[0] != language:
        cached = (language, skill_names(language))
        if request is not None:
            request._skill_names = cached
    return cached[1]


@register.simple_tag(takes_context=True)
def skill_name(context, skill) -> str:
    if skill is None:
        return ""
    return names_for(context.get("request")).get(skill.pk, skill.name)
