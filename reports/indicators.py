"""Indicators, defined once: the dashboard, the Excel workbook and any API call these.

Every function takes an area (its whole subtree counts, through the
materialised path, ``area.subtree_q("area__")``), a period (``start``
and ``end`` dates, both inclusive, in the site's time zone) and optionally
``teams`` (an iterable of team ids: only those teams' households, visits,
certifications and teams count; the team leaders' view). Access is NOT
checked here: callers pass an area the user may see (``volunteers.access``).

Public API (keyword-only arguments; results are plain frozen dataclasses):

- ``summary(*, area, start, end, teams=None) -> Summary``
- ``by_child_area(*, area, start, end, teams=None) -> list[AreaRow]``: one row
  per direct child of `area` (all children, zero rows included, by name), plus
  a last row with ``area=None`` for rows attached to `area` itself when there
  are any, so that additive indicators sum to ``summary``.
- ``by_team(*, area, start, end, teams=None) -> list[TeamRow]``: one row per team
  working in the subtree (``Team.area`` in it), by name.
- ``by_month(*, area, start, end, teams=None) -> list[MonthRow]``: one row per
  calendar month touching the period (empty months included); stock
  indicators (registered, learners, overdue, targets, teams_total) are None.
- ``certifications_by_skill(*, area, start, end, teams=None, by_child_area=False)
  -> list[SkillRow]``: one row per skill with at least one certification.
- ``skills_practised(*, area, start, end, teams=None) -> list[SkillPracticeRow]``:
  per skill, visits in the period that practised it and distinct households.
- ``definitions() -> list[Definition]``: (key, label, description) of every
  indicator key, translatable (for the workbook's Definitions sheet and the
  dashboard's help).
- ``INDICATOR_KEYS``: the scalar keys of ``Summary`` in display order;
  ``Summary.as_dict()`` gives them flat (vulnerable groups flattened as
  ``elderly_registered``, ``elderly_reached``, ...).

Definitions (also in ``definitions()``):

- households_registered: households in the subtree now (a stock, not bound to
  the period; erased households still count).
- households_reached: distinct households with at least one visit with outcome
  "done" in the period.
- households_target / coverage: the "households reached" Target of the area
  whose period overlaps the period (the latest-starting one when several do);
  if the area has none, the sum of the nearest targets below it (each child
  subtree contributes its own target, else its children's, and so on).
  coverage = reached / target (a fraction, may exceed 1; None without target).
  The same rule gives ``visits_target`` and ``learners_certified_target``.
- visits: visits in the period, all outcomes.
- learners: learners in the subtree's households now (a stock).
- learners_certified: distinct learners with a non-revoked certification
  dated in the period; certifications: the number of such certifications.
- vulnerable[flag]: for each Household flag (is_elderly, has_disability,
  is_low_income, is_ethnic_minority): registered households with the flag,
  reached households with the flag, and share = reached / registered.
- active_volunteers: distinct users present at least at one visit in the
  period. volunteer_hours: person-hours, sum over visits of duration x the
  number of volunteers present (a 60-minute visit by two volunteers = 2 h);
  a visit with no volunteer recorded adds nothing.
- follow_ups_overdue: households whose latest visit up to the as-of date
  (the period's end, or today if earlier) asked for a follow-up on a date
  before the as-of date; any later visit clears it.
- average_satisfaction: mean of the 1-5 satisfaction over visits in the period
  that recorded one (None when none did).
- teams_total: teams working in the subtree; teams_reporting: those with at
  least one visit in the period; teams_reporting_share = reporting / total.

Breakdowns: by child area, households and visits go to the child holding the
household; by team, household indicators (registered, overdue, vulnerable
registered) follow the household's responsible team, visit indicators
(visits, reached, hours, volunteers, satisfaction) the visit's team and
certifications the certifying team, so distinct counts (reached, volunteers)
may overlap between teams and months; additive ones (visits, registered,
certifications, hours) always sum to the summary.

Query count: each function runs a fixed number of aggregate queries (about 8),
whatever the number of areas, teams or rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import NamedTuple

from django.db.models import (
    Avg,
    Case,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.models import Area, Certification, Household, Learner, Target, Team, Visit
from volunteers.vocabulary import VULNERABILITY_FIELDS, VULNERABILITY_GROUPS

VULNERABLE_FLAGS = VULNERABILITY_FIELDS
# Short names used in flat keys: elderly_registered, disability_reached, ...
FLAG_KEYS = {group.field: group.key for group in VULNERABILITY_GROUPS}

# --- results ------------------------------------------------------------------


@dataclass(frozen=True)
class GroupReach:
    """Reach of one vulnerable group: households registered / reached with the flag."""

    registered: int | None = 0
    reached: int = 0

    @property
    def share(self) -> float | None:
        return self.reached / self.registered if self.registered else None


@dataclass(frozen=True)
class Summary:
    """All indicators for one area (or child, team, month). None = not meaningful here."""

    households_registered: int | None = 0
    households_reached: int = 0
    households_target: int | None = None
    visits: int = 0
    visits_target: int | None = None
    learners: int | None = 0
    learners_certified: int = 0
    learners_certified_target: int | None = None
    certifications: int = 0
    active_volunteers: int = 0
    volunteer_hours: float = 0.0
    follow_ups_overdue: int | None = 0
    average_satisfaction: float | None = None
    teams_total: int | None = 0
    teams_reporting: int = 0
    vulnerable: dict[str, GroupReach] = field(default_factory=dict)

    @property
    def coverage(self) -> float | None:
        """households_reached / households_target (None without a target)."""
        return self.households_reached / self.households_target if self.households_target else None

    @property
    def certified_coverage(self) -> float | None:
        t = self.learners_certified_target
        return self.learners_certified / t if t else None

    @property
    def visits_coverage(self) -> float | None:
        return self.visits / self.visits_target if self.visits_target else None

    @property
    def teams_reporting_share(self) -> float | None:
        return self.teams_reporting / self.teams_total if self.teams_total else None

    def as_dict(self) -> dict:
        """Flat {key: value} for every key of INDICATOR_KEYS (vulnerable groups flattened)."""
        data = asdict(self)
        data.pop("vulnerable")
        data["coverage"] = self.coverage
        data["certified_coverage"] = self.certified_coverage
        data["visits_coverage"] = self.visits_coverage
        data["teams_reporting_share"] = self.teams_reporting_share
        for flag, short in FLAG_KEYS.items():
            reach = self.vulnerable.get(flag, GroupReach(registered=None))
            data[f"{short}_registered"] = reach.registered
            data[f"{short}_reached"] = reach.reached
            data[f"{short}_share"] = reach.share
        return {key: data[key] for key in INDICATOR_KEYS}


@dataclass(frozen=True)
class AreaRow:
    """One child area's indicators; `area` None = rows attached to the parent area itself."""

    area: Area | None
    values: Summary


