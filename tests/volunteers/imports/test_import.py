"""Bulk import of areas and households (volunteers/imports/, the import_data command)."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from volunteers import imports, messages
from volunteers.models import Area, Household

pytestmark = pytest.mark.django_db

HOUSEHOLD_HEADER = list(imports.HOUSEHOLD_COLUMNS)


def csv_file(rows, header, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return io.BytesIO(buffer.getvalue().encode("utf-8-sig"))


def xlsx_file(rows, header):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def household_row(
    code,
    area="V1",
    team="Tổ Ân Nghĩa",
    head="Lò Thị Hoa",
    consent_by="Lò Thị Hoa",
    consent_date="2026-03-01",
    size="4",
    elderly="1",
):
    return [
        code,
        area,
        team,
        "Bản Mường",
        head,
        "0912345678",
        size,
        elderly,
        "0",
        "yes",
        "",
        consent_by,
        consent_date,
    ]


def errors_by_row(report):
    found = {}
    for error in report.errors:
        found.setdefault(error.row, []).append((error.column, error.message))
    return found


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_households_import_keeps_good_rows_and_reports_bad_ones(world, make_file):
    rows = [
        household_row("IMP1"),  # row 2: good
        household_row("IMP2", area="C2"),  # row 3: other district's area
        household_row("IMP3", consent_by="", consent_date=""),  # row 4: personal data, no consent
        household_row("IMP4", size="many", elderly="maybe"),  # row 5: two bad cells
        household_row("IMP5", team=str(world.team.pk)),  # row 6: good, team by id
        household_row("IMP1"),  # row 7: duplicate code
        household_row("IMP7", team="Tổ Bao La"),  # row 8: another district's team
        household_row("IMP8", consent_date="2999-01-01"),  # row 9: consent in the future
    ]
    report = imports.households_import(
        file=make_file(rows, HOUSEHOLD_HEADER), user=world.users["volunteer"]
    )

    assert (report.rows, report.created, report.failed_rows) == (8, 2, 6)
    assert set(Household.objects.filter(code__startswith="IMP").values_list("code", flat=True)) == {
        "IMP1",
        "IMP5",
    }
    errors = errors_by_row(report)
    assert errors[3] == [("area_code", str(imports.MSG_AREA_UNKNOWN))]
    assert ("consent_given_by", str(messages.CONSENT_REQUIRED)) in errors[4]
    assert ("consent_date", str(messages.CONSENT_REQUIRED)) in errors[4]
    assert {column for column, _message in errors[5]} == {"size", "elderly"}
    assert errors[7] == [("code", str(imports.MSG_HOUSEHOLD_EXISTS))]
    assert errors[8] == [("team", str(imports.MSG_TEAM_UNKNOWN))]
    assert errors[9] == [("consent_date", str(imports.MSG_FUTURE_DATE))]

    saved = Household.objects.get(code="IMP1")
    assert (saved.area, saved.team, saved.size) == (Area.objects.get(code="V1"), world.team, 4)
    assert saved.is_elderly and saved.is_low_income and not saved.has_disability
    assert saved.consent_given_by == "Lò Thị Hoa"
    assert saved.consent_recorded_by == world.users["volunteer"]
    assert saved.consent_at.date() == datetime.date(2026, 3, 1)
    assert "lo thi hoa" in saved.search_text


def test_household_row_failing_in_the_service_leaves_nothing(world):
    """The area is visible to the superuser but outside the team's area: the service refuses it."""
    report = imports.households_import(
        file=csv_file([household_row("HALF1", area="C2")], HOUSEHOLD_HEADER),
        user=world.users["superuser"],
    )
    assert report.created == 0
    assert report.errors[0].row == 2 and report.errors[0].column == "area_code"
    assert not Household.objects.filter(code="HALF1").exists()


def test_official_cannot_import_households(world):
    report = imports.households_import(
        file=csv_file([household_row("OFF1")], HOUSEHOLD_HEADER), user=world.users["official"]
    )
    assert report.created == 0
    assert ("team", str(imports.MSG_TEAM_UNKNOWN)) in errors_by_row(report)[2]
    assert not Household.objects.filter(code="OFF1").exists()


