"""A numeric official code is never taken for a primary key (nor the other way round).

Forms and links send primary keys; `build_report --area` takes the official
code and `--area-id` the primary key.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.models import ReportRequest, ReportSubscription
from tests.world import NUMERIC_PK, REPORT_END, REPORT_START, report_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return report_district(numeric_areas=True)


def ask(client, user, area_value):
    client.force_login(user)
    return client.post(
        reverse("reports:request"),
        {
            "area": area_value,
            "start": REPORT_START.isoformat(),
            "end": REPORT_END.isoformat(),
            "language": "en",
        },
    )


@pytest.mark.parametrize("which", ["keyed", "coded"])
def test_report_request_posts_a_primary_key(client, world, which):
    area = getattr(world.numeric, which)
    response = ask(client, world.users["official"], str(area.pk))
    assert response.status_code == 302
    assert ReportRequest.objects.get().area == area


def test_report_request_for_pk_79_is_not_the_area_coded_79(client, world):
    ask(client, world.users["official"], "79")
    report = ReportRequest.objects.get()
    assert (report.area.pk, report.area.code) == (NUMERIC_PK, str(world.numeric.coded.pk))
    assert report.area != world.numeric.coded


def test_report_request_never_looks_up_a_code(client, world):
    # A non-numeric official code is not a primary key: the form refuses it, nothing is saved.
    response = ask(client, world.users["official"], world.district.code)
    assert response.status_code == 400
    assert not ReportRequest.objects.exists()


def test_report_request_for_an_invisible_pk_is_404(client, world):
    response = ask(client, world.users["other_official"], "79")
    assert response.status_code == 404
    assert not ReportRequest.objects.exists()


def test_service_takes_an_area_or_its_pk(world):
    official = world.users["official"]
    by_pk = services.report_request_create(
        user=official, area=NUMERIC_PK, start=REPORT_START, end=REPORT_END, queue=False
    )
    by_object = services.report_request_create(
        user=official, area=world.numeric.coded, start=REPORT_START, end=REPORT_END, queue=False
    )
    assert (by_pk.area, by_object.area) == (world.numeric.keyed, world.numeric.coded)


@pytest.mark.parametrize("which", ["keyed", "coded"])
def test_subscription_posts_a_primary_key(client, world, which):
    area = getattr(world.numeric, which)
    client.force_login(world.users["official"])
    response = client.post(
        reverse("reports:subscribe"), {"sub-area": str(area.pk), "sub-language": "vi"}
    )
    assert response.status_code == 302
    assert ReportSubscription.objects.get(user=world.users["official"]).area == area


def test_subscription_for_pk_79_is_not_the_area_coded_79(client, world):
    client.force_login(world.users["official"])
    client.post(reverse("reports:subscribe"), {"sub-area": "79", "sub-language": "en"})
    assert ReportSubscription.objects.get().area == world.numeric.keyed
    services.subscription_create(user=world.users["named"], area=NUMERIC_PK)
    assert ReportSubscription.objects.get(user=world.users["named"]).area == world.numeric.keyed


def build_report(tmp_path, *area_args):
    out = tmp_path / "report.xlsx"
    stdout = StringIO()
    call_command(
        "build_report",
        *area_args,
        "--from",
        REPORT_START.isoformat(),
        "--to",
        REPORT_END.isoformat(),
        "--out",
        str(out),
        "--language",
        "en",
        stdout=stdout,
    )
    workbook = load_workbook(out, read_only=True)
    by_label = {
        row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True) if len(row) > 1
    }
    workbook.close()
    return stdout.getvalue(), by_label["Area"]


def test_build_report_area_is_the_official_code(world, tmp_path):
    output, area = build_report(tmp_path, "--area", "79")
    coded = world.numeric.coded
    assert area == f"{coded.name} (79)"
    assert f"{coded.name} (79)" in output


def test_build_report_area_id_is_the_primary_key(world, tmp_path):
    output, area = build_report(tmp_path, "--area-id", str(NUMERIC_PK))
    keyed = world.numeric.keyed
    assert area == f"{keyed.name} ({keyed.code})"
    assert keyed.name in output


def test_build_report_unknown_id(world, tmp_path):
    with pytest.raises(CommandError, match="No area with the id 999999"):
        build_report(tmp_path, "--area-id", "999999")


def test_build_report_takes_code_or_id_not_both(world, tmp_path):
    with pytest.raises(CommandError):
        build_report(tmp_path, "--area", "79", "--area-id", str(NUMERIC_PK))