@dataclass(frozen=True)
class TeamRow:
    team: Team
    values: Summary


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date  # the first day of the month
    values: Summary


@dataclass(frozen=True)
class SkillRow:
    """Certifications of one skill; `by_area` maps child area id (None = the area itself) to
    certifications, filled only with ``by_child_area=True``."""

    skill_id: int
    code: str
    name: str
    certifications: int
    learners: int
    by_area: dict[int | None, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SkillPracticeRow:
    """Visits in the period at which a skill was practised, and the distinct households."""

    skill_id: int
    code: str
    name: str
    visits: int
    households: int


class Definition(NamedTuple):
    key: str
    label: str
    description: str


INDICATOR_KEYS: tuple[str, ...] = (
    "households_registered",
    "households_reached",
    "households_target",
    "coverage",
    "visits",
    "visits_target",
    "visits_coverage",
    "learners",
    "learners_certified",
    "learners_certified_target",
    "certified_coverage",
    "certifications",
    "elderly_registered",
    "elderly_reached",
    "elderly_share",
    "disability_registered",
    "disability_reached",
    "disability_share",
    "low_income_registered",
    "low_income_reached",
    "low_income_share",
    "ethnic_minority_registered",
    "ethnic_minority_reached",
    "ethnic_minority_share",
    "active_volunteers",
    "volunteer_hours",
    "follow_ups_overdue",
    "average_satisfaction",
    "teams_total",
    "teams_reporting",
    "teams_reporting_share",
)

_GROUP_LABELS = {group.key: (group.label, group.adjective) for group in VULNERABILITY_GROUPS}


def definitions() -> list[Definition]:
    """(key, label, description) for every key of INDICATOR_KEYS, in that order (lazy strings)."""
    items = [
        Definition(
            "households_registered",
            _("Households registered"),
            _(
                "Households registered in the area and all areas below it (now, not only in the period)."
            ),
        ),
        Definition(
            "households_reached",
            _("Households reached"),
            _("Distinct households with at least one visit marked done in the period."),
        ),
        Definition(
            "households_target",
            _("Target: households"),
            _(
                "The area's target for households reached whose dates overlap the period; if the area "
                "has none, the sum of the nearest targets of the areas below it."
            ),
        ),
        Definition("coverage", _("Coverage"), _("Households reached divided by the target.")),
        Definition("visits", _("Visits"), _("Visits in the period, whatever their outcome.")),
        Definition(
            "visits_target", _("Target: visits"), _("The visits target, found as for households.")
        ),
        Definition(
            "visits_coverage", _("Visits against target"), _("Visits divided by the visits target.")
        ),
        Definition(
            "learners", _("Learners"), _("People registered as learners in the households (now).")
        ),
        Definition(
            "learners_certified",
            _("Learners certified"),
            _(
                "Distinct learners with at least one certificate dated in the period and not revoked."
            ),
        ),
        Definition(
            "learners_certified_target",
            _("Target: learners certified"),
            _("The target for adults certified, found as for households."),
        ),
        Definition(
            "certified_coverage",
            _("Certified against target"),
            _("Learners certified divided by their target."),
        ),
        Definition(
            "certifications",
            _("Certificates"),
            _("Certificates dated in the period and not revoked (one learner may hold several)."),
        ),
    ]
    for short, (label, adjective) in _GROUP_LABELS.items():
        items += [
            Definition(
                f"{short}_registered",
                _("%(group)s: registered") % {"group": label},
                _("Registered households flagged %(group)s.") % {"group": adjective},
            ),
            Definition(
                f"{short}_reached",
                _("%(group)s: reached") % {"group": label},
                _("Households flagged %(group)s reached in the period.") % {"group": adjective},
            ),
            Definition(
                f"{short}_share",
                _("%(group)s: share reached") % {"group": label},
                _("Reached divided by registered, for households flagged %(group)s.")
                % {"group": adjective},
            ),
        ]
    items += [
        Definition(
            "active_volunteers",
            _("Active volunteers"),
            _("Distinct volunteers present at one visit or more in the period."),
        ),
        Definition(
            "volunteer_hours",
            _("Volunteer hours"),
            _("Person-hours: each visit's duration times the number of volunteers present."),
        ),
        Definition(
            "follow_ups_overdue",
            _("Follow-ups overdue"),
            _(
                "Households whose latest visit asked for a follow-up on a date already past (at the "
                "period's end, or today), with no visit since."
            ),
        ),
        Definition(
            "average_satisfaction",
            _("Average satisfaction"),
            _(
                "Mean of the households' 1-5 satisfaction over visits in the period that recorded one."
            ),
        ),
        Definition(
            "teams_total", _("Teams"), _("Teams working in the area and the areas below it.")
        ),
        Definition(
            "teams_reporting",
            _("Teams reporting"),
            _("Teams with at least one visit recorded in the period."),
        ),
        Definition(
            "teams_reporting_share",
            _("Share of teams reporting"),
            _("Teams reporting divided by all teams."),
        ),
    ]
    return items


# --- the period --------------------------------------------------------------


def period_bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """Aware [from, to) datetimes of local midnight on `start` and the day after `end`."""
    tz = timezone.get_default_timezone()
    begin = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz)
    until = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), tz
    )
    return begin, until


