"""The rollup tables: what the dashboard and the workbook summaries read instead of raw rows.

Every table is keyed by the leaf area the row belongs to (the household's
area: areas are not copied down, so a move or merge of areas needs no
rewrite), the team and the local day. Two kinds of table:

- additive totals (``VisitDay``): one row per (day, area, team), summed by
  any period and grouping;
- distinct "pairs" (``HouseholdDay``, ``VolunteerDay``, ``LearnerSkillDay``,
  ``SkillHouseholdDay``): one row per distinct (day, area, team, person).
  Distinct counts over any period are an exact ``COUNT(DISTINCT person)``
  over these rows: a person visited three times on one day by one team is one
  row, and nothing is joined (the flags of the household are copied in), so
  the count reads far fewer and narrower rows than the raw visits.
  Each pair row also carries the day the same pair was last seen before it
  (``prev_*``, set by ``refresh.link_pairs``; a second row of the same pair on
  the same day gets its own day): the rows of a pair whose previous day is
  before the period's start are exactly its first rows in the period, so
  "distinct households reached from s to e" is a plain filtered COUNT of rows
  in the period (no sort, no hash of every household), exact for any period.
- the stock (``HouseholdStock``): households and learners now, per
  (area, team, flags, latest follow-up date), for "registered" and
  "follow-ups overdue".

Above the leaf tables, the area tables (``AreaMonth``, ``AreaVolunteerMonth`` and
its counts ``AreaVolunteerCount``, ``AreaSkillMonth``, ``AreaStock``, ``TeamMonth``) hold each area's whole
subtree per calendar month, all teams together: a province or the nation is a
few thousand rows however many visits there are. They are summed from the
child areas' rows (``refresh.recompute_areas``), never from raw visits, so a
move or merge of areas recomputes the ancestors only. A distinct person is
counted in the month row of its pair's first row in that month, under
``since``: the month the pair was last seen before (None: never). "Distinct
households from month S" is then the sum over rows with ``since`` before S:
exact for a period that starts on the first of a month and ends at a month's
end or after the last day holding data (``area_readers.fits``); any other
period, a team view or a per-team table reads the day tables.

Foreign keys carry no database constraint: the rollups are derived data,
rebuilt from the raw rows at any time (``manage.py rollups rebuild``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from volunteers.models.households import HouseholdFlags
from volunteers.vocabulary import VULNERABILITY_FIELDS


class _Rollup(models.Model):
    """Abstract: derived rows, shown only in debugging."""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


def _ref(model: str) -> models.ForeignKey:
    return models.ForeignKey(
        model, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )


class VisitDay(_Rollup):
    """Additive visit totals of one team in one area on one local day."""

    day = models.DateField()
    area = _ref("volunteers.Area")
    team = _ref("volunteers.Team")
    visits = models.PositiveIntegerField(default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)
    satisfaction_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "area", "team"], name="rollup_visitday_key")
        ]
        indexes = [models.Index(fields=["area", "day"]), models.Index(fields=["team", "day"])]


class HouseholdDay(HouseholdFlags, _Rollup):
    """A household with at least one visit marked done by the team that day (flags copied)."""

    day = models.DateField()
    area = _ref("volunteers.Area")
    team = _ref("volunteers.Team")
    household = _ref("volunteers.Household")
    prev_any = models.DateField(null=True)  # previous day of (area, household), any team
    prev_team = models.DateField(null=True)  # previous day of (area, team, household)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "area", "team", "household"], name="rollup_householdday_key"
            )
        ]
        indexes = [models.Index(fields=["area", "day"])]


class VolunteerDay(_Rollup):
    """A volunteer present at the team's visits in the area that day, with person-minutes."""

    day = models.DateField()
    area = _ref("volunteers.Area")
    team = _ref("volunteers.Team")
    user = _ref(settings.AUTH_USER_MODEL)
    minutes = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "area", "team", "user"], name="rollup_volunteerday_key"
            )
        ]
        indexes = [models.Index(fields=["area", "day"])]


class LearnerSkillDay(_Rollup):
    """Valid (not revoked) certifications of a learner in a skill dated that day, by the team."""

    day = models.DateField()
    area = _ref("volunteers.Area")
    team = _ref("volunteers.Team")
    learner = _ref("volunteers.Learner")
    skill = _ref("courses.Skill")
    certifications = models.PositiveIntegerField(default=0)
    prev_any = models.DateField(null=True)  # previous day of (area, learner), any team or skill
    prev_team = models.DateField(null=True)  # previous day of (area, team, learner)
    prev_skill = models.DateField(null=True)  # previous day of (area, skill, learner)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "area", "team", "learner", "skill"], name="rollup_learnerday_key"
            )
        ]
        indexes = [models.Index(fields=["area", "day"])]