def test_missing_columns_and_unreadable_file(world):
    report = imports.households_import(
        file=csv_file([["X"]], ["code"]), user=world.users["volunteer"]
    )
    assert report.errors[0].row == 1 and "area_code" in report.errors[0].message
    report = imports.households_import(
        file=io.BytesIO(b"PK\x03\x04broken"), user=world.users["volunteer"]
    )
    assert report.errors[0].message == str(imports.MSG_UNREADABLE)


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_areas_import_parents_earlier_in_the_file(world, make_file):
    rows = [
        ["P9", "Tỉnh Lào Cai", "province", ""],  # row 2: a root, superuser only
        ["P9-D1", "Huyện Bát Xát", "district", "P9"],  # row 3: parent from row 2
        ["P9-D1-C1", "Xã Y Tý", "Commune", "P9-D1"],  # row 4: level by label
        ["P9-X", "Xã Sai", "hamlet", "P9-D1"],  # row 5: unknown level
        ["P9-Y", "Xã Mồ Côi", "commune", "NOPE"],  # row 6: unknown parent
        ["P9-D1", "Huyện Bát Xát Mới", "district", "P9"],  # row 7: rename
        ["", "", "commune", "P9-D1"],  # row 8: code and name missing
    ]
    report = imports.areas_import(
        file=make_file(rows, list(imports.AREA_COLUMNS)), user=world.users["superuser"]
    )

    assert (report.created, report.updated, report.failed_rows) == (3, 1, 3)
    errors = errors_by_row(report)
    assert [column for column, _m in errors[5]] == ["level"]
    assert errors[6] == [("parent_code", str(imports.MSG_PARENT_UNKNOWN))]
    assert {column for column, _m in errors[8]} == {"code", "name"}
    commune = Area.objects.get(code="P9-D1-C1")
    assert commune.level == Area.Level.COMMUNE
    assert commune.get_parent().name == "Huyện Bát Xát Mới"
    assert commune.get_parent().get_parent().code == "P9"
    assert Area.objects.get(code="P9").numchild == 1
    assert not Area.objects.filter(code__in=["P9-X", "P9-Y"]).exists()


def test_areas_import_respects_access(world):
    rows = [
        ["NEW-ROOT", "Tỉnh Mới", "province", ""],
        ["C1-V9", "Thôn Mới", "village", "C1"],
        ["C2-V9", "Thôn Khác", "village", "C2"],
    ]
    report = imports.areas_import(
        file=csv_file(rows, list(imports.AREA_COLUMNS)), user=world.users["volunteer"]
    )
    errors = errors_by_row(report)
    assert errors[2] == [("parent_code", str(messages.AREA_ROOT_FORBIDDEN))]
    assert errors[4] == [("parent_code", str(messages.AREA_OUTSIDE_SCOPE))]
    assert report.created == 1 and Area.objects.get(code="C1-V9").get_parent().code == "C1"


def test_semicolon_csv_and_errors_csv(world):
    report = imports.households_import(
        file=csv_file(
            [household_row("SEMI1"), household_row("SEMI2", area="NOWHERE")], HOUSEHOLD_HEADER, ";"
        ),
        user=world.users["volunteer"],
    )
    assert report.created == 1
    lines = list(csv.reader(io.StringIO(report.errors_csv())))
    assert lines[1] == ["3", "area_code", str(imports.MSG_AREA_UNKNOWN)]


def test_import_data_command(world, tmp_path, capsys):
    areas = tmp_path / "areas.xlsx"
    areas.write_bytes(
        xlsx_file([["CMD-P", "Tỉnh Lệnh", "province", ""]], list(imports.AREA_COLUMNS)).read()
    )
    call_command("import_data", "--areas", str(areas))
    assert Area.objects.filter(code="CMD-P", depth=1).exists()

    households = tmp_path / "households.csv"
    households.write_bytes(
        csv_file([household_row("CMD1"), household_row("CMD2", area="C2")], HOUSEHOLD_HEADER).read()
    )
    with pytest.raises(CommandError, match="--user"):
        call_command("import_data", "--households", str(households))
    with pytest.raises(CommandError, match="1 row"):
        call_command("import_data", "--households", str(households), "--user", "volunteer")
    assert Household.objects.filter(code="CMD1").exists()
    assert "row 3 [area_code]" in capsys.readouterr().err


def test_xlsx_date_cells_numbers_and_blank_rows(world):
    rows = [
        [
            "XL1",
            "V1",
            "Tổ Ân Nghĩa",
            "Bản Mường",
            "Lò Thị Hoa",
            "0912",
            3,
            1,
            0,
            "x",
            "không",
            "Lò Thị Hoa",
            datetime.datetime(2026, 2, 14),
        ],
        [None] * 13,  # row 3: blank, skipped
        [
            "XL2",
            "V1",
            world.team.pk,
            "",
            "",
            "",
            2.0,
            "",
            "",
            "",
            "",
            "",
            None,
        ],  # row 4: no personal data
    ]
    report = imports.households_import(
        file=xlsx_file(rows, HOUSEHOLD_HEADER), user=world.users["leader"]
    )
    assert (report.rows, report.created, report.errors) == (2, 2, [])
    first, second = Household.objects.get(code="XL1"), Household.objects.get(code="XL2")
    assert first.consent_at.date() == datetime.date(2026, 2, 14) and first.is_low_income
    assert not first.is_ethnic_minority
    assert second.size == 2 and second.consent_at is None and second.head_name == ""


def test_the_problems_csv_never_holds_a_formula():
    import csv
    import io

    from volunteers.imports.report import ImportReport

    report = ImportReport(kind="households")
    report.add_error(2, "=cmd|' /C calc'!A0", '=HYPERLINK("http://evil")')
    rows = list(csv.reader(io.StringIO(report.errors_csv())))
    assert rows[1][1].startswith("'=") and rows[1][2].startswith("'=")
