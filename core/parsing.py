"""Reading ids, whole numbers and dates from text a person or a file sent, without a 500.

Query strings, URL segments, form fields and import cells all arrive as text.
Python's `str.isdigit()` says yes to "²" (which `int()` refuses) and `int()`
takes "١٢" and numbers far past a database column; `datetime.date(1, 1, 1)`
is a valid date that breaks every "minus one day" and every time-zone shift.
These helpers accept only what every database and calculation can hold, and
answer None (or a translated ValidationError in the form fields) for the rest.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# The largest positive value of a signed 64-bit column (PostgreSQL bigint, SQLite integer).
MAX_ID = 2**63 - 1
MIN_YEAR = 1900
MAX_YEAR = 2999
# Longest text parse_int looks at: 19 digits reach MAX_ID; a longer run is out of range anyway.
_MAX_DIGITS = 19
_ASCII_DIGITS = re.compile(r"[0-9]+")
DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")

MSG_DATE_RANGE = _("Enter a date between the years %(min)s and %(max)s.")


def parse_int(text: Any, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The whole number written in ASCII digits in `text` (spaces around allowed), within
    minimum..maximum; None for anything else ("²", "١٢", "-1", "1e3", "", too large)."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        value = text
    else:
        text = str(text if text is not None else "").strip()
        if not text or len(text) > _MAX_DIGITS or not _ASCII_DIGITS.fullmatch(text):
            return None
        value = int(text)
    return value if minimum <= value <= maximum else None


def parse_id(text: Any) -> int | None:
    """A primary key (1..2^63-1) from `text`, or None: safe to hand to the ORM."""
    return parse_int(text, minimum=1, maximum=MAX_ID)


def year_in_range(
    value: datetime.date, *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR
) -> bool:
    return min_year <= value.year <= max_year


def parse_date(
    text: Any,
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
    patterns: tuple[str, ...] = DATE_PATTERNS,
) -> datetime.date | None:
    """The calendar date in `text` (a date, a datetime, or text in one of `patterns`) whose
    year is within min_year..max_year; None otherwise."""
    if isinstance(text, datetime.datetime):
        value: datetime.date | None = text.date()
    elif isinstance(text, datetime.date):
        value = text
    else:
        value = None
        raw = str(text if text is not None else "").strip()
        if len(raw) <= 32 and raw.isascii():
            for pattern in patterns:
                try:
                    value = datetime.datetime.strptime(raw, pattern).date()
                    break
                except ValueError:
                    continue
    if value is None or not year_in_range(value, min_year=min_year, max_year=max_year):
        return None
    return value


class _YearBounds:
    """Form-field mixin: a translated error for a date outside MIN_YEAR..MAX_YEAR."""

    min_year = MIN_YEAR
    max_year = MAX_YEAR

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and not year_in_range(
            result, min_year=self.min_year, max_year=self.max_year
        ):
            raise forms.ValidationError(
                MSG_DATE_RANGE,
                code="date_range",
                params={"min": self.min_year, "max": self.max_year},
            )
        return result


class BoundedDateField(_YearBounds, forms.DateField):
    """A DateField that refuses year 1 and year 9999 (which overflow date arithmetic)."""


class BoundedDateTimeField(_YearBounds, forms.DateTimeField):
    """A DateTimeField that refuses years outside MIN_YEAR..MAX_YEAR (year 1 overflows into UTC)."""
