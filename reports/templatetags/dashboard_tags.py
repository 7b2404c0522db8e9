"""Number formatting for the dashboard: grouped integers, percentages, bar widths."""

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def num(value, decimals=0):
    """A localised number with thousands grouping; an en dash for None."""
    if value is None:
        return "–"
    return formats.number_format(value, int(decimals), use_l10n=True, force_grouping=True)


@register.filter
def percent(fraction):
    """0.643 -> "64 %" (localised); an en dash for None."""
    if fraction is None:
        return "–"
    return f"{formats.number_format(round(fraction * 100), 0, use_l10n=True)} %"


@register.filter
def bar_width(fraction):
    """A CSS width in percent for a progress bar, clamped to 0-100."""
    if not fraction:
        return 0
    return max(0, min(100, round(fraction * 100)))


@register.filter
def indicator(value, definition):
    """`value` formatted as its indicator's Definition says: a percentage or a number."""
    if definition.is_ratio:
        return percent(value)
    return num(value, definition.decimals)
