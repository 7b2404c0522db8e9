"""The django-q2 schedules the reports need, created idempotently.

`ensure_schedules` runs after every `migrate` (post_migrate, see apps.py) and
from the `ensure_schedules` command; it creates or corrects the rows by
name and never duplicates them.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

MONTHLY_REPORTS = "reports: monthly workbooks"
MONTHLY_REPORTS_FUNC = "reports.tasks.build_monthly_reports"
# Early morning of the 1st, site time: after the month is closed, before work starts.
MONTHLY_REPORTS_HOUR = 2


def first_of_next_month(now: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(now)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return local.replace(
        year=year, month=month, day=1, hour=MONTHLY_REPORTS_HOUR, minute=0, second=0, microsecond=0
    )


ROLLUPS = "reports: refresh rollups"
ROLLUPS_FUNC = "reports.tasks.refresh_rollups"


def _ensure_rollups_schedule():
    """Every minute; one refresh at a time (the refresh locks its state row)."""
    from django_q.models import Schedule

    schedule = Schedule.objects.filter(name=ROLLUPS).order_by("pk").first()
    wanted = {
        "func": ROLLUPS_FUNC,
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
        "repeats": -1,
    }
    if schedule is None:
        schedule = Schedule.objects.create(name=ROLLUPS, next_run=timezone.now(), **wanted)
    elif any(getattr(schedule, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(schedule, key, value)
        schedule.save(update_fields=list(wanted))
    Schedule.objects.filter(name=ROLLUPS).exclude(pk=schedule.pk).delete()
    return schedule


def ensure_schedules() -> list:
    """Create (or fix) the monthly reports and the rollups schedules; returns the rows."""
    from django_q.models import Schedule

    schedule = Schedule.objects.filter(name=MONTHLY_REPORTS).order_by("pk").first()
    if schedule is None:
        schedule = Schedule.objects.create(
            name=MONTHLY_REPORTS,
            func=MONTHLY_REPORTS_FUNC,
            schedule_type=Schedule.MONTHLY,
            repeats=-1,
            next_run=first_of_next_month(timezone.now()),
        )
    elif (schedule.func, schedule.schedule_type, schedule.repeats) != (
        MONTHLY_REPORTS_FUNC,
        Schedule.MONTHLY,
        -1,
    ):
        schedule.func, schedule.schedule_type, schedule.repeats = (
            MONTHLY_REPORTS_FUNC,
            Schedule.MONTHLY,
            -1,
        )
        schedule.save(update_fields=["func", "schedule_type", "repeats"])
    Schedule.objects.filter(name=MONTHLY_REPORTS).exclude(pk=schedule.pk).delete()
    return [schedule, _ensure_rollups_schedule()]
