"""``rollups check``: every indicator from the rollups against the raw definitions."""

from __future__ import annotations

import datetime

from volunteers.models import Area

COMPARED = ("summary", "by_child_area", "by_team", "by_month")


def _flat(result) -> list:
    from reports.indicators import AreaRow, MonthRow, TeamRow

    if isinstance(result, list):
        out = []
        for row in result:
            if isinstance(row, AreaRow):
                label = row.area.pk if row.area else None
            elif isinstance(row, TeamRow):
                label = row.team.pk
            elif isinstance(row, MonthRow):
                label = row.month
            else:
                out.append(row)
                continue
            out.append((label, row.values.as_dict()))
        return out
    return [result.as_dict()]


def differences(*, area: Area, start: datetime.date, end: datetime.date, teams=None) -> list[str]:
    """Human-readable lines, one per indicator that differs (empty: the rollups agree)."""
    from reports import indicators

    found: list[str] = []
    for name in (*COMPARED, "certifications_by_skill", "skills_practised"):
        function = getattr(indicators, name)
        kwargs = {"area": area, "start": start, "end": end, "teams": teams}
        if name == "certifications_by_skill":
            kwargs["by_child_area"] = True
        raw = _flat(function(**kwargs, source="raw"))
        rolled = _flat(function(**kwargs, source="rollups"))
        if raw != rolled:
            found.append(f"{area.code} {name} {start}..{end}: raw {raw!r} != rollups {rolled!r}")
    return found
