from __future__ import annotations

from typing import TYPE_CHECKING

from volunteers.models import AccessLog, Area, Household

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def access_log_record(
    *,
    user: User | None,
    action: str,
    household: Household | None = None,
    detail: str = "",
    area: Area | None = None,
) -> AccessLog:
    """Record that `user` viewed, exported, printed or erased personal data.

    The one writer of AccessLog rows (DESIGN: who viewed or exported personal
    data is logged). `detail` is cut to the column's length rather than failing.
    The entry is scoped by `area` (default: the household's area), so the
    officials of that area see it. `user` is None for the system (retention).
    Entries are append-only: never changed or deleted afterwards.
    """
    area_id: int | None = area.pk if area is not None else None
    if area is None and household is not None:
        area_id = household.area_id
    return AccessLog.objects.create(
        user=user, household=household, area_id=area_id, action=action, detail=detail[:255]
    )
