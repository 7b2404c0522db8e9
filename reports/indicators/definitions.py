"""The indicator registry: one ``Definition`` per number the reports show.

Every indicator is defined here once, with its key, label, description, kind,
decimals and whether its rows add up. The dashboard (columns, labels, KPI
cards, sort keys), the workbook (columns, number formats, totals formulas,
the Definitions sheet) and any admin list derive from ``DEFINITIONS``; the
queries in ``reports.indicators.queries`` compute the values.

Every query takes an area (its whole subtree counts, through the
materialised path, ``area.subtree_q("area__")``), a period (``start``
and ``end`` dates, both inclusive, in the site's time zone) and optionally
``teams`` (an iterable of team ids: only those teams' households, visits,
certifications and teams count; the team leaders' view). Access is NOT
checked here: callers pass an area the user may see (``volunteers.access``).

Public API (``reports.indicators``; keyword-only arguments; results are plain
frozen dataclasses):

- ``summary(*, area, start, end, teams=None) -> Summary``
- ``by_child_area(*, area, start, end, teams=None) -> list[AreaRow]``: one row
  per direct child of `area` (all children, zero rows included, by name), plus
  a last row with ``area=None`` for rows attached to `area` itself when there
  are any, so that additive indicators sum to ``summary``.
- ``by_team(*, area, start, end, teams=None) -> list[TeamRow]``: one row per team
  working in the subtree (``Team.area`` in it), by name.
- ``by_month(*, area, start, end, teams=None) -> list[MonthRow]``: one row per
  calendar month touching the period (empty months included); stock
  indicators (registered, learners, overdue, targets, teams_total, mentors) are None.
- ``certifications_by_skill(*, area, start, end, teams=None, by_child_area=False)
  -> list[SkillRow]``: one row per skill with at least one certification.
- ``skills_practised(*, area, start, end, teams=None) -> list[SkillPracticeRow]``:
  per skill, visits in the period that practised it and distinct households.
- ``DEFINITIONS`` / ``definitions()``: every indicator's ``Definition`` in
  display order (labels and descriptions translatable, lazily);
  ``definition(key)`` finds one.
- ``INDICATOR_KEYS``: the keys of ``DEFINITIONS``, which are exactly the keys
  of ``Summary.as_dict()`` (vulnerable groups flattened as
  ``elderly_registered``, ``elderly_reached``, ...).

Definitions:

- households_registered: households in the subtree now (a stock, not bound to
  the period; erased households still count).
- households_reached: distinct households with at least one visit with outcome
  "done" in the period.
- households_target / coverage: the "households reached" Target of the area
  whose period overlaps the period (the latest-starting one when several do),
  PRO-RATED to the period shown: value x (days both periods share) / (days of
  the target), so a one-year target seen over "this month" counts its share
  of those days (queries.prorated; the dashboard says so and lists each
  target's own period);
  if the area has none, the sum of the nearest targets below it (each child
  subtree contributes its own target, else its children's, and so on).
  coverage = reached / target (a fraction, may exceed 1; None without target).
  The same rule gives ``visits_target`` and ``learners_certified_target``.
- visits: visits in the period, all outcomes.
- learners: learners in the subtree's households now (a stock).
- learners_certified: distinct learners with a non-revoked certification
  dated in the period; certifications: the number of such certifications.
- <group>_registered / _reached / _share: for each vulnerability group of
  ``volunteers.vocabulary.VULNERABILITY_GROUPS`` (its Household flag):
  registered households with the flag, reached households with the flag, and
  share = reached / registered.
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
- mentors: mentor memberships (learners a leader invited, who accepted) of
  teams based in the subtree, now (a stock: None by month); counted from the
  memberships in the team query of both sources (``queries.mentors_per_team``).

Breakdowns: by child area, households and visits go to the child holding the
household; by team, household indicators (registered, overdue, vulnerable
registered) follow the household's responsible team, visit indicators
(visits, reached, hours, volunteers, satisfaction) the visit's team and
certifications the certifying team, so distinct counts (reached, volunteers)
may overlap between teams and months; additive ones (visits, registered,
certifications, hours) always sum to the summary. ``Definition.additive``
says whether an indicator's sub-area rows add up to the whole;
``Definition.adds_up_by_team`` whether its team rows do.

Query count: each function runs a fixed number of aggregate queries (about 8),
whatever the number of areas, teams or rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from volunteers.vocabulary import VULNERABILITY_GROUPS, VulnerabilityGroup


class Kind(StrEnum):
    """What sort of number an indicator is: decides its format and how its rows total."""

    COUNT = "count"  # things counted once each: rows add up over any breakdown
    DISTINCT = "distinct"  # distinct households or learners reached: add up over sub-areas only
    TARGET = "target"  # a planning figure (Target), None when none is set
    RATIO = "ratio"  # a fraction of two other indicators (`ratio_of`)
    HOURS = "hours"  # person-hours
    AVERAGE = "average"  # a mean over visits


@dataclass(frozen=True)
class Definition:
    """One indicator: how it is named, explained, formatted and totalled.

    `decimals` are the digits shown after the point (of the percentage, for a
    ratio). `additive`: the rows of a breakdown into sub-areas add up to the
    whole (distinct volunteers and means do not). `ratio_of` names the
    (numerator, denominator) keys of a ratio; `group` the vulnerability group
    of a per-group indicator; `scale` the top of a rating scale (1-5).
    """

    key: str
    label: Promise
    description: Promise
    kind: Kind = Kind.COUNT
    decimals: int = 0
    additive: bool = True
    ratio_of: tuple[str, str] | None = None
    group: VulnerabilityGroup | None = None
    scale: int | None = None

    @property
    def is_ratio(self) -> bool:
        return self.kind == Kind.RATIO

    @property
    def is_target(self) -> bool:
        return self.kind == Kind.TARGET

    @property
    def adds_up_by_team(self) -> bool:
        """Do team rows add up? Distinct households and learners may be counted by two teams."""
        return self.additive and self.kind != Kind.DISTINCT


def _ratio(key: str, label: Promise, description: Promise, of: tuple[str, str], **kw) -> Definition:
    return Definition(key, label, description, Kind.RATIO, 1, False, ratio_of=of, **kw)


def _for_group(text: Promise, group_text: Promise) -> Promise:
    """``text % {"group": group_text}``, translated when shown (not when this module loads)."""
    return lazy(lambda: str(text) % {"group": group_text}, str)()


def _group_definitions(group: VulnerabilityGroup) -> list[Definition]:
    registered, reached = f"{group.key}_registered", f"{group.key}_reached"
    return [
        Definition(
            registered,
            _for_group(_("%(group)s: registered"), group.label),
            _for_group(_("Registered households flagged %(group)s."), group.adjective),
            group=group,
        ),
        Definition(
            reached,
            _for_group(_("%(group)s: reached"), group.label),
            _for_group(_("Households flagged %(group)s reached in the period."), group.adjective),
            Kind.DISTINCT,
            group=group,
        ),
        _ratio(
            f"{group.key}_share",
            _for_group(_("%(group)s: share reached"), group.label),
            _for_group(
                _("Reached divided by registered, for households flagged %(group)s."),
                group.adjective,
            ),
            (reached, registered),
            group=group,
        ),
    ]


DEFINITIONS: tuple[Definition, ...] = (
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
        Kind.DISTINCT,
    ),
    Definition(
        "households_target",
        _("Target: households"),
        _(
            "The area's target for households reached whose dates overlap the period; if the area "
            "has none, the sum of the nearest targets of the areas below it."
        ),
        Kind.TARGET,
    ),
    _ratio(
        "coverage",
        _("Coverage"),
        _("Households reached divided by the target."),
        ("households_reached", "households_target"),
    ),
    Definition("visits", _("Visits"), _("Visits in the period, whatever their outcome.")),
    Definition(
        "visits_target",
        _("Target: visits"),
        _("The visits target, found as for households."),
        Kind.TARGET,
    ),
    _ratio(
        "visits_coverage",
        _("Visits against target"),
        _("Visits divided by the visits target."),
        ("visits", "visits_target"),
    ),
    Definition(
        "learners", _("Learners"), _("People registered as learners in the households (now).")
    ),
    Definition(
        "learners_certified",
        _("Learners certified"),
        _("Distinct learners with at least one certificate dated in the period and not revoked."),
        Kind.DISTINCT,
    ),
    Definition(
        "learners_certified_target",
        _("Target: learners certified"),
        _("The target for adults certified, found as for households."),
        Kind.TARGET,
    ),
    _ratio(
        "certified_coverage",
        _("Certified against target"),
        _("Learners certified divided by their target."),
        ("learners_certified", "learners_certified_target"),
    ),
    Definition(
        "certifications",
        _("Certificates"),
        _("Certificates dated in the period and not revoked (one learner may hold several)."),
    ),
    *(item for group in VULNERABILITY_GROUPS for item in _group_definitions(group)),
    Definition(
        "active_volunteers",
        _("Active volunteers"),
        _("Distinct volunteers present at one visit or more in the period."),
        Kind.DISTINCT,
        additive=False,  # one volunteer may visit in several sub-areas
    ),
    Definition(
        "volunteer_hours",
        _("Volunteer hours"),
        _("Person-hours: each visit's duration times the number of volunteers present."),
        Kind.HOURS,
        decimals=1,
    ),
    Definition(
        "mentors",
        _("Mentors from the community"),
        _(
            "Learners who became mentors: members with the mentor role in teams based in the "
            "area or an area below it (now, not only in the period)."
        ),
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
        _("Mean of the households' 1-5 satisfaction over visits in the period that recorded one."),
        Kind.AVERAGE,
        decimals=1,
        additive=False,
        scale=5,
    ),
    # The rule behind "Teams reporting 0" beside a village's visits, stated where it is shown:
    # teams count where they are based, not where they visit.
    Definition(
        "teams_total",
        _("Teams"),
        _(
            "Teams based in the area or in an area below it. A team based higher up (a commune "
            "team visiting a village) counts where it is based, not where it visits."
        ),
    ),
    Definition(
        "teams_reporting",
        _("Teams reporting"),
        _("Of those teams, the ones with at least one visit recorded in the period."),
    ),
    _ratio(
        "teams_reporting_share",
        _("Share of teams reporting"),
        _("Teams reporting divided by all teams."),
        ("teams_reporting", "teams_total"),
    ),
)

INDICATOR_KEYS: tuple[str, ...] = tuple(item.key for item in DEFINITIONS)
_BY_KEY: dict[str, Definition] = {item.key: item for item in DEFINITIONS}


def definition(key: str) -> Definition:
    """The Definition of `key` (KeyError for a key the registry does not know)."""
    return _BY_KEY[key]


def definitions() -> list[Definition]:
    """Every Definition, in display order (labels and descriptions are lazy strings)."""
    return list(DEFINITIONS)


def ratio_for(numerator: str) -> Definition | None:
    """The ratio whose numerator is `numerator` (coverage for households_reached), if any."""
    return next(
        (item for item in DEFINITIONS if item.ratio_of and item.ratio_of[0] == numerator), None
    )


def headline_keys() -> list[str]:
    """The indicators that stand on their own line (not per group, not a ratio or its denominator)."""
    denominators = {item.ratio_of[1] for item in DEFINITIONS if item.ratio_of}
    return [
        item.key
        for item in DEFINITIONS
        if item.group is None and not item.is_ratio and item.key not in denominators
    ]
