"""My reports page, asking for a workbook, downloading it: access answers 404 outside scope."""

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.models import ReportRequest
from tests.world import REPORT_END, REPORT_START, report_district
from volunteers.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return report_district()


def ask(client, world, *, user=None, area=None, **extra):
    client.force_login(user or world.users["official"])
    data = {
        "area": (area or world.district).pk,
        "start": REPORT_START.isoformat(),
        "end": REPORT_END.isoformat(),
        "language": "en",
        **extra,
    }
    return client.post(reverse("reports:request"), data)


def test_anonymous_is_sent_to_login(client, world):
    for url in (
        reverse("reports:list"),
        reverse("reports:download", args=["00000000-0000-0000-0000-000000000000"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_ask_build_list_and_download(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, world)
    assert response.status_code == 302 and response["Location"] == reverse("reports:list")
    report = ReportRequest.objects.get()
    assert report.status == ReportRequest.Status.READY  # small area: built on the spot
    assert report.row_count == len(world.visits_in_period())
    assert not report.include_names  # this official's role does not allow names

    page = client.get(reverse("reports:list"))
    assert page.status_code == 200
    assert reverse("reports:download", args=[report.public_id]) in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()

    response = client.get(reverse("reports:download", args=[report.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == services.XLSX_CONTENT_TYPE
    assert (
        # The area's name folded to ASCII ("Huyện Lạc Sơn"), not its official code.
        'attachment; filename="report-huyen-lac-son-2026-08-01-2026-10-31.xlsx"'
        == response["Content-Disposition"]
    )
    path = services.report_file_path(report)
    assert b"".join(response.streaming_content) == path.read_bytes()
    assert "media" not in str(path.parent) and str(path).startswith(
        str(services.report_directory())
    )
    workbook = load_workbook(path, read_only=True)
    assert "Visits" in workbook.sheetnames
    workbook.close()


def test_someone_elses_or_another_districts_report_is_404(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, world)
    report = ReportRequest.objects.get()
    url = reverse("reports:download", args=[report.public_id])
    # Another district's official, and an official of the same district who did not ask for it.
    for user in (world.users["other_official"], world.users["named"]):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(reverse("reports:retry", args=[report.public_id])).status_code == 404
    # The owner who lost the area: 404 as well.
    world.users["official"].official_roles.all().delete()
    client.force_login(world.users["official"])
    assert client.get(url).status_code == 404


def test_asking_for_another_districts_area_is_404(client, world):
    response = ask(client, world, area=world.other_district)
    assert response.status_code == 404
    assert not ReportRequest.objects.exists()


def test_bad_period_is_shown_not_saved(client, world):
    response = ask(client, world, start=REPORT_END.isoformat(), end=REPORT_START.isoformat())
    assert response.status_code == 400
    assert str(services.ERROR_PERIOD_ORDER) in response.content.decode()
    assert not ReportRequest.objects.exists()


def test_names_only_for_a_role_that_allows_them(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, world, user=world.users["named"])
    report = ReportRequest.objects.get()
    assert report.include_names
    response = client.get(reverse("reports:download", args=[report.public_id]))
    assert response.status_code == 200
    assert (
        AccessLog.objects.filter(user=world.users["named"], action=AccessLog.Action.EXPORT).count()
        == 1
    )


def test_list_refreshes_while_a_report_is_queued(client, world):
    ReportRequest.objects.create(
        area=world.district,
        period_start=REPORT_START,
        period_end=REPORT_END,
        requested_by=world.users["official"],
    )
    client.force_login(world.users["official"])
    page = client.get(reverse("reports:list")).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    # Not ready: nothing to download yet.
    report = ReportRequest.objects.get()
    assert client.get(reverse("reports:download", args=[report.public_id])).status_code == 404


def test_list_page_queries_stay_constant(client, world, django_assert_max_num_queries):
    for _ in range(30):
        ReportRequest.objects.create(
            area=world.district,
            period_start=REPORT_START,
            period_end=REPORT_END,
            requested_by=world.users["official"],
            status=ReportRequest.Status.FAILED,
            error="boom",
        )
    client.force_login(world.users["official"])
    with django_assert_max_num_queries(15):
        assert client.get(reverse("reports:list")).status_code == 200


def test_vietnamese_file_name(world):
    report = ReportRequest(
        area=world.district, period_start=REPORT_START, period_end=REPORT_END, language="vi"
    )
    assert services.report_download_name(report).startswith("bao-cao-")
