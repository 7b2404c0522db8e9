"""GET /api/v1/progress: the Today screen's numbers per team, for the offline field app.

Mounted by literacy/api.py (session login, JSON errors, as the sync API).
The numbers are ``reports.progress.team_progress``'s, the same as the
Today page shows; the teams are the user's own (``access.offline_teams``).
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from reports.progress import team_progress
from volunteers.api.schemas import ErrorOut

router = Router(tags=["progress"])


class TeamProgressOut(Schema):
    team_id: int
    team_name: str
    month: datetime.date  # the first day of the month counted
    month_label: str  # "February 2026", in the request's language
    month_done: int  # households reached this month by the team's visits
    month_target: int | None  # the team area's target pro-rated to this month; None: no target
    target_note: str  # what the target is, in the request's language
    last_month_label: str
    last_month_done: int


class ProgressOut(Schema):
    as_of: datetime.datetime
    teams: list[TeamProgressOut]


@router.get("/progress", response={200: ProgressOut, 401: ErrorOut}, summary="Progress per team")
def progress(request: HttpRequest):
    """This month's households reached per team of the user, against the month's target,
    with last month's figure (the Today screen's numbers)."""
    rows = team_progress(user=request.user)
    return {
        "as_of": timezone.localtime(),
        "teams": [
            {
                "team_id": row.team.pk,
                "team_name": row.team.name,
                "month": row.month,
                "month_label": row.month_label,
                "month_done": row.month_done,
                "month_target": row.month_target,
                "target_note": row.target_note,
                "last_month_label": row.last_month_label,
                "last_month_done": row.last_month_done,
            }
            for row in rows
        ],
    }
