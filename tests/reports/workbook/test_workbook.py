"""Workbook cells against counts made here from the rows the test created."""

import datetime
import zipfile
from collections import Counter

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from reports import indicators, rollups
from reports.workbook import build_workbook
from tests.world import REPORT_END, REPORT_START, YEAR, report_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return report_district()


def build(world, path, *, user=None, language="en", include_names=False, **kwargs):
    user = user or world.users["official"]
    with translation.override(language):
        return build_workbook(
            path,
            area=world.district,
            start=REPORT_START,
            end=REPORT_END,
            user=user,
            language=language,
            include_names=include_names,
            generated_by=user,
            **kwargs,
        )


def rows(path, title):
    workbook = load_workbook(path, read_only=True)
    try:
        # Write-only sheets carry no dimension: pad short rows to the header's width.
        found = [list(row) for row in workbook[title].iter_rows(values_only=True)]
        width = max((len(row) for row in found), default=0)
        return [row + [None] * (width - len(row)) for row in found]
    finally:
        workbook.close()


def visit_rows(path):
    workbook = load_workbook(path, read_only=True)
    titles = [title for title in workbook.sheetnames if title.startswith("Visits")]
    workbook.close()
    found = []
    for title in titles:
        sheet = rows(path, title)
        assert sheet[0][:2] == ["Date and time", "Household code"]
        found += sheet[1:]
    return titles, found


def test_visits_sheet_has_one_row_per_visit_in_the_period(world, tmp_path):
    path = tmp_path / "r.xlsx"
    expected = world.visits_in_period()
    assert len(expected) == 12  # 6 households x 2 visits in the period (1 before it)

    row_count = build(world, path)

    titles, found = visit_rows(path)
    assert titles == ["Visits"]
    assert row_count == len(found) == len(expected)
    assert Counter(row[1] for row in found) == Counter(visit.household.code for visit in expected)
    first = min(expected, key=lambda visit: visit.visited_at)
    assert found[0][0] == timezone.localtime(first.visited_at).replace(tzinfo=None)
    by_code_and_time = {(row[1], row[0]): row for row in found}
    for visit in expected:
        row = by_code_and_time[
            (visit.household.code, timezone.localtime(visit.visited_at).replace(tzinfo=None))
        ]
        assert row[2] == visit.household.area.name
        assert row[3] == visit.team.name
        assert row[4] == visit.volunteers.count()
        assert row[5] == visit.duration_minutes
        with translation.override("en"):
            assert row[6] == visit.get_outcome_display()
        assert (row[7] or "") == "; ".join(sorted(s.name for s in visit.skills.all()))
        assert (row[8] or "") == "; ".join(sorted(s.name for s in visit.services.all()))
        assert row[9] == visit.satisfaction
        assert (row[10].date() if row[10] else None) == visit.follow_up_on
    # Nothing from the other district, no names.
    flat = {str(value) for row in found for value in row}
    assert not any("Bùi Thị Lan" in value or "Hà Văn Tùng" in value for value in flat)


def test_names_only_when_asked_and_allowed(world, tmp_path):
    path = tmp_path / "named.xlsx"
    build(world, path, user=world.users["named"], include_names=True)
    _titles, found = visit_rows(path)
    header = rows(path, "Visits")[0]
    assert header[2] == "Head of household"
    names = {visit.household.code: visit.household.head_name for visit in world.visits_in_period()}
    assert all(row[2] == names[row[1]] for row in found)


def test_visits_continue_on_further_sheets_never_cut_off(world, tmp_path):
    path = tmp_path / "overflow.xlsx"
    expected = world.visits_in_period()
    # 5 rows a sheet = header + 4 visits: 12 visits need 3 sheets.
    row_count = build(world, path, rows_per_sheet=5)
    titles, found = visit_rows(path)
    assert titles == ["Visits", "Visits (2)", "Visits (3)"]
    assert [len(rows(path, title)) for title in titles] == [5, 5, 5]
    assert row_count == len(found) == len(expected)
    assert sorted(row[0] for row in found) == [row[0] for row in found]  # still in time order


def test_by_sub_area_has_a_row_per_child_and_formula_totals(world, tmp_path):
    path = tmp_path / "r.xlsx"
    build(world, path)
    sheet = rows(path, "By sub-area")
    header = sheet[0]
    visits_col = header.index("Visits")
    registered_col = header.index("Households registered")
    coverage_col = header.index("Coverage")
    by_code = {
        row[0]: row for row in sheet[1:] if row[0] and row[1] != "Whole area (as on Summary)"
    }
    assert set(by_code) == {commune.code for commune in world.communes}
    for commune in world.communes:
        expected_visits = len(world.visits_in_period(area=commune))
        expected_households = sum(
            1 for h in world.households if h.area.path.startswith(commune.path)
        )
        assert by_code[commune.code][visits_col] == expected_visits
        assert by_code[commune.code][registered_col] == expected_households
    totals = next(row for row in sheet if row[1] == "Total of the rows above")
    assert totals[visits_col] == "=SUM(G2:G4)"
    assert totals[coverage_col].startswith("=IF(")
    whole = next(row for row in sheet if row[1] == "Whole area (as on Summary)")
    assert whole[visits_col] == len(world.visits_in_period())
    assert whole[registered_col] == len(world.households)