class SkillHouseholdDay(_Rollup):
    """A skill practised with a household at the team's visits that day (visits counted)."""

    day = models.DateField()
    area = _ref("volunteers.Area")
    team = _ref("volunteers.Team")
    skill = _ref("courses.Skill")
    household = _ref("volunteers.Household")
    visits = models.PositiveIntegerField(default=0)
    prev_skill = models.DateField(null=True)  # previous day of (area, skill, household)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "area", "team", "skill", "household"], name="rollup_skillday_key"
            )
        ]
        indexes = [models.Index(fields=["area", "day"])]


class HouseholdStock(HouseholdFlags, _Rollup):
    """Households (and their learners) now, per area, responsible team, flags and the
    follow-up date their latest visit asked for (None: no visit or no follow-up)."""

    area = _ref("volunteers.Area")
    team = _ref("volunteers.Team")
    follow_up_on = models.DateField(null=True)
    households = models.PositiveIntegerField(default=0)
    learners = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["area"])]


def _flag_counts(name: str) -> type[models.Model]:
    """An abstract model with one count column per vulnerability group: ``<flag>_households``."""
    attrs: dict[str, object] = {
        "__module__": __name__,
        "Meta": type("Meta", (), {"abstract": True}),
    }
    for flag in VULNERABILITY_FIELDS:
        attrs[f"{flag}_households"] = models.PositiveIntegerField(default=0)
    return type(name, (models.Model,), attrs)


FlagCounts = _flag_counts("FlagCounts")


class _AreaRollup(_Rollup):
    """Abstract: rows of an area's whole subtree (`whole`), or, for an area that has child
    areas, of the rows attached to the area itself (`whole` False, for "the area itself")."""

    area = _ref("volunteers.Area")
    whole = models.BooleanField(default=True)

    class Meta:
        abstract = True


class AreaMonth(FlagCounts, _AreaRollup):
    """Visits, certifications and first-in-month households and learners of a subtree."""

    month = models.DateField()
    since = models.DateField(null=True)  # month the pairs counted here were seen before
    visits = models.PositiveIntegerField(default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)
    satisfaction_count = models.PositiveIntegerField(default=0)
    certifications = models.PositiveIntegerField(default=0)
    households = models.PositiveIntegerField(default=0)  # flags: <flag>_households
    learners = models.PositiveIntegerField(default=0)  # learners certified

    class Meta:
        indexes = [models.Index(fields=["area", "month"])]


class AreaVolunteerMonth(_AreaRollup):
    """A volunteer present at visits in the subtree that month, with person-minutes."""

    month = models.DateField()
    since = models.DateField(null=True)  # the volunteer's previous month in this subtree
    user = _ref(settings.AUTH_USER_MODEL)
    minutes = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["area", "month"])]


class AreaVolunteerCount(_AreaRollup):
    """``AreaVolunteerMonth`` counted per (month, since): how many volunteers, their minutes.

    The readers count active volunteers here: an area's rows grow with its
    months, not with its volunteers (6,000 volunteers over a year are 72,000
    volunteer rows and at most 78 of these). The per-volunteer rows stay: a
    parent area's ``since`` needs them (a volunteer may work in two child areas).
    """

    month = models.DateField()
    since = models.DateField(null=True)
    volunteers = models.PositiveIntegerField(default=0)
    minutes = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["area", "month"])]


class AreaSkillMonth(_AreaRollup):
    """Per skill: certifications, first-in-month learners, practice visits and households."""

    month = models.DateField()
    since = models.DateField(null=True)
    skill = _ref("courses.Skill")
    certifications = models.PositiveIntegerField(default=0)
    learners = models.PositiveIntegerField(default=0)
    practice_visits = models.PositiveIntegerField(default=0)
    practice_households = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["area", "month"])]


class AreaStock(FlagCounts, _AreaRollup):
    """Households and learners of a subtree now, per latest follow-up date."""

    follow_up_on = models.DateField(null=True)
    households = models.PositiveIntegerField(default=0)
    learners = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["area"])]


class TeamMonth(_Rollup):
    """Visits of one team in one month (for "teams reporting" by month)."""

    team = _ref("volunteers.Team")
    month = models.DateField()
    visits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "month"], name="rollup_teammonth_key")
        ]


class RollupDirty(_Rollup):
    """A (area, day) bucket, or an area's stock (day None), to recompute at the next refresh.

    Written by the signal handlers for what the watermark cannot see: the old
    place of an edited row and deleted rows.
    """

    area_id = models.IntegerField()
    day = models.DateField(null=True)


class RollupState(_Rollup):
    """The one row saying how far the rollups are: the watermark and the rebuild cursor."""

    name = models.CharField(max_length=40, unique=True)
    watermark = models.DateTimeField(null=True)
    refreshed_at = models.DateTimeField(null=True)
    rebuild_cursor = models.DateField(null=True)  # last day a running rebuild finished
    rebuild_until = models.DateField(null=True)
    last_day = models.DateField(null=True)  # the last day any day table holds
    areas_built = models.BooleanField(default=False)  # the area tables are complete
