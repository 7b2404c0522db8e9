"""What the indicator queries return: plain frozen dataclasses, no database access."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields

from volunteers.models import Area, Team
from volunteers.vocabulary import VULNERABILITY_GROUPS

from .definitions import DEFINITIONS, INDICATOR_KEYS, definition


def share(part: int | float | None, whole: int | float | None) -> float | None:
    """part / whole, None when the whole is 0 or unknown: every ratio indicator is this."""
    return part / whole if part is not None and whole else None


@dataclass(frozen=True)
class GroupReach:
    """Reach of one vulnerable group: households registered / reached with the flag."""

    registered: int | None = 0
    reached: int = 0

    @property
    def share(self) -> float | None:
        return share(self.reached, self.registered)


@dataclass(frozen=True)
class Summary:
    """All indicators for one area (or child, team, month). None = not meaningful here.

    The fields are the counted indicators; the ratios are properties, their
    parts named by the registry (``Definition.ratio_of``).
    """

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
    mentors: int | None = 0
    vulnerable: dict[str, GroupReach] = field(default_factory=dict)  # by Household flag

    def _ratio(self, key: str) -> float | None:
        numerator, denominator = definition(key).ratio_of or ("", "")
        return share(getattr(self, numerator), getattr(self, denominator))

    @property
    def coverage(self) -> float | None:
        """households_reached / households_target (None without a target)."""
        return self._ratio("coverage")

    @property
    def certified_coverage(self) -> float | None:
        return self._ratio("certified_coverage")

    @property
    def visits_coverage(self) -> float | None:
        return self._ratio("visits_coverage")

    @property
    def teams_reporting_share(self) -> float | None:
        return self._ratio("teams_reporting_share")

    def as_dict(self) -> dict[str, int | float | None]:
        """Flat {key: value}, in the registry's order (vulnerable groups flattened).

        Its keys are exactly ``INDICATOR_KEYS``: a value the registry does not
        define would come last, where the registry test finds it.
        """
        data: dict[str, int | float | None] = {
            item.name: getattr(self, item.name)
            for item in fields(self)
            if item.name != "vulnerable"
        }
        for group in VULNERABILITY_GROUPS:
            reach = self.vulnerable.get(group.field, GroupReach(registered=None))
            data[f"{group.key}_registered"] = reach.registered
            data[f"{group.key}_reached"] = reach.reached
        for item in DEFINITIONS:
            if item.ratio_of:
                numerator, denominator = item.ratio_of
                data[item.key] = share(data[numerator], data[denominator])
        ordered = {key: data.pop(key) for key in INDICATOR_KEYS}
        ordered.update(data)
        return ordered


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
