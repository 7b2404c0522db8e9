"""Chart axes and dashboard tables write numbers the same way (one function)."""

from django.utils import translation

from reports.charts import Series, bar_chart
from reports.numbers import format_number, format_percent
from reports.templatetags.dashboard_tags import indicator, num, percent


def _chart(values, decimals=0):
    return str(
        bar_chart(title="t", categories=["01/2026"], series=[Series("V", values, "c", decimals)])
    )


def test_axis_labels_use_the_tables_grouping_and_decimal_separator():
    with translation.override("de"):
        svg = _chart([12_000])  # the axis tops at 20,000 and halves at 10,000
        assert ">20.000<" in svg and ">10.000<" in svg
        assert "20k" not in svg
        assert num(20_000) == "20.000" == format_number(20_000)
        half = _chart([1])  # a peak of 1: the middle line is a half
        assert ">0,5<" in half and "0.5" not in half


def test_bar_titles_use_the_indicators_decimals():
    with translation.override("vi"):
        svg = _chart([2.5], decimals=1)
        assert ": 2,5</title>" in svg
        assert format_number(2.5, 1) == "2,5"


def test_percent_and_missing_values_are_the_same_everywhere():
    from reports.indicators import definition

    with translation.override("en"):
        assert percent(0.643) == format_percent(0.643) == "64 %"
        assert num(None) == format_number(None) == "–"
        assert indicator(1234.56, definition("volunteer_hours")) == "1,234.6"
