from __future__ import annotations

from typing import TYPE_CHECKING

from volunteers.models import AccessLog, Household

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def access_log_record(
    *,
    user: User,
    action: str,
    household: Household | None = None,
    detail: str = "",
) -> AccessLog:
    """Record that `user` viewed, exported, printed or erased personal data.

    The one writer of AccessLog rows (DESIGN: who viewed or exported personal
    data is logged). `detail` is cut to the column's length rather than failing.
    """
    return AccessLog.objects.create(
        user=user, household=household, action=action, detail=detail[:255]
    )