def test_summary_certifications_teams_and_month_sheets(world, tmp_path):
    path = tmp_path / "r.xlsx"
    build(world, path)
    summary = {row[0]: row[1:] for row in rows(path, "Summary") if row and row[0]}
    assert summary["Area"][0] == f"{world.district.name} ({world.district.code})"
    assert summary["Period from"][0].date() == REPORT_START
    assert summary["Visits"][0] == len(world.visits_in_period())
    done = {v.household_id for v in world.visits_in_period() if v.outcome == "done"}
    target = indicators.prorated(8, *YEAR, REPORT_START, REPORT_END)  # pro-rated to the period
    assert summary["Households reached"][:3] == [len(done), target, len(done) / target]

    certs = rows(path, "Certifications")
    assert certs[0][:4] == ["Skill code", "Skill", "Certificates", "Learners certified"]
    assert certs[1][1] == world.skills[0].name and certs[1][2] == len(world.certifications)
    assert certs[2][2] == "=SUM(C2:C2)"

    teams = rows(path, "Teams")
    by_team = {row[0]: row for row in teams[1:]}
    for team in world.teams:
        assert by_team[team.name][teams[0].index("Visits")] == sum(
            1 for visit in world.visits_in_period() if visit.team_id == team.pk
        )

    months = rows(path, "By month")
    assert [row[0].date() for row in months[1:]] == [
        datetime.date(2026, 8, 1),
        datetime.date(2026, 9, 1),
        datetime.date(2026, 10, 1),
    ]
    assert sum(row[1] for row in months[1:]) == len(world.visits_in_period())


def test_layout_frozen_filtered_formatted_and_charted(world, tmp_path):
    path = tmp_path / "r.xlsx"
    build(world, path)
    workbook = load_workbook(path)  # normal mode: sheet settings are read back
    visits = workbook["Visits"]
    assert visits.freeze_panes == "A2"
    assert visits.auto_filter.ref == "A1:K13"
    assert visits.print_title_rows == "$1:$1"
    assert visits.page_setup.orientation == "landscape"
    assert visits.sheet_properties.pageSetUpPr.fitToPage
    assert visits["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert visits.column_dimensions["A"].width > 10
    by_area = workbook["By sub-area"]
    rules = [rule for ranges in by_area.conditional_formatting for rule in ranges.rules]
    assert any(rule.type == "dataBar" for rule in rules)
    assert workbook.sheetnames == [
        "Summary",
        "By sub-area",
        "By month",
        "Certifications",
        "Teams",
        "Visits",
        "Definitions",
    ]
    with zipfile.ZipFile(path) as archive:
        assert any(name.startswith("xl/charts/chart") for name in archive.namelist())
    definitions = [row[0] for row in rows(path, "Definitions")[1:]]
    assert "Coverage" in definitions and "Volunteer hours" in definitions


def test_volunteer_report_counts_only_their_teams(world, tmp_path):
    path = tmp_path / "r.xlsx"
    leader = world.users["volunteers"][0]  # leads the first team only
    build(world, path, user=leader)
    _titles, found = visit_rows(path)
    assert len(found) == sum(
        1 for v in world.visits_in_period() if v.household.team_id == world.teams[0].pk
    )


def test_query_count_does_not_grow_with_rows(world, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.volunteers.factories import VisitFactory
    from tests.world import local_dt

    def official():  # a fresh user object: access caches roles on it
        return type(world.users["official"]).objects.get(pk=world.users["official"].pk)

    rollups.settle()
    with CaptureQueriesContext(connection) as small:
        build(world, tmp_path / "small.xlsx", user=official())
    for n, household in enumerate(world.households * 5):
        visit = VisitFactory(
            household=household,
            visited_at=local_dt(REPORT_START + datetime.timedelta(days=n % 60), 9, 15),
            volunteers=world.users["volunteers"][:2],
        )
        visit.skills.set(world.skills)
        visit.services.set(world.services)
    rollups.settle()  # the writes' refresh (eager mode) runs before the build, not in it
    with CaptureQueriesContext(connection) as large:
        assert (
            build(world, tmp_path / "large.xlsx", user=official())
            == len(world.visits_in_period()) + 30
        )
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize(
    ("language", "sheet", "first_header", "date_format"),
    [
        ("vi", "Lượt thăm", "Ngày giờ", "dd/mm/yyyy hh:mm"),
        ("de", "Besuche", "Datum und Uhrzeit", "dd.mm.yyyy hh:mm"),
    ],
)
def test_labels_and_dates_in_the_requested_language(
    world, tmp_path, language, sheet, first_header, date_format
):
    path = tmp_path / f"{language}.xlsx"
    build(world, path, language=language)
    workbook = load_workbook(path)
    assert sheet in workbook.sheetnames
    assert workbook[sheet]["A1"].value == first_header
    assert workbook[sheet]["A2"].number_format == date_format
