"""The indicator families read from the rollups: the same results as the raw queries.

Each function mirrors one raw family of ``reports.indicators.queries`` (same
``Scope``, same result keys) over the rollup tables, with one query each, so
``summary`` stays at 7 queries. Distinct counts (households reached, learners
certified, per skill) count the pair rows that are their pair's first in the
period (``prev_*`` before the period's start, see ``models``): a filtered
COUNT, exact for any period, with no sort or hash over every pair. Only a
scope of several chosen teams (a leader of two teams) falls back to
``COUNT(DISTINCT)``: its pairs are linked per team or across all teams, not
across a chosen few; such scopes are small.
"""

from __future__ import annotations

from django.db.models import Count, DateField, Exists, OuterRef, Q, Sum, Value
from django.db.models.functions import Greatest, Substr
from django.utils import timezone

from volunteers.models import Team
from volunteers.vocabulary import VULNERABILITY_FIELDS

from .models import (
    HouseholdDay,
    HouseholdStock,
    LearnerSkillDay,
    SkillHouseholdDay,
    VisitDay,
    VolunteerDay,
)


def _in_period(scope) -> Q:
    return Q(day__gte=scope.start, day__lte=scope.end)


def _filtered(model, scope):
    return model.objects.filter(scope.in_area(""), _in_period(scope), scope.in_teams("team_id"))


def _key(scope, when: str | None = "day"):
    return scope.key(area_prefix="", team_field="team_id", when=when)


def _link(scope, *, across_teams: str, per_team: str | None) -> str | None:
    """The "previous day" column that makes a distinct count a COUNT for this scope
    (None: no column fits, count distinct)."""
    from reports.indicators.scope import TEAM

    if per_team and (scope.group == TEAM or (scope.teams is not None and len(scope.teams) == 1)):
        return per_team
    return across_teams if scope.teams is None else None


def _first_in_period(scope, column: str) -> Q:
    """Pair rows whose previous day is before the start of their period (or of their month
    within the period, grouped by month): each pair's first row there, exactly once."""
    from reports.indicators.scope import MONTH

    start = Value(scope.start, output_field=DateField())
    if scope.group == MONTH:
        start = Greatest(start, scope.month_case("day"), output_field=DateField())
    return Q(**{f"{column}__isnull": True}) | Q(**{f"{column}__lt": start})


def _distinct(scope, field: str, *, across_teams: str, per_team: str | None, when=None):
    """Count("field", distinct) or its exact COUNT of first rows, filtered by `when`."""
    column = _link(scope, across_teams=across_teams, per_team=per_team)
    if column is None:
        return Count(field, distinct=True, filter=when)
    first = _first_in_period(scope, column)
    return Count("pk", filter=first if when is None else first & when)


def _merge(*parts: dict) -> dict:
    merged: dict = {}
    for part in parts:
        for key, values in part.items():
            merged.setdefault(key, {}).update(values)
    return merged


def household_rows(scope) -> dict:
    """Registered, learners and flags from the stock; overdue when the as-of date is today."""
    as_of = min(scope.end, timezone.localdate())
    aggregates = {
        "households_registered": Sum("households"),
        "learners": Sum("learners"),
        "follow_ups_overdue": Sum("households", filter=Q(follow_up_on__lt=as_of)),
    }
    for flag in VULNERABILITY_FIELDS:
        aggregates[f"{flag}__registered"] = Sum("households", filter=Q(**{flag: True}))
    queryset = HouseholdStock.objects.filter(scope.in_area(""), scope.in_teams("team_id"))
    rows = scope.rows(queryset, _key(scope, None), **aggregates)
    if as_of < timezone.localdate() and rows:
        overdue_from_raw(scope, rows)
    return rows


def overdue_from_raw(scope, rows: dict) -> None:
    """Set each row's overdue count from the raw rows.

    The stock knows each household's latest visit now, not at a past date: the
    overdue count of a period ended before today is read from the raw rows.
    """
    from reports.indicators.queries import _household_rows

    raw = _household_rows(scope)
    for key, values in rows.items():
        values["follow_ups_overdue"] = (raw.get(key) or {}).get("follow_ups_overdue") or 0


