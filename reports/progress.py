"""A volunteer's teams against their targets this month: the Today screen and /api/v1/progress.

Every number comes from the indicator registry (``reports.indicators``):
households reached by the team's visits this month and last month
(``by_team``), against the team area's "households reached" target
pro-rated to the days of this month (``area_targets``). The raw rows are
read, not the rollups: a volunteer who has just saved a visit sees it
counted, and a team's month is small.

A fixed number of queries whatever the number of households, visits or teams.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reports import indicators
from volunteers import access
from volunteers.models import Area, Target, Team

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The raw rows, never a rollup a minute old (see the module docstring).
SOURCE = "raw"


@dataclass(frozen=True)
class TeamProgress:
    """One team's households reached this month (so far) and last month, and the month's target."""

    team: Team
    month: datetime.date  # the first day of this month
    month_done: int
    month_target: int | None
    last_month_done: int

    @property
    def month_label(self) -> str:
        return formats.date_format(self.month, "YEAR_MONTH_FORMAT")

    @property
    def last_month_label(self) -> str:
        previous = (self.month - datetime.timedelta(days=1)).replace(day=1)
        return formats.date_format(previous, "YEAR_MONTH_FORMAT")

    @property
    def fraction(self) -> float | None:
        return indicators.share(self.month_done, self.month_target)

    @property
    def percent(self) -> int:
        """The share of the target reached, 0-100, for a progress bar (capped at 100)."""
        return min(100, round(100 * (self.fraction or 0)))

    @property
    def target_note(self) -> str:
        """What the target is, in the active language."""
        if self.month_target is None:
            return _("No target is set for %(area)s.") % {"area": self.team.area.name}
        return _(
            "Target: %(area)s's target for households reached, pro-rated to the days of "
            "%(month)s. Counted: households with a visit marked done by the team."
        ) % {"area": self.team.area.name, "month": self.month_label}


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last days of `day`'s calendar month."""
    start = day.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, following - datetime.timedelta(days=1)


def _common_areas(teams: list[Team]) -> list[tuple[Area, list[int]]]:
    """The lowest area holding each group of teams (one group per tree root), with their ids.

    One ``by_team`` call per group then counts every team of the group. One query.
    """
    groups: dict[str, list[Team]] = {}
    for team in teams:
        groups.setdefault(team.area.path[: Area.steplen], []).append(team)
    prefixes: dict[str, list[int]] = {}
    for members in groups.values():
        prefix = members[0].area.path
        for team in members[1:]:
            while not team.area.path.startswith(prefix):
                prefix = prefix[: -Area.steplen]
        prefixes[prefix] = [team.pk for team in members]
    areas = Area.objects.filter(path__in=list(prefixes))
    return [(area, prefixes[area.path]) for area in areas]


def _reached_by_team(groups, start: datetime.date, end: datetime.date) -> dict[int, int]:
    reached: dict[int, int] = {}
    for area, team_ids in groups:
        for row in indicators.by_team(
            area=area, start=start, end=end, teams=team_ids, source=SOURCE
        ):
            reached[row.team.pk] = row.values.households_reached
    return reached


def team_progress(*, user: User, today: datetime.date | None = None) -> list[TeamProgress]:
    """The progress of the teams the user belongs to (``access.offline_teams``), by team name."""
    teams = list(access.offline_teams(user).select_related("area").order_by("name", "pk"))
    if not teams:
        return []
    today = today or timezone.localdate()
    month_start, month_end = month_bounds(today)
    last_start, last_end = month_bounds(month_start - datetime.timedelta(days=1))
    groups = _common_areas(teams)
    this_month = _reached_by_team(groups, month_start, month_end)
    last_month = _reached_by_team(groups, last_start, last_end)
    areas = {team.area.pk: team.area for team in teams}
    targets = indicators.area_targets(areas=areas.values(), start=month_start, end=month_end)
    return [
        TeamProgress(
            team=team,
            month=month_start,
            month_done=this_month.get(team.pk, 0),
            month_target=targets[team.area.pk][Target.Indicator.HOUSEHOLDS_REACHED],
            last_month_done=last_month.get(team.pk, 0),
        )
        for team in teams
    ]
