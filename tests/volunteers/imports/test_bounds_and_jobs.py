"""Import bounds checked before parsing, malformed files reported, imports as jobs."""

import io
import time
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook

from core.parsing import parse_date, parse_id
from tests.volunteers.imports.test_import import HOUSEHOLD_HEADER, csv_file, household_row
from volunteers import imports
from volunteers.imports import jobs, reader
from volunteers.imports.tasks import run_import_job
from volunteers.models import Household, ImportJob

pytestmark = pytest.mark.django_db


def xlsx_bytes(rows, header=HOUSEHOLD_HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_dimension(data: bytes, ref: str) -> bytes:
    """The same workbook with its first sheet declaring `ref` as its dimension."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                start = text.index("<dimension")
                end = text.index("/>", start) + 2
                content = (text[:start] + f'<dimension ref="{ref}"/>' + text[end:]).encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def only_errors(report):
    return [(error.row, error.message) for error in report.errors]


def test_huge_declared_dimension_is_refused_before_parsing(world):
    data = with_dimension(xlsx_bytes([household_row("D1")]), "A1:XFD1048576")
    assert len(data) < 10_000
    started = time.monotonic()
    report = imports.households_import(file=io.BytesIO(data), user=world.users["volunteer"])
    assert time.monotonic() - started < 2
    assert only_errors(report) == [
        (0, str(reader.MSG_TOO_MANY_COLUMNS % {"max": reader.MAX_COLUMNS}))
    ]
    tall = with_dimension(xlsx_bytes([household_row("D1")]), "A1:M1048576")
    report = imports.households_import(file=io.BytesIO(tall), user=world.users["volunteer"])
    assert only_errors(report) == [(0, str(reader.MSG_TOO_MANY_ROWS % {"max": reader.MAX_ROWS}))]
    assert not Household.objects.filter(code="D1").exists()


def test_inflated_size_is_checked_from_the_zip_directory(world, monkeypatch):
    monkeypatch.setattr(reader, "MAX_INFLATED_BYTES", 2_000)
    data = xlsx_bytes([household_row("Z1")])
    report = imports.households_import(file=io.BytesIO(data), user=world.users["volunteer"])
    assert only_errors(report) == [(0, str(reader.MSG_INFLATED_TOO_LARGE % {"max": 0}))]


def test_blank_rows_count_against_the_row_limit(world, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    rows = [household_row("B1")] + [[""] * len(HOUSEHOLD_HEADER)] * 10
    report = imports.households_import(
        file=csv_file(rows, HOUSEHOLD_HEADER), user=world.users["volunteer"]
    )
    assert only_errors(report) == [(0, str(reader.MSG_TOO_MANY_ROWS % {"max": 5}))]
    assert not Household.objects.filter(code="B1").exists()


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 not really a zip",
        b"\x00\x01\x02\xff\xfe binary",
        b'code,area_code,team\n"unterminated' + b"\x00",
    ],
    ids=["not-a-zip", "binary", "nul"],
)
def test_malformed_files_get_a_report(world, data):
    report = imports.households_import(file=io.BytesIO(data), user=world.users["volunteer"])
    assert only_errors(report) == [(0, str(reader.MSG_UNREADABLE))]


def test_truncated_xlsx_gets_a_report(world):
    data = xlsx_bytes([household_row(f"T{n}") for n in range(50)])
    for cut in (len(data) // 3, len(data) - 200):
        report = imports.households_import(
            file=io.BytesIO(data[:cut]), user=world.users["volunteer"]
        )
        assert report.errors and report.errors[0].row == 0
    assert not Household.objects.filter(code__startswith="T").exists()


def test_a_200_kb_csv_cell_is_a_report_not_a_500(world):
    rows = [household_row("L1"), household_row("L2", head="x" * 200_000)]
    report = imports.households_import(
        file=csv_file(rows, HOUSEHOLD_HEADER), user=world.users["volunteer"]
    )
    assert only_errors(report) == [
        (3, str(reader.MSG_CELL_TOO_LONG % {"max": reader.MAX_CELL_CHARS}))
    ]
    assert not Household.objects.filter(code__in=["L1", "L2"]).exists()  # all or nothing per file


def test_unicode_digits_are_not_numbers(world):
    rows = [
        household_row("U1", size="²"),
        household_row("U2", team="²"),
        household_row("U3", size="١٢"),
        household_row("U4", consent_date="0001-01-01"),
        household_row("U5", team=str(2**64)),
        household_row("U6"),
    ]
    report = imports.households_import(
        file=csv_file(rows, HOUSEHOLD_HEADER), user=world.users["volunteer"]
    )
    by_row = {error.row: error.column for error in report.errors}
    assert by_row == {2: "size", 3: "team", 4: "size", 5: "consent_date", 6: "team"}
    assert list(Household.objects.filter(code__startswith="U").values_list("code", flat=True)) == [
        "U6"
    ]


def test_an_unexpected_row_error_is_reported_and_rolled_back(world, monkeypatch):
    from volunteers import services

    def explode(**kwargs):
        raise OverflowError("boom")

    monkeypatch.setattr(services, "household_create", explode)
    report = imports.households_import(
        file=csv_file([household_row("X1")], HOUSEHOLD_HEADER), user=world.users["volunteer"]
    )
    assert only_errors(report) == [(2, str(imports.report.MSG_ROW_FAILED))]
    assert not Household.objects.filter(code="X1").exists()


def test_job_commits_counters_with_each_chunk(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    """A crash after the first chunk: the job says exactly which rows are in the database."""
    monkeypatch.setattr(imports.report, "CHUNK_ROWS", 2)
    rows = [household_row(f"J{n}") for n in range(5)]
    upload = csv_file(rows, HOUSEHOLD_HEADER)
    upload.name = "h.csv"
    user = world.users["volunteer"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.import_job_create(user=user, kind="households", upload=upload)
    assert len(callbacks) == 1 and job.status == ImportJob.Status.QUEUED

    from volunteers.imports import rows as rows_module

    original = rows_module.HouseholdRows.save
    calls = {"n": 0}

    def save_then_die(self, values):
        calls["n"] += 1
        if calls["n"] == 3:
            raise SystemExit("worker killed")  # not an Exception: escapes the row's handler
        return original(self, values)

    monkeypatch.setattr(rows_module.HouseholdRows, "save", save_then_die)
    with pytest.raises(SystemExit):
        run_import_job(job.pk)
    job.refresh_from_db()
    saved = set(Household.objects.filter(code__startswith="J").values_list("code", flat=True))
    assert saved == {"J0", "J1"} and job.rows_done == 2 and job.created == 2
    assert job.status == ImportJob.Status.RUNNING


def test_job_runs_after_commit_and_reports(world, django_capture_on_commit_callbacks):
    rows = [household_row("Q1"), household_row("Q2", area="C2")]
    upload = csv_file(rows, HOUSEHOLD_HEADER)
    upload.name = "h.csv"
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.import_job_create(
            user=world.users["volunteer"], kind="households", upload=upload
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and (job.created, job.failed_rows) == (1, 1)
    assert job.errors == [[3, "area_code", str(imports.MSG_AREA_UNKNOWN)]]
    assert job.file_name == "" and not list(jobs.import_directory().glob("*"))
    assert run_import_job(job.pk) == "skipped"


def _login(client, user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_household"),
    )
    client.force_login(user)


def test_large_upload_is_queued_and_its_page_polls(
    client, world, django_capture_on_commit_callbacks, monkeypatch
):
    from volunteers.admin import imports as screen

    monkeypatch.setattr(screen, "INLINE_MAX_BYTES", 10)
    user = world.users["volunteer"]
    _login(client, user)
    upload = csv_file([household_row("P1")], HOUSEHOLD_HEADER)
    upload.name = "h.csv"
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("coordination_import:index"), {"kind": "households", "file": upload}
        )
    job = ImportJob.objects.get(created_by=user)
    assert response.status_code == 302
    assert response["Location"] == reverse("coordination_import:job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "import-progress.js" in page and "<script>" not in page
    status = client.get(reverse("coordination_import:status", args=[job.pk])).json()
    assert status == {
        "status": "queued",
        "finished": False,
        "rows_total": 0,
        "rows_done": 0,
        "percent": 0,
    }
    run_import_job(job.pk)
    assert client.get(reverse("coordination_import:status", args=[job.pk])).json()["finished"]
    assert "P1" in set(Household.objects.values_list("code", flat=True))
    # Someone else's job is a 404, as is an id past 64 bits.
    assert client.get(f"/admin/coordination/import/jobs/{2**64}/status/").status_code == 404
    _login(client, world.users["leader"])
    assert client.get(reverse("coordination_import:status", args=[job.pk])).status_code == 404


def test_parse_helpers_used_by_the_import():
    assert parse_id("²") is None and parse_id(str(2**63)) is None and parse_id("12") == 12
    assert parse_date("0001-01-01") is None
