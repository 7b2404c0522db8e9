"""Reads for the dashboard and the reports page: areas, teams, campaigns, a user's reports.

Access comes from ``volunteers.access`` only; these functions add the
dashboard's choices on top (picker depth, breadcrumbs, campaigns near an area).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from core.parsing import parse_id
from reports.models import Campaign, ReportRequest, ReportSubscription
from volunteers import access
from volunteers.models import Area

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The picker lists the user's top areas and this many levels below them.
PICKER_LEVELS = 2
PICKER_LIMIT = 500


@dataclass(frozen=True)
class DashboardScope:
    """What the dashboard shows: `area`, restricted to `teams` (ids) for team leaders (None: all)."""

    area: Area
    teams: list[int] | None
    picker: list[Area]
    breadcrumbs: list[Area]  # visible ancestors of `area`, top first (not `area` itself)


def dashboard_scope(user: User, area_id: int | str | None) -> DashboardScope:
    """The area the user asked for (their top area by default); 404 if they may not see it.

    `area_id` is a primary key (the picker and the drill-down links send pks).
    """
    if not access.can_view_dashboard(user):
        raise Http404
    visible = access.visible_areas(user)
    top = visible.order_by("depth", "path").first()
    if top is None:
        raise Http404
    if area_id in (None, ""):
        area = top
    else:
        pk = parse_id(area_id)  # ASCII digits within 64 bits only ("²", 2**64: 404)
        if pk is None:
            raise Http404
        found = access.area_for_user_by_pk(user, pk)
        if found is None:
            raise Http404
        area = found
    picker = list(
        visible.filter(depth__lte=top.depth + PICKER_LEVELS).order_by("path")[:PICKER_LIMIT]
    )
    if area not in picker:
        picker.append(area)
        picker.sort(key=lambda a: a.path)
    return DashboardScope(
        area=area,
        teams=access.report_teams(user),
        picker=picker,
        breadcrumbs=visible_ancestors(visible, area),
    )


def ancestor_paths(area: Area) -> list[str]:
    """Materialised paths of `area`'s ancestors, top first."""
    return [area.path[: Area.steplen * depth] for depth in range(1, area.depth)]


def visible_ancestors(visible: QuerySet[Area], area: Area) -> list[Area]:
    """Ancestors of `area` the user may also see, top first (one query)."""
    paths = ancestor_paths(area)
    return list(visible.filter(path__in=paths).order_by("depth")) if paths else []


def campaigns_for_area(area: Area) -> QuerySet[Campaign]:
    """Campaigns run in `area`, above it or below it (newest first): periods one may choose."""
    query = area.subtree_q("area__")
    paths = ancestor_paths(area)
    if paths:
        query |= Q(area__path__in=paths)
    return Campaign.objects.filter(query).select_related("area").order_by("-start", "name")


def reports_for_user(user: User) -> QuerySet[ReportRequest]:
    """The user's own report requests, in areas they may still see (newest first)."""
    return access.own_reports(ReportRequest.objects.select_related("area"), user)


def subscriptions_for_user(user: User) -> QuerySet[ReportSubscription]:
    """The user's active monthly subscriptions, by area name."""
    return (
        ReportSubscription.objects.filter(user=user, is_active=True)
        .select_related("area")
        .order_by("area__name")
    )
