"""The volunteer's home: follow-ups due first, then each team's month against its target.

Lives in reports because its numbers come from the indicator registry
(reports may read volunteers, never the reverse). The phone's waiting count
and last sync time are the offline front end's (IndexedDB): this page only
holds the places they go in (``data-outbox-count``, ``data-last-sync``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from reports.progress import team_progress
from volunteers import access, masking, selectors

# Follow-ups listed on the screen; the rest are one tap away (My households, "Follow-up due").
FOLLOW_UPS_SHOWN = 20


@login_required
def today(request):
    """Follow-ups due and overdue (most overdue first), then progress per team (fixed queries)."""
    user = request.user
    day = timezone.localdate()
    team_ids = list(access.offline_teams(user).values_list("pk", flat=True))
    due = selectors.households_for_user(
        user=user, filter=selectors.FILTER_FOLLOW_UP_DUE, today=day
    ).filter(team_id__in=team_ids)
    follow_ups = list(due[: FOLLOW_UPS_SHOWN + 1])
    more = len(follow_ups) > FOLLOW_UPS_SHOWN
    follow_ups = follow_ups[:FOLLOW_UPS_SHOWN]
    for household in follow_ups:
        masking.for_user(user, household)
        household.overdue = household.next_follow_up < day
    return render(
        request,
        "reports/today.html",
        {
            "today": day,
            "follow_ups": follow_ups,
            "more_follow_ups": more,
            "progress": team_progress(user=user, today=day),
        },
    )
