"""Indicators, defined once: the dashboard, the Excel workbook and any API call these.

- ``definitions``: the registry, one ``Definition`` per indicator (what each
  number means is documented there);
- ``results``: the frozen dataclasses the queries return;
- ``scope``: the period bounds and the group-by keys the queries share;
- ``queries``: the aggregate queries (a fixed number per call).
"""

from .definitions import (
    DEFINITIONS,
    INDICATOR_KEYS,
    Definition,
    Kind,
    definition,
    definitions,
    headline_keys,
    ratio_for,
)
from .queries import (
    area_targets,
    by_child_area,
    by_month,
    by_team,
    certifications_by_skill,
    own_targets,
    prorated,
    skills_practised,
    source_for,
    summary,
)
from .results import (
    AreaRow,
    GroupReach,
    MonthRow,
    SkillPracticeRow,
    SkillRow,
    Summary,
    TeamRow,
    share,
)
from .scope import months_in, period_bounds

__all__ = [
    "DEFINITIONS",
    "INDICATOR_KEYS",
    "AreaRow",
    "Definition",
    "GroupReach",
    "Kind",
    "MonthRow",
    "SkillPracticeRow",
    "SkillRow",
    "Summary",
    "TeamRow",
    "area_targets",
    "by_child_area",
    "by_month",
    "by_team",
    "certifications_by_skill",
    "own_targets",
    "prorated",
    "definition",
    "definitions",
    "headline_keys",
    "months_in",
    "period_bounds",
    "ratio_for",
    "share",
    "skills_practised",
    "source_for",
    "summary",
]
