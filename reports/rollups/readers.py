"""The indicator families read from the rollups: the same results as the raw queries.

Each function mirrors one raw family of ``reports.indicators.queries`` (same
``Scope``, same result keys) over the rollup tables, with one query each, so
``summary`` stays at 7 queries. Distinct counts are ``COUNT(DISTINCT)`` over
the per-day pair tables: exact for any period.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Substr
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
        # The stock knows each household's latest visit now, not at a past date: the
        # overdue count of a period ended before today is read from the raw rows.
        from reports.indicators.queries import _household_rows

        raw = _household_rows(scope)
        for key, values in rows.items():
            values["follow_ups_overdue"] = (raw.get(key) or {}).get("follow_ups_overdue") or 0
    return rows


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
    aggregates = {"households_reached": Count("household_id", distinct=True)}
    for flag in VULNERABILITY_FIELDS:
        aggregates[f"{flag}__reached"] = Count(
            "household_id", distinct=True, filter=Q(**{flag: True})
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
        learners_certified=Count("learner_id", distinct=True),
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
    reported = Exists(VisitDay.objects.filter(team=OuterRef("pk"), **_period_kwargs(scope)))
    key = scope.key(area_prefix="", team_field="pk", when=None)
    return scope.rows(
        teams, key, teams_total=Count("pk"), teams_reporting=Count("pk", filter=Q(reported))
    )


def _period_kwargs(scope) -> dict:
    return {"day__gte": scope.start, "day__lte": scope.end}


FAMILIES = (household_rows, visit_rows, volunteer_rows, certification_rows, team_rows)


def certification_skill_rows(scope, *, by_child_area: bool) -> tuple[list, dict]:
    """(per skill totals, {skill id: {child path: certifications}}) as the raw query gives."""
    certs = _filtered(LearnerSkillDay, scope)
    totals = list(
        certs.values("skill_id", "skill__code", "skill__name")
        .annotate(certifications=Sum("certifications"), learners=Count("learner_id", distinct=True))
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
        .annotate(visits=Sum("visits"), households=Count("household_id", distinct=True))
        .order_by("skill__name", "skill_id")
    )
