"""django-q2 tasks of the coordination module: take ids, fetch, call a service (STYLE.md)."""

from __future__ import annotations

from .services.households import household_anonymise_for_retention, households_past_retention


def anonymise_inactive_households() -> int:
    """Scheduled daily: anonymise households inactive longer than PERSONAL_DATA_RETENTION_DAYS.

    One transaction per household, so one failure never undoes the others;
    returns how many were anonymised.
    """
    return sum(
        household_anonymise_for_retention(household_id=pk) for pk in households_past_retention()
    )
