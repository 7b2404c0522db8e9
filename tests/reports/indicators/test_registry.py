"""The indicator registry is the one list: Summary, workbook and dashboard all derive from it."""

import dataclasses
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

import reports
from reports import indicators
from reports.views import dashboard
from reports.workbook import build_workbook, sheets
from tests.world import END, START
from volunteers.vocabulary import VULNERABILITY_GROUPS

KEYS = set(indicators.INDICATOR_KEYS)


def test_registry_covers_every_key_the_summary_produces(district_world):
    summary = indicators.summary(area=district_world.district, start=START, end=END)
    assert list(summary.as_dict()) == list(indicators.INDICATOR_KEYS)
    counted = {f.name for f in dataclasses.fields(indicators.Summary)} - {"vulnerable"}
    assert counted <= KEYS
    assert len(indicators.INDICATOR_KEYS) == len(KEYS)  # no key twice


def test_every_definition_is_complete():
    for item in indicators.DEFINITIONS:
        assert str(item.label) and str(item.description), item.key
        assert isinstance(item.kind, indicators.Kind) and item.decimals >= 0
        if item.is_ratio:
            assert item.ratio_of and set(item.ratio_of) <= KEYS and not item.additive
        else:
            assert item.ratio_of is None


def test_vulnerability_indicators_come_from_the_vocabulary():
    grouped = [item for item in indicators.DEFINITIONS if item.group is not None]
    assert [item.key for item in grouped] == [
        f"{group.key}_{part}"
        for group in VULNERABILITY_GROUPS
        for part in ("registered", "reached", "share")
    ]
    with translation.override("en"):
        labels = [str(item.label) for item in grouped[::3]]
        expected = [f"{group.label}: registered" for group in VULNERABILITY_GROUPS]
    assert labels == expected


def test_labels_translate_when_shown_not_when_defined():
    item = indicators.definition(f"{VULNERABILITY_GROUPS[0].key}_registered")
    with translation.override("en"):
        english = str(item.label)
    with translation.override("vi"):
        vietnamese = str(item.label)
    assert english != vietnamese


def test_ratios_are_their_parts_divided(district_world):
    values = indicators.summary(area=district_world.district, start=START, end=END).as_dict()
    for item in indicators.DEFINITIONS:
        if item.ratio_of:
            top, bottom = item.ratio_of
            expected = values[top] / values[bottom] if values[bottom] else None
            assert values[item.key] == expected, item.key


def test_no_vulnerability_group_listed_by_hand_in_reports():
    root = Path(reports.__file__).parent
    names = "|".join(re.escape(group.key) for group in VULNERABILITY_GROUPS)
    pattern = re.compile(rf"['\"]({names})(_\w+)?['\"]")
    for path in list(root.rglob("*.py")) + list(root.rglob("*.html")):
        if "migrations" in path.parts:
            continue
        assert not pattern.search(path.read_text()), path


# --- the workbook --------------------------------------------------------------------


@pytest.fixture
def workbook(district_world, tmp_path):
    path = tmp_path / "w.xlsx"
    with translation.override("en"):
        build_workbook(
            path,
            area=district_world.district,
            start=START,
            end=END,
            user=district_world.users["official"],
            language="en",
            include_names=False,
        )
    workbook = load_workbook(path)
    yield workbook
    workbook.close()


def labels(keys) -> list[str]:
    with translation.override("en"):
        return [str(indicators.definition(key).label) for key in keys]


def header(sheet) -> list:
    return [cell.value for cell in next(sheet.iter_rows(max_row=1))]


def test_workbook_columns_come_from_the_registry(workbook):
    assert set(sheets.MONTH_KEYS) <= KEYS and set(sheets.TEAM_KEYS) <= KEYS
    assert header(workbook["By sub-area"]) == ["Code", "Area", *labels(indicators.INDICATOR_KEYS)]
    assert header(workbook["By month"]) == ["Month", *labels(sheets.MONTH_KEYS)]
    assert header(workbook["Teams"]) == ["Team", "Area", *labels(sheets.TEAM_KEYS)]
    assert header(workbook["Certifications"])[2:4] == labels(
        ["certifications", "learners_certified"]
    )
    definitions = [row[0] for row in workbook["Definitions"].iter_rows(min_row=2, values_only=True)]
    assert definitions[: len(KEYS)] == labels(indicators.INDICATOR_KEYS)


def test_workbook_formats_and_totals_follow_each_definition(workbook):
    sheet = workbook["By sub-area"]
    rows = list(sheet.iter_rows())
    total = next(row for row in rows if row[1].value == "Total of the rows above")
    for index, key in enumerate(indicators.INDICATOR_KEYS, start=2):
        item = indicators.definition(key)
        cell = total[index]
        if item.is_ratio:
            assert cell.number_format.endswith("%") and "/" in cell.value, key
        elif not item.additive:
            assert cell.value is None, key
        else:
            assert "SUM(" in cell.value, key
        assert ("0.0" in cell.number_format) == bool(item.decimals), key


def test_summary_sheet_lines_are_the_headline_indicators(workbook):
    names = [row[0] for row in workbook["Summary"].iter_rows(values_only=True)]
    start = names.index("Indicator") + 1
    assert names[start : start + len(indicators.headline_keys())] == labels(
        indicators.headline_keys()
    )


# --- the dashboard ---------------------------------------------------------------


def test_dashboard_columns_come_from_the_registry(client, district_world):
    for keys in (
        dashboard.CHILD_COLUMNS,
        dashboard.MONTH_COLUMNS,
        dashboard.TEAM_COLUMNS,
        dashboard.SKILL_COLUMNS,
        dashboard.FIGURES,
        dashboard.KPI_CARDS,
    ):
        assert set(keys) <= KEYS
    assert all(indicators.definition(key).is_ratio for key in dashboard.KPI_CARDS)
    client.force_login(district_world.users["official"])
    response = client.get(
        reverse("reports:dashboard"),
        {"period": "custom", "start": START.isoformat(), "end": END.isoformat()},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    context = response.context
    assert [c["key"] for c in context["columns"]] == ["name", *dashboard.CHILD_COLUMNS]
    assert [str(c["label"]) for c in context["columns"][1:]] == labels(dashboard.CHILD_COLUMNS)
    assert [c.definition.key for c in context["children"][0].cells] == list(dashboard.CHILD_COLUMNS)
    assert [str(k["label"]) for k in context["kpis"]] == labels(
        [indicators.definition(key).ratio_of[0] for key in dashboard.KPI_CARDS]
    )
    body = response.content.decode()
    for text in labels(dashboard.CHILD_COLUMNS + dashboard.MONTH_COLUMNS + dashboard.TEAM_COLUMNS):
        assert text in body


def test_dashboard_template_writes_no_indicator_label():
    template = Path(reports.__file__).parent / "templates/reports/dashboard.html"
    text = template.read_text()
    for label in labels(indicators.INDICATOR_KEYS):
        assert f'class="num">{{% translate "{label}" %}}' not in text
        assert f'<dt>{{% translate "{label}" %}}' not in text
        assert f'label=_("{label}")' not in text
