"""The indicator families read from the area tables: a few rows per area and month.

Each function mirrors one family of ``readers`` (same ``Scope``, same result
keys). They answer a scope only when ``fits(scope)``: all teams, grouped by
nothing, child area or month, over a period from the first of a month to a
month's end or past the last day holding data. A distinct count there is the
sum of the month rows whose pair was not seen since the period's first month
(``since`` before it); each month of a by-month table counts all its rows.
"""

from __future__ import annotations

import calendar

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from volunteers.models import Team
from volunteers.vocabulary import VULNERABILITY_FIELDS

from .models import (
    AreaMonth,
    AreaSkillMonth,
    AreaStock,
    AreaVolunteerCount,
    RollupState,
    TeamMonth,
)


def fits(scope) -> bool:
    """Whether the area tables answer `scope` exactly (else the day tables do)."""
    from reports.indicators.scope import TEAM

    from .refresh import STATE

    if scope.teams is not None or scope.group == TEAM or scope.start.day != 1:
        return False
    state = RollupState.objects.filter(name=STATE).values("areas_built", "last_day").first()
    if not state or not state["areas_built"]:
        return False
    month_end = scope.end.replace(day=calendar.monthrange(scope.end.year, scope.end.month)[1])
    last = state["last_day"]
    return scope.end >= month_end or last is None or last <= scope.end


def _rows(model, scope, *, period: bool = True):
    """The scope's rows: its area's whole subtree, or per child area (with the rows of the
    area itself, keyed by its own path)."""
    from reports.indicators.scope import CHILD

    area = scope.area
    if scope.group == CHILD and not area.is_leaf():
        # The child areas' ids as a list, read once per scope: the rows are then found by
        # index (a join on the path made PostgreSQL scan every area's rows: 0.16 s at 10M).
        if not hasattr(scope, "child_area_ids"):
            scope.child_area_ids = list(area.get_children().values_list("pk", flat=True))
        where = Q(area_id__in=scope.child_area_ids, whole=True) | Q(area_id=area.pk, whole=False)
    else:
        where = Q(area_id=area.pk, whole=True)
    queryset = model.objects.filter(where)
    if period:
        queryset = queryset.filter(month__gte=scope.start, month__lte=scope.end)
    return queryset


def _key(scope, *, monthly: bool = True):
    from reports.indicators.scope import CHILD, MONTH

    if scope.group == CHILD:
        return F("area__path")
    if scope.group == MONTH:
        return F("month") if monthly else None
    return None


def _first(scope) -> Q | None:
    """Rows counted for a distinct count: pairs not seen since before the period (by month:
    every row, each being its pair's first in its month)."""
    from reports.indicators.scope import MONTH

    if scope.group == MONTH:
        return None
    return Q(since__isnull=True) | Q(since__lt=scope.start)


def _sum(column: str, first: Q | None):
    return Coalesce(Sum(column, filter=first), 0)


def household_rows(scope) -> dict:
    as_of = min(scope.end, timezone.localdate())
    aggregates = {
        "households_registered": Sum("households"),
        "learners": Sum("learners"),
        "follow_ups_overdue": Sum("households", filter=Q(follow_up_on__lt=as_of)),
    }
    for flag in VULNERABILITY_FIELDS:
        aggregates[f"{flag}__registered"] = Sum(f"{flag}_households")
    rows = scope.rows(
        _rows(AreaStock, scope, period=False), _key(scope, monthly=False), **aggregates
    )
    if as_of < timezone.localdate() and rows:
        from .readers import overdue_from_raw

        overdue_from_raw(scope, rows)
    return rows


def visit_rows(scope) -> dict:
    first = _first(scope)
    aggregates = {
        "visits": Sum("visits"),
        "satisfaction_sum": Sum("satisfaction_sum"),
        "satisfaction_count": Sum("satisfaction_count"),
        "households_reached": _sum("households", first),
        "certifications": Sum("certifications"),
        "learners_certified": _sum("learners", first),
    }
    for flag in VULNERABILITY_FIELDS:
        aggregates[f"{flag}__reached"] = _sum(f"{flag}_households", first)
    rows = scope.rows(_rows(AreaMonth, scope), _key(scope), **aggregates)
    for values in rows.values():
        count = values.pop("satisfaction_count") or 0
        total = values.pop("satisfaction_sum") or 0
        values["average_satisfaction"] = total / count if count else None
    return rows


def volunteer_rows(scope) -> dict:
    first = _first(scope)
    rows = scope.rows(
        _rows(AreaVolunteerCount, scope),
        _key(scope),
        active_volunteers=_sum("volunteers", first),
        volunteer_minutes=Coalesce(Sum("minutes"), 0),
    )
    if scope.group is None:
        rows.setdefault(None, {"active_volunteers": 0, "volunteer_minutes": 0})
    return rows


def team_rows(scope) -> dict:
    """Teams of the subtree, and those with a visit in the period (by month: per month)."""
    from reports.indicators.scope import MONTH

    teams = Team.objects.filter(scope.in_area(""))
    months = TeamMonth.objects.filter(month__gte=scope.start, month__lte=scope.end)
    if scope.group == MONTH:
        return scope.rows(
            months.filter(team__in=teams.values("pk")),
            F("month"),
            teams_reporting=Count("team_id", distinct=True),
        )
    from reports.indicators.queries import mentors_per_team

    key = scope.key(area_prefix="", team_field="pk", when=None)
    return scope.rows(
        teams,
        key,
        teams_total=Count("pk"),
        teams_reporting=Count("pk", filter=Q(pk__in=months.values("team_id"))),
        mentors=mentors_per_team(),
    )


# certifications come with the visits (one AreaMonth query for both families)
FAMILIES = (household_rows, visit_rows, volunteer_rows, team_rows)


def certification_skill_rows(scope, *, by_child_area: bool) -> tuple[list, dict]:
    """(per skill totals, {skill id: {child path: certifications}}) as ``readers`` gives."""
    from reports.indicators.scope import CHILD, Scope

    rows = (
        _rows(AreaSkillMonth, scope)
        .values("skill_id", "skill__code", "skill__name")
        .annotate(certifications=Sum("certifications"), learners=_sum("learners", _first(scope)))
        .order_by("skill__name", "skill_id")
    )
    totals = [row for row in rows if row["certifications"]]  # skills only practised: none
    by_path: dict = {}
    if by_child_area:
        per_child = Scope(
            area=scope.area, start=scope.start, end=scope.end, teams=None, group=CHILD
        )
        for row in (
            _rows(AreaSkillMonth, per_child)
            .filter(certifications__gt=0)
            .values("skill_id", "area__path")
            .annotate(n=Sum("certifications"))
            .order_by()
        ):
            path = row["area__path"]
            by_path.setdefault(row["skill_id"], {})[path] = row["n"]
    return totals, by_path


def skill_practice_rows(scope) -> list[dict]:
    first = _first(scope)
    rows = (
        _rows(AreaSkillMonth, scope)
        .values("skill_id", "skill__code", "skill__name")
        .annotate(visits=Sum("practice_visits"), households=_sum("practice_households", first))
        .order_by("skill__name", "skill_id")
    )
    return [row for row in rows if row["visits"]]
