"""core.parsing: ids, whole numbers and dates from text, and the bounded URL converter."""

import datetime

import pytest
from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

from core.converters import IdConverter
from core.parsing import (
    MAX_ID,
    BoundedDateField,
    BoundedDateTimeField,
    parse_date,
    parse_id,
    parse_int,
)


@pytest.mark.parametrize(
    "text", ["²", "١٢", "-1", "0", "1e3", " ", "", None, str(2**63), "9" * 40, "1.0", True]
)
def test_parse_id_refuses(text):
    assert parse_id(text) is None


def test_parse_id_accepts():
    assert parse_id(" 42 ") == 42 and parse_id(str(MAX_ID)) == MAX_ID and parse_id(7) == 7


@given(st.text(max_size=30))
@settings(max_examples=50, deadline=None)
def test_parse_id_never_raises_and_stays_in_64_bits(text):
    value = parse_id(text)
    assert value is None or 1 <= value <= MAX_ID


def test_parse_int_bounds():
    assert parse_int("5", maximum=4) is None and parse_int("0") == 0


@pytest.mark.parametrize(
    "text", ["0001-01-01", "9999-12-31", "31/02/2026", "²⁰²⁶-01-01", "x" * 100]
)
def test_parse_date_refuses(text):
    assert parse_date(text) is None


def test_parse_date_accepts():
    assert parse_date("2026-03-01") == datetime.date(2026, 3, 1)
    assert parse_date("01/03/2026") == datetime.date(2026, 3, 1)
    assert parse_date(datetime.datetime(2026, 3, 1, 8)) == datetime.date(2026, 3, 1)


def test_bounded_form_fields():
    class Form(forms.Form):
        day = BoundedDateField()
        at = BoundedDateTimeField()

    form = Form({"day": "0001-01-01", "at": "0001-01-01 00:00"})
    assert not form.is_valid()
    assert form.errors["day"][0].startswith("") and set(form.errors) == {"day", "at"}
    assert Form({"day": "2026-01-01", "at": "2026-01-01 08:00"}).is_valid()


def test_id_converter():
    converter = IdConverter()
    assert converter.to_python("12") == 12
    with pytest.raises(ValueError):
        converter.to_python(str(2**64))
