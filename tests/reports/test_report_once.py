"""A workbook asked for twice while the workers are busy is built once."""

from unittest import mock

import pytest

from reports import services
from reports.models import ReportRequest
from tests.world import REPORT_END, REPORT_START, report_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return report_district()


def ask(world):
    return services.report_request_create(
        user=world.users["official"],
        area=world.district,
        start=REPORT_START,
        end=REPORT_END,
        language="vi",
    )


def test_asking_again_while_it_is_queued_returns_the_same_request(
    world, django_capture_on_commit_callbacks
):
    # Busy workers: nothing runs the queued build.
    with mock.patch.object(services, "_queue_build") as queue:
        first = ask(world)
        second = ask(world)
    assert second.pk == first.pk
    assert ReportRequest.objects.filter(requested_by=world.users["official"]).count() == 1
    assert queue.call_count == 1


def test_a_finished_or_failed_report_can_be_asked_for_again(world):
    with mock.patch.object(services, "_queue_build"):
        first = ask(world)
        ReportRequest.objects.filter(pk=first.pk).update(status=ReportRequest.Status.READY)
        second = ask(world)
    assert second.pk != first.pk


def test_another_period_is_another_report(world):
    with mock.patch.object(services, "_queue_build"):
        first = ask(world)
        other = services.report_request_create(
            user=world.users["official"],
            area=world.district,
            start=REPORT_START,
            end=REPORT_START,
            language="vi",
        )
    assert other.pk != first.pk
