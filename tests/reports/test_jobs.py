"""Background builds: the queue, the failure path and retry, the monthly schedule."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from reports import schedules, services, tasks
from reports.models import ReportRequest, ReportSubscription
from tests.world import REPORT_END, REPORT_START, report_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return report_district()


def private_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def create(world, **kwargs):
    return services.report_request_create(
        user=world.users["official"],
        area=world.district,
        start=REPORT_START,
        end=REPORT_END,
        language="en",
        **kwargs,
    )


def test_large_area_is_queued_after_commit_and_built_by_the_task(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(services, "INLINE_BUILD_MAX_VISITS", 5)  # our 12 visits count as large
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: queued.append(args))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = create(world)
    assert report.status == ReportRequest.Status.QUEUED and not queued  # nothing before commit
    for callback in callbacks:
        callback()
    assert queued == [("reports.tasks.build_report", report.pk)]
    assert tasks.build_report(report.pk) == ReportRequest.Status.READY
    report.refresh_from_db()
    assert (report.progress, report.row_count) == (100, len(world.visits_in_period()))
    assert report.file_size == services.report_file_path(report).stat().st_size
    assert report.started_at <= report.finished_at
    assert tasks.build_report(report.pk) == "skipped"  # a duplicate delivery builds nothing


def test_queued_through_django_q_in_sync_mode(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "INLINE_BUILD_MAX_VISITS", 5)
    with django_capture_on_commit_callbacks(execute=True):
        report = create(world)
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.READY


def test_failure_is_recorded_leaves_no_file_and_can_be_retried(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    before = private_files()

    def half_then_fail(path, **kwargs):
        Path(path).write_bytes(b"PK half a workbook")
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "build_workbook", half_then_fail)
    with django_capture_on_commit_callbacks(execute=True):
        report = create(world)
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.FAILED
    assert "disk full" in report.error
    assert report.file_name == "" and services.report_file_path(report) is None
    assert private_files() == before  # the half-written temp file is gone

    client.force_login(world.users["official"])
    assert client.get(reverse("reports:download", args=[report.public_id])).status_code == 404
    page = client.get(reverse("reports:list")).content.decode()
    assert "disk full" in page and reverse("reports:retry", args=[report.public_id]) in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:retry", args=[report.public_id]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.READY and report.error == ""
    assert client.get(reverse("reports:download", args=[report.public_id])).status_code == 200


def test_only_failed_reports_can_be_retried(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = create(world)
    with pytest.raises(services.ValidationError):
        services.report_request_retry(request=report)


def test_progress_writes_are_throttled(world, monkeypatch):
    report = ReportRequest.objects.create(
        area=world.district,
        period_start=REPORT_START,
        period_end=REPORT_END,
        requested_by=world.users["official"],
    )
    clock = iter([100.0, 100.5, 101.0, 103.0])
    monkeypatch.setattr(services.time, "monotonic", lambda: next(clock))
    progress = services._Progress(report)
    for percent in (10, 20, 30, 40):
        progress(percent)
    report.refresh_from_db()
    assert report.progress == 40
    assert progress.last_value == 40 and progress.last_time == 103.0  # 20 and 30 were skipped


def test_monthly_builds_one_report_per_active_subscription_once(world):
    official, named = world.users["official"], world.users["named"]
    services.subscription_create(user=official, area=world.district, language="en")
    services.subscription_create(user=named, area=world.communes[0], language="vi")
    stopped = services.subscription_create(user=named, area=world.district)
    services.subscription_cancel(subscription=stopped)

    assert tasks.build_monthly_reports("2026-11-01") == 2
    reports = ReportRequest.objects.order_by("requested_by__username")
    assert [(r.requested_by, r.area, r.period_start, r.period_end) for r in reports] == [
        (named, world.communes[0], datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)),
        (official, world.district, datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)),
    ]
    assert all(r.status == ReportRequest.Status.READY and r.subscription_id for r in reports)
    assert sorted(m.to[0] for m in mail.outbox) == ["named@example.org", "official@example.org"]
    official_mail = next(m for m in mail.outbox if m.to == ["official@example.org"])
    report = reports.get(requested_by=official)
    assert reverse("reports:download", args=[report.public_id]) in official_mail.body

    # Idempotent: a second run the same month builds nothing and sends nothing.
    assert tasks.build_monthly_reports("2026-11-01") == 0
    assert ReportRequest.objects.count() == 2 and len(mail.outbox) == 2
    assert set(
        ReportSubscription.objects.filter(is_active=True).values_list(
            "last_period_start", flat=True
        )
    ) == {datetime.date(2026, 10, 1)}


def test_subscription_form_only_for_officials_and_visible_areas(client, world):
    client.force_login(world.users["official"])
    response = client.post(
        reverse("reports:subscribe"), {"sub-area": world.other_district.pk, "sub-language": "vi"}
    )
    assert response.status_code == 404
    response = client.post(
        reverse("reports:subscribe"), {"sub-area": world.district.pk, "sub-language": "vi"}
    )
    assert response.status_code == 302
    subscription = ReportSubscription.objects.get(user=world.users["official"])
    assert (subscription.area, subscription.language, subscription.is_active) == (
        world.district,
        "vi",
        True,
    )
    assert client.post(reverse("reports:unsubscribe", args=[subscription.pk])).status_code == 302
    subscription.refresh_from_db()
    assert not subscription.is_active
    client.force_login(world.users["volunteers"][1])  # a plain volunteer
    response = client.post(
        reverse("reports:subscribe"),
        {"sub-area": world.communes[1].pk, "sub-language": "vi"},
        follow=True,
    )
    assert not ReportSubscription.objects.filter(user=world.users["volunteers"][1]).exists()
    assert str(services.ERROR_NOT_OFFICIAL) in response.content.decode()


def test_schedule_exists_after_migrate_and_ensure_is_idempotent():
    rows = Schedule.objects.filter(name=schedules.MONTHLY_REPORTS)
    assert rows.count() == 1  # made by post_migrate when the test database was migrated
    schedule = rows.get()
    assert (schedule.func, schedule.schedule_type, schedule.repeats) == (
        "reports.tasks.build_monthly_reports",
        Schedule.MONTHLY,
        -1,
    )
    assert timezone.localtime(schedule.next_run).day == 1
    call_command("ensure_schedules", stdout=open("/dev/null", "w"))
    schedules.ensure_schedules()
    assert Schedule.objects.filter(name=schedules.MONTHLY_REPORTS).count() == 1


def test_schedule_is_recreated_when_missing():
    Schedule.objects.filter(name=schedules.MONTHLY_REPORTS).delete()
    call_command("ensure_schedules", stdout=open("/dev/null", "w"))
    schedule = Schedule.objects.get(name=schedules.MONTHLY_REPORTS)
    local = timezone.localtime(schedule.next_run)
    assert (local.day, local.hour, local.minute) == (1, schedules.MONTHLY_REPORTS_HOUR, 0)
