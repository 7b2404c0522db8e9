"""The aggregate queries behind every indicator: a fixed number per call, whatever the rows.

Each "family" reads one table (households, visits, volunteers present,
learners, certifications, teams) with one grouped aggregate; ``_summary_from``
puts the parts together into a ``Summary``. What each number means is in
``reports.indicators.definitions``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Substr
from django.db.models.lookups import LessThan
from django.utils import timezone

from core.text import sort_key
from courses.models import skill_names
from volunteers.models import (
    Area,
    Certification,
    Household,
    Learner,
    Membership,
    Target,
    Team,
    Visit,
)
from volunteers.vocabulary import VULNERABILITY_FIELDS

from .results import AreaRow, GroupReach, MonthRow, SkillPracticeRow, SkillRow, Summary, TeamRow
from .scope import CHILD, MONTH, TEAM, Scope, as_month, months_in, period_bounds

# --- one aggregate query per family ----------------------------------------------


def _visits_in_period(scope: Scope, prefix: str = "") -> Q:
    return Q(**{f"{prefix}visited_at__gte": scope.begin, f"{prefix}visited_at__lt": scope.until})


def _household_rows(scope: Scope) -> dict:
    as_of = min(scope.end, timezone.localdate())
    as_of_end = period_bounds(as_of, as_of)[1]
    latest_follow_up = Subquery(
        Visit.objects.filter(household=OuterRef("pk"), visited_at__lt=as_of_end)
        .order_by("-visited_at", "-pk")
        .values("follow_up_on")[:1]
    )
    aggregates = {
        "households_registered": Count("pk"),
        "follow_ups_overdue": Count("pk", filter=Q(LessThan(latest_follow_up, as_of))),
    }
    for flag in VULNERABILITY_FIELDS:
        aggregates[f"{flag}__registered"] = Count("pk", filter=Q(**{flag: True}))
    queryset = Household.objects.filter(scope.in_area(""), scope.in_teams("team_id"))
    return scope.rows(
        queryset, scope.key(area_prefix="", team_field="team_id", when=None), **aggregates
    )


def _visit_rows(scope: Scope) -> dict:
    done = Q(outcome=Visit.Outcome.DONE)
    aggregates = {
        "visits": Count("pk"),
        "households_reached": Count("household_id", distinct=True, filter=done),
        "average_satisfaction": Avg("satisfaction"),
    }
    for flag in VULNERABILITY_FIELDS:
        aggregates[f"{flag}__reached"] = Count(
            "household_id", distinct=True, filter=done & Q(**{f"household__{flag}": True})
        )
    queryset = Visit.objects.filter(
        scope.in_area("household__"), _visits_in_period(scope), scope.in_teams("team_id")
    )
    key = scope.key(area_prefix="household__", team_field="team_id", when="visited_at")
    return scope.rows(queryset, key, **aggregates)


def _volunteer_rows(scope: Scope) -> dict:
    presence = Visit.volunteers.through.objects.filter(
        scope.in_area("visit__household__"),
        _visits_in_period(scope, "visit__"),
        scope.in_teams("visit__team_id"),
    )
    key = scope.key(
        area_prefix="visit__household__", team_field="visit__team_id", when="visit__visited_at"
    )
    # Grouped by (group, volunteer) and counted here: a hash aggregate, where COUNT(DISTINCT)
    # sorts every presence row (4x slower on PostgreSQL). One row per volunteer and group.
    if scope.group is not None and key is None:
        return {}
    grouped = presence.annotate(_g=key) if key is not None else presence.annotate(_g=Value(0))
    result: dict = {}
    for row in (
        grouped.values("_g", "user_id").annotate(m=Sum("visit__duration_minutes")).order_by()
    ):
        group = row["_g"] if scope.group is not None else None
        if scope.group == MONTH:
            group = as_month(group)
        totals = result.setdefault(group, {"active_volunteers": 0, "volunteer_minutes": 0})
        totals["active_volunteers"] += 1
        totals["volunteer_minutes"] += row["m"] or 0
    if scope.group is None:
        result.setdefault(None, {"active_volunteers": 0, "volunteer_minutes": 0})
    return result


def _learner_rows(scope: Scope) -> dict:
    queryset = Learner.objects.filter(
        scope.in_area("household__"), scope.in_teams("household__team_id")
    )
    key = scope.key(area_prefix="household__", team_field="household__team_id", when=None)
    return scope.rows(queryset, key, learners=Count("pk"))


def _valid_certifications(scope: Scope):
    return Certification.objects.filter(
        scope.in_area("learner__household__"),
        scope.in_teams("team_id"),
        certified_on__gte=scope.start,
        certified_on__lte=scope.end,
        revoked_at__isnull=True,
    )


def _certification_rows(scope: Scope) -> dict:
    key = scope.key(area_prefix="learner__household__", team_field="team_id", when="certified_on")
    return scope.rows(
        _valid_certifications(scope),
        key,
        certifications=Count("pk"),
        learners_certified=Count("learner_id", distinct=True),
    )


def _team_rows(scope: Scope) -> dict:
    teams = Team.objects.filter(scope.in_area(""), scope.in_teams("pk"))
    if scope.group == MONTH:
        # Teams reporting per month: from the visits, grouped by their month.
        visits = Visit.objects.filter(
            team__in=teams.values("pk"), visited_at__gte=scope.begin, visited_at__lt=scope.until
        )
        return scope.rows(
            visits,
            scope.key(area_prefix="", team_field="", when="visited_at"),
            teams_reporting=Count("team_id", distinct=True),
        )
    reported = Exists(
        Visit.objects.filter(
            team=OuterRef("pk"), visited_at__gte=scope.begin, visited_at__lt=scope.until
        )
    )
    key = scope.key(area_prefix="", team_field="pk", when=None)
    return scope.rows(
        teams,
        key,
        teams_total=Count("pk"),
        teams_reporting=Count("pk", filter=Q(reported)),
        mentors=mentors_per_team(),
    )


def mentors_per_team() -> Sum:
    """The "mentors" aggregate over a Team query: each team's mentor memberships, summed.

    Mentors are few, so the raw and the rollup team families both count the
    memberships themselves, in their one team query (no rollup table, no
    extra query): ``rollups check`` compares them equal by construction.
    """
    per_team = (
        Membership.objects.filter(team=OuterRef("pk"), role=Membership.Role.MENTOR)
        .order_by()
        .values("team")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Sum(Subquery(per_team))


def prorated(value: int, target_start, target_end, start, end) -> int:
    """A target's share of the period shown: its value times the days the two periods share,
    over the target's own days (rounded half up). A whole-year target seen over one month
    counts about a twelfth; a target inside the period counts in full."""
    days = (target_end - target_start).days + 1
    shared = (min(target_end, end) - max(target_start, start)).days + 1
    if days <= 0 or shared <= 0:
        return 0
    return int(Decimal(value * shared) / Decimal(days) + Decimal("0.5"))


def _target_rows(scope: Scope):
    return (
        Target.objects.filter(
            scope.area.subtree_q("area__"),
            period_start__lte=scope.end,
            period_end__gte=scope.start,
        )
        .order_by("area__path", "indicator", "-period_start", "-pk")
        .values_list("indicator", "area__path", "value", "period_start", "period_end")
    )


def _targets(scope: Scope) -> dict[str, dict[str, int]]:
    """{indicator: {area path: value}}: per area in the subtree, its latest overlapping target,
    pro-rated to the period shown (``prorated``).

    One query for all targets in the subtree; ``_target_for`` applies the
    "nearest target" rule on the paths in Python.
    """
    per_area: dict[str, dict[str, int]] = defaultdict(dict)
    for indicator, path, value, start, end in _target_rows(scope):
        if path not in per_area[indicator]:  # the latest-starting one per area
            per_area[indicator][path] = prorated(value, start, end, scope.start, scope.end)
    return per_area


def own_targets(*, area: Area, start, end) -> list[dict]:
    """The area's own targets overlapping the period, each with its own period, full value
    and the pro-rated value the dashboard compares with (one query)."""
    scope = Scope(area=area, start=start, end=end, teams=None, group=None)
    shown: dict[str, dict] = {}
    for indicator, path, value, t_start, t_end in _target_rows(scope):
        if path == area.path and indicator not in shown:
            shown[indicator] = {
                "indicator": Target.Indicator(indicator).label,
                "value": value,
                "start": t_start,
                "end": t_end,
                "prorated": prorated(value, t_start, t_end, start, end),
            }
    return list(shown.values())


def area_targets(
    *, areas: Iterable[Area], start: datetime.date, end: datetime.date
) -> dict[int, dict[str, int | None]]:
    """{area pk: {indicator: target}} for each of `areas`, by ``summary``'s rule (the area's
    own latest overlapping target, else the sum of the nearest below), pro-rated to
    [start, end] (``prorated``). One query for all the areas (a team's Today screen).
    """
    areas = list(areas)
    if not areas:
        return {}
    subtrees = Q(pk__in=[])
    for area in areas:
        subtrees |= area.subtree_q("area__")
    rows = (
        Target.objects.filter(subtrees, period_start__lte=end, period_end__gte=start)
        .order_by("area__path", "indicator", "-period_start", "-pk")
        .values_list("indicator", "area__path", "value", "period_start", "period_end")
    )
    per_area: dict[str, dict[str, int]] = defaultdict(dict)
    for indicator, path, value, t_start, t_end in rows:
        if path not in per_area[indicator]:  # the latest-starting one per area
            per_area[indicator][path] = prorated(value, t_start, t_end, start, end)
    return {
        area.pk: {
            indicator: _target_for(per_area, indicator, area.path)
            for indicator in Target.Indicator.values
        }
        for area in areas
    }


def _target_for(targets: dict[str, dict[str, int]], indicator: str, path: str) -> int | None:
    """The area's own target, else the sum of the nearest targets below it (None: no target)."""
    kept: list[str] = []
    total = 0
    for target_path in sorted(p for p in targets.get(indicator, {}) if p.startswith(path)):
        if not any(target_path.startswith(parent) for parent in kept):
            kept.append(target_path)
            total += targets[indicator][target_path]
    return total if kept else None


def _summary_from(
    parts: list[dict], *, stock: bool = True, targets=None, path: str | None = None
) -> Summary:
    data: dict = {}
    for part in parts:
        data.update(part or {})
    vulnerable = {
        flag: GroupReach(
            registered=(data.get(f"{flag}__registered") or 0) if stock else None,
            reached=data.get(f"{flag}__reached") or 0,
        )
        for flag in VULNERABILITY_FIELDS
    }
    satisfaction = data.get("average_satisfaction")

    def target(indicator):
        return None if targets is None or path is None else _target_for(targets, indicator, path)

    return Summary(
        households_registered=(data.get("households_registered") or 0) if stock else None,
        households_reached=data.get("households_reached") or 0,
        households_target=target(Target.Indicator.HOUSEHOLDS_REACHED),
        visits=data.get("visits") or 0,
        visits_target=target(Target.Indicator.VISITS),
        learners=(data.get("learners") or 0) if stock else None,
        learners_certified=data.get("learners_certified") or 0,
        learners_certified_target=target(Target.Indicator.LEARNERS_CERTIFIED),
        certifications=data.get("certifications") or 0,
        active_volunteers=data.get("active_volunteers") or 0,
        volunteer_hours=round((data.get("volunteer_minutes") or 0) / 60, 1),
        follow_ups_overdue=(data.get("follow_ups_overdue") or 0) if stock else None,
        average_satisfaction=round(float(satisfaction), 2) if satisfaction is not None else None,
        teams_total=(data.get("teams_total") or 0) if stock else None,
        teams_reporting=data.get("teams_reporting") or 0,
        mentors=(data.get("mentors") or 0) if stock else None,
        vulnerable=vulnerable,
    )


_FAMILIES = (
    _household_rows,
    _visit_rows,
    _volunteer_rows,
    _learner_rows,
    _certification_rows,
    _team_rows,
)


RAW, ROLLUPS = "raw", "rollups"


def _source(source: str | None) -> str:
    """Where the numbers come from: the rollups (default) or the raw rows (``rollups check``)."""
    from django.conf import settings

    chosen = source or getattr(settings, "REPORTS_INDICATOR_SOURCE", ROLLUPS)
    if chosen not in (RAW, ROLLUPS):
        raise ValueError(f"unknown indicator source {chosen!r}")
    return chosen


def source_for(data_as_of: datetime.datetime | None) -> str:
    """The source a reader should pass: the rollups once built (`data_as_of` set), else raw.

    A fresh installation reads the raw rows (right, if slow) until the first refresh.
    """
    return _source(None) if data_as_of is not None else RAW


def _grouped(scope: Scope, source: str | None = None) -> dict:
    """{group key: [part dicts]} over all families, from the rollups or the raw rows."""
    if _source(source) == ROLLUPS:
        from reports.rollups import tables_for

        families = tables_for(scope).FAMILIES
    else:
        families = _FAMILIES
    grouped: dict = defaultdict(list)
    for family in families:
        for key, values in family(scope).items():
            grouped[key].append(values)
    return grouped


# --- public functions -----------------------------------------------------------


def summary(
    *,
    area: Area,
    start: datetime.date,
    end: datetime.date,
    teams: Iterable[int] | None = None,
    source: str | None = None,
) -> Summary:
    """All indicators for `area`'s subtree over [start, end] (7 queries)."""
    scope = Scope(area=area, start=start, end=end, teams=teams, group=None)
    targets = _targets(scope) if teams is None else None
    return _summary_from(_grouped(scope, source)[None], targets=targets, path=area.path)


def by_child_area(
    *,
    area: Area,
    start: datetime.date,
    end: datetime.date,
    teams: Iterable[int] | None = None,
    source: str | None = None,
) -> list[AreaRow]:
    """One AreaRow per direct child of `area` (by name), then one for `area` itself if it holds rows."""
    scope = Scope(area=area, start=start, end=end, teams=teams, group=CHILD)
    grouped = _grouped(scope, source)
    targets = _targets(scope) if teams is None else None
    rows = [
        AreaRow(
            area=child,
            values=_summary_from(grouped.get(child.path, []), targets=targets, path=child.path),
        )
        for child in sorted(area.get_children(), key=lambda child: sort_key(child.name))
    ]
    own = grouped.get(area.path)
    if own:
        values = _summary_from(own)
        rows.append(AreaRow(area=None, values=replace(values, households_target=None)))
    return rows


def by_team(
    *,
    area: Area,
    start: datetime.date,
    end: datetime.date,
    teams: Iterable[int] | None = None,
    source: str | None = None,
) -> list[TeamRow]:
    """One TeamRow per team working in the subtree (by name); targets are None."""
    scope = Scope(area=area, start=start, end=end, teams=teams, group=TEAM)
    grouped = _grouped(scope, source)
    team_list = sorted(
        Team.objects.filter(scope.in_area(""), scope.in_teams("pk")).select_related("area"),
        key=lambda team: sort_key(team.name),
    )
    return [
        TeamRow(team=team, values=_summary_from(grouped.get(team.pk, []))) for team in team_list
    ]


def by_month(
    *,
    area: Area,
    start: datetime.date,
    end: datetime.date,
    teams: Iterable[int] | None = None,
    source: str | None = None,
) -> list[MonthRow]:
    """One MonthRow per calendar month touching [start, end]; stock indicators are None.

    The first and last months count only the days inside the period.
    """
    scope = Scope(area=area, start=start, end=end, teams=teams, group=MONTH)
    grouped = _grouped(scope, source)
    return [
        MonthRow(month=month, values=_summary_from(grouped.get(month, []), stock=False))
        for month in months_in(start, end)
    ]


def certifications_by_skill(
    *,
    area: Area,
    start: datetime.date,
    end: datetime.date,
    teams: Iterable[int] | None = None,
    by_child_area: bool = False,
    source: str | None = None,
) -> list[SkillRow]:
    """Non-revoked certifications in the period per skill (by name), with distinct learners.

    With `by_child_area`, each row's `by_area` maps child area ids (None: the
    area itself) to certifications; one more query.
    """
    scope = Scope(area=area, start=start, end=end, teams=teams, group=None)
    names = skill_names()  # rows name the default language's skills; shown in the active one
    if _source(source) == ROLLUPS:
        from reports.rollups import tables_for

        child_ids = dict(area.get_children().values_list("path", "pk")) if by_child_area else {}
        rollup_totals, by_path = tables_for(scope).certification_skill_rows(
            scope, by_child_area=by_child_area
        )
        return [
            SkillRow(
                skill_id=row["skill_id"],
                code=row["skill__code"],
                name=names.get(row["skill_id"], row["skill__name"]),
                certifications=row["certifications"],
                learners=row["learners"],
                by_area={
                    child_ids.get(path): n for path, n in by_path.get(row["skill_id"], {}).items()
                },
            )
            for row in rollup_totals
        ]
    certs = _valid_certifications(scope)
    totals = (
        certs.values("skill_id", "skill__code", "skill__name")
        .annotate(certifications=Count("pk"), learners=Count("learner_id", distinct=True))
        .order_by("skill__name", "skill_id")
    )
    by_area: dict[int, dict[int | None, int]] = defaultdict(dict)
    if by_child_area:
        child_ids = dict(area.get_children().values_list("path", "pk"))
        key = Substr("learner__household__area__path", 1, scope.child_len)
        for row in (
            certs.annotate(_g=key).values("skill_id", "_g").annotate(n=Count("pk")).order_by()
        ):
            by_area[row["skill_id"]][child_ids.get(row["_g"])] = row["n"]
    return [
        SkillRow(
            skill_id=row["skill_id"],
            code=row["skill__code"],
            name=names.get(row["skill_id"], row["skill__name"]),
            certifications=row["certifications"],
            learners=row["learners"],
            by_area=dict(by_area[row["skill_id"]]),
        )
        for row in totals
    ]


def skills_practised(
    *,
    area: Area,
    start: datetime.date,
    end: datetime.date,
    teams: Iterable[int] | None = None,
    source: str | None = None,
) -> list[SkillPracticeRow]:
    """Per skill (by name): visits in the period that practised it and distinct households (1 query)."""
    names = skill_names()  # shown in the active language
    scope = Scope(area=area, start=start, end=end, teams=teams, group=None)
    if _source(source) == ROLLUPS:
        from reports.rollups import tables_for

        rows = tables_for(scope).skill_practice_rows(scope)
    else:
        rows = (
            Visit.skills.through.objects.filter(
                scope.in_area("visit__household__"),
                _visits_in_period(scope, "visit__"),
                scope.in_teams("visit__team_id"),
            )
            .values("skill_id", "skill__code", "skill__name")
            .annotate(
                visits=Count("visit_id"), households=Count("visit__household_id", distinct=True)
            )
            .order_by("skill__name", "skill_id")
        )
    return [
        SkillPracticeRow(
            skill_id=row["skill_id"],
            code=row["skill__code"],
            name=names.get(row["skill_id"], row["skill__name"]),
            visits=row["visits"],
            households=row["households"],
        )
        for row in rows
    ]
