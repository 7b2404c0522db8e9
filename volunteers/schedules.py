"""The django-q2 schedules of the coordination module, created idempotently.

`ensure_schedules` runs after every `migrate` (post_migrate, see apps.py);
it creates or corrects the rows by name and never duplicates them (the way
reports/schedules.py does).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

RETENTION = "volunteers: anonymise households past retention"
RETENTION_FUNC = "volunteers.tasks.anonymise_inactive_households"
# At night, site time, when nobody is logging visits.
RETENTION_HOUR = 3


def next_night(now: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(now)
    night = local.replace(hour=RETENTION_HOUR, minute=0, second=0, microsecond=0)
    return night if night > local else night + datetime.timedelta(days=1)


def ensure_schedules() -> list:
    """Create (or fix) the daily retention schedule; returns the Schedule rows."""
    from django_q.models import Schedule

    schedule = Schedule.objects.filter(name=RETENTION).order_by("pk").first()
    if schedule is None:
        schedule = Schedule.objects.create(
            name=RETENTION,
            func=RETENTION_FUNC,
            schedule_type=Schedule.DAILY,
            repeats=-1,
            next_run=next_night(timezone.now()),
        )
    elif (schedule.func, schedule.schedule_type, schedule.repeats) != (
        RETENTION_FUNC,
        Schedule.DAILY,
        -1,
    ):
        schedule.func, schedule.schedule_type, schedule.repeats = (
            RETENTION_FUNC,
            Schedule.DAILY,
            -1,
        )
        schedule.save(update_fields=["func", "schedule_type", "repeats"])
    Schedule.objects.filter(name=RETENTION).exclude(pk=schedule.pk).delete()
    return [schedule]
