"""Number formatting for the dashboard: grouped integers, percentages, bar widths."""

from django import template

from reports.numbers import format_number, format_percent

register = template.Library()


@register.filter
def num(value, decimals=0):
    """A localised number with thousands grouping; an en dash for None (``format_number``)."""
    return format_number(value, decimals)


@register.filter
def percent(fraction):
    """0.643 -> "64 %" (localised); an en dash for None (``format_percent``)."""
    return format_percent(fraction)


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