def visit_rows(scope) -> dict:
    totals = scope.rows(
        _filtered(VisitDay, scope),
        _key(scope),
        visits=Sum("visits"),
        satisfaction_sum=Sum("satisfaction_sum"),
        satisfaction_count=Sum("satisfaction_count"),
    )
    for values in totals.values():
        count = values.pop("satisfaction_count") or 0
        total = values.pop("satisfaction_sum") or 0
        values["average_satisfaction"] = total / count if count else None
    links = {"across_teams": "prev_any", "per_team": "prev_team"}
    aggregates = {"households_reached": _distinct(scope, "household_id", **links)}
    for flag in VULNERABILITY_FIELDS:
        aggregates[f"{flag}__reached"] = _distinct(
            scope, "household_id", **links, when=Q(**{flag: True})
        )
    reached = scope.rows(_filtered(HouseholdDay, scope), _key(scope), **aggregates)
    return _merge(totals, reached)


def volunteer_rows(scope) -> dict:
    from reports.indicators.scope import MONTH, as_month

    key = _key(scope)
    if scope.group is not None and key is None:
        return {}
    presence = _filtered(VolunteerDay, scope)
    if key is None:
        totals = presence.values("user_id").annotate(m=Sum("minutes")).order_by()
        rows = [{"_g": None, **row} for row in totals]
    else:
        rows = list(
            presence.annotate(_g=key).values("_g", "user_id").annotate(m=Sum("minutes")).order_by()
        )
    result: dict = {}
    for row in rows:
        group = row["_g"] if scope.group is not None else None
        if scope.group == MONTH:
            group = as_month(group)
        totals = result.setdefault(group, {"active_volunteers": 0, "volunteer_minutes": 0})
        totals["active_volunteers"] += 1
        totals["volunteer_minutes"] += row["m"] or 0
    if scope.group is None:
        result.setdefault(None, {"active_volunteers": 0, "volunteer_minutes": 0})
    return result


def certification_rows(scope) -> dict:
    return scope.rows(
        _filtered(LearnerSkillDay, scope),
        _key(scope),
        certifications=Sum("certifications"),
        learners_certified=_distinct(
            scope, "learner_id", across_teams="prev_any", per_team="prev_team"
        ),
    )


def team_rows(scope) -> dict:
    from reports.indicators.scope import MONTH

    teams = Team.objects.filter(scope.in_area(""), scope.in_teams("pk"))
    if scope.group == MONTH:
        days = VisitDay.objects.filter(team__in=teams.values("pk"), **_period_kwargs(scope))
        return scope.rows(
            days,
            scope.key(area_prefix="", team_field="", when="day"),
            teams_reporting=Count("team_id", distinct=True),
        )
    from reports.indicators.queries import mentors_per_team

    reported = Exists(VisitDay.objects.filter(team=OuterRef("pk"), **_period_kwargs(scope)))
    key = scope.key(area_prefix="", team_field="pk", when=None)
    return scope.rows(
        teams,
        key,
        teams_total=Count("pk"),
        teams_reporting=Count("pk", filter=Q(reported)),
        mentors=mentors_per_team(),  # read from the memberships: mentors are few
    )


def _period_kwargs(scope) -> dict:
    return {"day__gte": scope.start, "day__lte": scope.end}


FAMILIES = (household_rows, visit_rows, volunteer_rows, certification_rows, team_rows)


def certification_skill_rows(scope, *, by_child_area: bool) -> tuple[list, dict]:
    """(per skill totals, {skill id: {child path: certifications}}) as the raw query gives."""
    certs = _filtered(LearnerSkillDay, scope)
    totals = list(
        certs.values("skill_id", "skill__code", "skill__name")
        .annotate(
            certifications=Sum("certifications"),
            learners=_distinct(scope, "learner_id", across_teams="prev_skill", per_team=None),
        )
        .order_by("skill__name", "skill_id")
    )
    by_path: dict = {}
    if by_child_area:
        key = Substr("area__path", 1, scope.child_len)
        for row in (
            certs.annotate(_g=key)
            .values("skill_id", "_g")
            .annotate(n=Sum("certifications"))
            .order_by()
        ):
            by_path.setdefault(row["skill_id"], {})[row["_g"]] = row["n"]
    return totals, by_path


def skill_practice_rows(scope) -> list[dict]:
    return list(
        _filtered(SkillHouseholdDay, scope)
        .values("skill_id", "skill__code", "skill__name")
        .annotate(
            visits=Sum("visits"),
            households=_distinct(scope, "household_id", across_teams="prev_skill", per_team=None),
        )
        .order_by("skill__name", "skill_id")
    )
