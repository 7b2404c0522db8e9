"""How every number of the reports is written: one function for tables, cards and chart axes.

Localised (the active language's decimal separator), grouped in thousands,
with the number of decimals its indicator's ``Definition`` gives; an en dash
for a missing value. The dashboard filters (``dashboard_tags.num``) and the
SVG charts (``charts.bar_chart``) both call ``format_number``, so "1,5" in a
table is "1,5" on the axis beside it, never "1.5" or "1.5k".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats

MISSING = "–"


def format_number(value, decimals: int = 0) -> str:
    """`value` localised, grouped, with `decimals` digits after the separator ("–" for None)."""
    if value is None:
        return MISSING
    decimals = int(decimals)
    # Rounded half up here: Django's number_format cuts a float's extra digits (1234.56 with
    # one decimal was "1234.5" in the tables).
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return formats.number_format(rounded, decimals, use_l10n=True, force_grouping=True)


def format_percent(fraction) -> str:
    """0.643 -> "64 %" (localised); "–" for None."""
    if fraction is None:
        return MISSING
    return f"{format_number(round(fraction * 100))} %"
