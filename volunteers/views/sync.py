"""The refused sync items of a team's members, for its leader (the offline field app)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from volunteers import access
from volunteers.models import Membership
from volunteers.services.sync import REFUSALS_SHOWN_DAYS, refused_items

MAX_SHOWN = 200


@login_required
def team_refused(request, team_pk: int):
    """What the server refused from the team's members' phones in the last 30 days (leaders)."""
    team = access.get_visible_or_404(
        lambda user: access.visible_teams(user).filter(
            pk__in=[team_pk] if access.can_view_sync_refusals(user, team_pk) else []
        ),
        request.user,
        pk=team_pk,
    )
    members = {
        m.user_id: m for m in Membership.objects.filter(team=team).select_related("user__volunteer")
    }
    items = list(
        refused_items(user_ids=list(members)).select_related("user__volunteer")[:MAX_SHOWN]
    )
    return render(
        request,
        "volunteers/team_refused.html",
        {"team": team, "items": items, "days": REFUSALS_SHOWN_DAYS, "max_shown": MAX_SHOWN},
    )
