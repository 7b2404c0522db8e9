"""Reads for the officials' dashboard: which areas, teams and campaigns a user may look at.

Access comes from ``volunteers.access`` only; these functions add the
dashboard's choices on top (picker depth, breadcrumbs, campaigns near an area).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from reports.models import Campaign
from volunteers import access
from volunteers.models import Area

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


def dashboard_viewer_teams(user) -> list[int] | None:
    """None for officials and superusers (whole subtrees); a leader's team ids; 404 for others."""
    if user.is_superuser or access.is_official(user):
        return None
    if access.is_leader(user):
        return list(access.editable_teams(user).values_list("pk", flat=True))
    raise Http404


def dashboard_scope(user, area_id: int | str | None) -> DashboardScope:
    """The area the user asked for (their top area by default); 404 if they may not see it."""
    teams = dashboard_viewer_teams(user)
    visible = access.visible_areas(user)
    top = visible.order_by("depth", "path").first()
    if top is None:
        raise Http404
    if area_id in (None, ""):
        area = top
    else:
        try:
            area = visible.get(pk=int(area_id))
        except (ValueError, TypeError, Area.DoesNotExist) as error:
            raise Http404 from error
    picker = list(
        visible.filter(depth__lte=top.depth + PICKER_LEVELS).order_by("path")[:PICKER_LIMIT]
    )
    if area not in picker:
        picker.append(area)
        picker.sort(key=lambda a: a.path)
    return DashboardScope(
        area=area, teams=teams, picker=picker, breadcrumbs=visible_ancestors(visible, area)
    )


def ancestor_paths(area: Area) -> list[str]:
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