def months_in(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """First days of the calendar months from `start` to `end`, inclusive."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _as_month(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, timezone.get_default_timezone())
        value = value.date()
    return value.replace(day=1)


# --- grouping -----------------------------------------------------------------

_CHILD, _TEAM, _MONTH = "child", "team", "month"


class _Scope:
    """Filters and group-by expressions for one (area, period, teams, grouping)."""

    def __init__(self, *, area: Area, start, end, teams, group: str | None):
        if end < start:
            raise ValueError("end before start")
        self.area, self.start, self.end, self.group = area, start, end, group
        self.teams = None if teams is None else list(teams)
        self.begin, self.until = period_bounds(start, end)
        self.child_len = Area.steplen * (area.depth + 1)

    def in_area(self, prefix: str) -> Q:
        # area_id IN (subtree ids) rather than a join with LIKE on every row: on SQLite the
        # LIKE on 100,000 joined rows costs several times the whole count.
        subtree = Area.objects.filter(self.area.subtree_q()).values("pk")
        return Q(**{f"{prefix}area_id__in": subtree})

    def in_teams(self, team_field: str) -> Q:
        return Q() if self.teams is None else Q(**{f"{team_field}__in": self.teams})

    def key(self, *, area_prefix: str, team_field: str, when: str | None):
        """The group-by expression, or None when this family has no such grouping."""
        if self.group == _CHILD:
            return Substr(f"{area_prefix}area__path", 1, self.child_len)
        if self.group == _TEAM:
            return F(team_field)
        if self.group == _MONTH:
            return self.month_case(when) if when else None
        return None

    def month_case(self, when: str) -> Case:
        """The first day of the local month of `when`, as a CASE over month boundaries.

        Plain comparisons with precomputed boundaries (aware datetimes at local
        midnight, or dates): the same on SQLite and PostgreSQL, no per-row time
        zone conversion, and indexes on the column stay usable.
        """
        months = months_in(self.start, self.end)
        is_date = when == "certified_on"
        whens = []
        for month, following in zip(months, months[1:] + [None], strict=True):
            if following is None:
                whens.append(When(**{f"{when}__isnull": False}, then=Value(month)))
            else:
                bound = following if is_date else period_bounds(following, following)[0]
                whens.append(When(**{f"{when}__lt": bound}, then=Value(month)))
        return Case(*whens, default=Value(None), output_field=DateField())

    def rows(self, queryset, key, **aggregates) -> dict:
        """{group key: {name: value}}; the single key is None when not grouped."""
        if self.group is None:
            return {None: queryset.aggregate(**aggregates)}
        if key is None:
            return {}
        result = {}
        for row in queryset.annotate(_g=key).values("_g").annotate(**aggregates).order_by():
            group = row.pop("_g")
            if self.group == _MONTH:
                group = _as_month(group)
            result[group] = row
        return result


def _visits_in_period(scope: _Scope, prefix: str = "") -> Q:
    return Q(**{f"{prefix}visited_at__gte": scope.begin, f"{prefix}visited_at__lt": scope.until})


def _household_rows(scope: _Scope) -> dict:
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
    for flag in VULNERABLE_FLAGS:
        aggregates[f"{flag}__registered"] = Count("pk", filter=Q(**{flag: True}))
    queryset = Household.objects.filter(scope.in_area(""), scope.in_teams("team_id"))
    return scope.rows(
        queryset, scope.key(area_prefix="", team_field="team_id", when=None), **aggregates
    )


def _visit_rows(scope: _Scope) -> dict:
    done = Q(outcome=Visit.Outcome.DONE)
    aggregates = {
        "visits": Count("pk"),
        "households_reached": Count("household_id", distinct=True, filter=done),
        "average_satisfaction": Avg("satisfaction"),
    }
    for flag in VULNERABLE_FLAGS:
        aggregates[f"{flag}__reached"] = Count(
            "household_id", distinct=True, filter=done & Q(**{f"household__{flag}": True})
        )
    queryset = Visit.objects.filter(
        scope.in_area("household__"), _visits_in_period(scope), scope.in_teams("team_id")
    )
    key = scope.key(area_prefix="household__", team_field="team_id", when="visited_at")
    return scope.rows(queryset, key, **aggregates)


def _volunteer_rows(scope: _Scope) -> dict:
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
        if scope.group == _MONTH:
            group = _as_month(group)
        totals = result.setdefault(group, {"active_volunteers": 0, "volunteer_minutes": 0})
        totals["active_volunteers"] += 1
        totals["volunteer_minutes"] += row["m"] or 0
    if scope.group is None:
        result.setdefault(None, {"active_volunteers": 0, "volunteer_minutes": 0})
    return result


def _learner_rows(scope: _Scope) -> dict:
    queryset = Learner.objects.filter(
        scope.in_area("household__"), scope.in_teams("household__team_id")
    )
    key = scope.key(area_prefix="household__", team_field="household__team_id", when=None)
    return scope.rows(queryset, key, learners=Count("pk"))


def _valid_certifications(scope: _Scope):
    return Certification.objects.filter(
        scope.in_area("learner__household__"),
        scope.in_teams("team_id"),
        certified_on__gte=scope.start,
        certified_on__lte=scope.end,
        revoked_at__isnull=True,
    )


def _certification_rows(scope: _Scope) -> dict:
    key = scope.key(area_prefix="learner__household__", team_field="team_id", when="certified_on")
    return scope.rows(
        _valid_certifications(scope),
        key,
        certifications=Count("pk"),
        learners_certified=Count("learner_id", distinct=True),
    )


def _team_rows(scope: _Scope) -> dict:
    teams = Team.objects.filter(scope.in_area(""), scope.in_teams("pk"))
    if scope.group == _MONTH:
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
        teams, key, teams_total=Count("pk"), teams_reporting=Count("pk", filter=Q(reported))
    )


def _targets(scope: _Scope) -> dict[str, dict[str, int]]:
    """{indicator: {area path: value}}: per area in the subtree, its latest overlapping target.

    One query for all targets in the subtree; ``_target_for`` applies the
    "nearest target" rule on the paths in Python.
    """
    rows = (
        Target.objects.filter(
            scope.area.subtree_q("area__"),
            period_start__lte=scope.end,
            period_end__gte=scope.start,
        )
        .order_by("area__path", "indicator", "-period_start", "-pk")
        .values_list("indicator", "area__path", "value")
    )
    per_area: dict[str, dict[str, int]] = defaultdict(dict)
    for indicator, path, value in rows:
        per_area[indicator].setdefault(path, value)  # the latest-starting one per area
    return per_area


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
        for flag in VULNERABLE_FLAGS
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


def _grouped(scope: _Scope) -> dict:
    """{group key: [part dicts]} over all families."""
    grouped: dict = defaultdict(list)
    for family in _FAMILIES:
        for key, values in family(scope).items():
            grouped[key].append(values)
    return grouped


# --- public functions -----------------------------------------------------------


def summary(
    *, area: Area, start: datetime.date, end: datetime.date, teams: Iterable[int] | None = None
) -> Summary:
    """All indicators for `area`'s subtree over [start, end] (7 queries)."""
    scope = _Scope(area=area, start=start, end=end, teams=teams, group=None)
    targets = _targets(scope) if teams is None else None
    return _summary_from(_grouped(scope)[None], targets=targets, path=area.path)


def by_child_area(
    *, area: Area, start: datetime.date, end: datetime.date, teams: Iterable[int] | None = None
) -> list[AreaRow]:
    """One AreaRow per direct child of `area` (by name), then one for `area` itself if it holds rows."""
    scope = _Scope(area=area, start=start, end=end, teams=teams, group=_CHILD)
    grouped = _grouped(scope)
    targets = _targets(scope) if teams is None else None
    rows = [
        AreaRow(
            area=child,
            values=_summary_from(grouped.get(child.path, []), targets=targets, path=child.path),
        )
        for child in area.get_children().order_by("name")
    ]
    own = grouped.get(area.path)
    if own:
        values = _summary_from(own)
        rows.append(AreaRow(area=None, values=replace(values, households_target=None)))
    return rows


def by_team(
    *, area: Area, start: datetime.date, end: datetime.date, teams: Iterable[int] | None = None
) -> list[TeamRow]:
    """One TeamRow per team working in the subtree (by name); targets are None."""
    scope = _Scope(area=area, start=start, end=end, teams=teams, group=_TEAM)
    grouped = _grouped(scope)
    team_list = (
        Team.objects.filter(scope.in_area(""), scope.in_teams("pk"))
        .select_related("area")
        .order_by("name")
    )
    return [
        TeamRow(team=team, values=_summary_from(grouped.get(team.pk, []))) for team in team_list
    ]


def by_month(
    *, area: Area, start: datetime.date, end: datetime.date, teams: Iterable[int] | None = None
) -> list[MonthRow]:
    """One MonthRow per calendar month touching [start, end]; stock indicators are None.

    The first and last months count only the days inside the period.
    """
    scope = _Scope(area=area, start=start, end=end, teams=teams, group=_MONTH)
    grouped = _grouped(scope)
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
) -> list[SkillRow]:
    """Non-revoked certifications in the period per skill (by name), with distinct learners.

    With `by_child_area`, each row's `by_area` maps child area ids (None: the
    area itself) to certifications; one more query.
    """
    scope = _Scope(area=area, start=start, end=end, teams=teams, group=None)
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
            name=row["skill__name"],
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
) -> list[SkillPracticeRow]:
    """Per skill (by name): visits in the period that practised it and distinct households (1 query)."""
    scope = _Scope(area=area, start=start, end=end, teams=teams, group=None)
    rows = (
        Visit.skills.through.objects.filter(
            scope.in_area("visit__household__"),
            _visits_in_period(scope, "visit__"),
            scope.in_teams("visit__team_id"),
        )
        .values("skill_id", "skill__code", "skill__name")
        .annotate(visits=Count("visit_id"), households=Count("visit__household_id", distinct=True))
        .order_by("skill__name", "skill_id")
    )
    return [
        SkillPracticeRow(
            skill_id=row["skill_id"],
            code=row["skill__code"],
            name=row["skill__name"],
            visits=row["visits"],
            households=row["households"],
        )
        for row in rows
    ]


__all__ = [
    "FLAG_KEYS",
    "INDICATOR_KEYS",
    "VULNERABLE_FLAGS",
    "AreaRow",
    "Definition",
    "GroupReach",
    "MonthRow",
    "SkillPracticeRow",
    "SkillRow",
    "Summary",
    "TeamRow",
    "by_child_area",
    "by_month",
    "by_team",
    "certifications_by_skill",
    "definitions",
    "months_in",
    "period_bounds",
    "skills_practised",
    "summary",
]
