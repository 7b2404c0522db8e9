"""URL path converters bounded to what the database can hold.

Django's `<int:pk>` hands any run of digits to the view, and a 25-digit id
makes PostgreSQL raise "bigint out of range" (a 500) and SQLite raise
OverflowError. `<id:pk>` matches only 1..2^63-1: anything else is a 404.
"""

from __future__ import annotations

from .parsing import parse_id


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        parsed = parse_id(value)
        if parsed is None:
            raise ValueError(value)  # Django treats ValueError as "no match": a 404
        return parsed

    def to_url(self, value: int | str) -> str:
        return str(value)


def register_id_converter() -> None:
    """Register `<id:...>` once (the root URLconf and the Wagtail admin hooks both need it)."""
    from django.urls.converters import get_converters, register_converter

    if "id" not in get_converters():
        register_converter(IdConverter, "id")
