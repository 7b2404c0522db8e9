"""The area tables: each area's whole subtree per month, summed from its child areas.

An area's rows are its own rows (from the day tables, for the rows attached
to the area itself) plus its child areas' whole rows, so an area is
recomputed after its children: deepest first. Raw visits are never read, and
a move or merge of areas recomputes the old and new ancestors only.

A distinct person (household, learner, volunteer, per skill) is counted in
the month of each of its pair's first rows in a month, under ``since``: the
month of the row before (see ``models``).
"""

# The SQL here is assembled from table and column names taken from the models'
# _meta and the vulnerability registry, never from input; values are parameters.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import Max, Q

from volunteers.models import Area
from volunteers.vocabulary import VULNERABILITY_FIELDS

from .models import (
    AreaMonth,
    AreaSkillMonth,
    AreaStock,
    AreaVolunteerCount,
    AreaVolunteerMonth,
    HouseholdDay,
    HouseholdStock,
    LearnerSkillDay,
    SkillHouseholdDay,
    TeamMonth,
    VisitDay,
    VolunteerDay,
)

CHUNK = 500  # area or team ids per IN (...) list
_AREA = Area._meta.db_table
_FLAGS = list(VULNERABILITY_FIELDS)
_COUNTS = [f"{flag}_households" for flag in _FLAGS]
AREA_TABLES = (AreaMonth, AreaVolunteerMonth, AreaVolunteerCount, AreaSkillMonth, AreaStock)


def _month(column: str) -> str:
    """SQL for the first day of the month of a date column (NULL stays NULL)."""
    if connection.vendor == "postgresql":
        return f"CAST(DATE_TRUNC('month', {column}) AS DATE)"
    return f"DATE({column}, 'start of month')"


_NO_DATE = "CAST(NULL AS DATE)"


def _first(alias: str, column: str) -> str:
    """The pair row is its pair's first in its month."""
    return f"({alias}.{column} IS NULL OR {alias}.{column} < {_month(alias + '.day')})"


def _zeros(n: int) -> list[str]:
    return ["0"] * n


# Each area table's own rows: (day table, expressions in the order of the table's key and
# summed columns, condition), the day table aliased `x`.
def _own_month() -> list[tuple]:
    m = _month("x.day")
    flags = [f"CASE WHEN x.{flag} THEN 1 ELSE 0 END" for flag in _FLAGS]
    none = _zeros(len(_FLAGS))
    visits = [m, _NO_DATE, "x.visits", "x.satisfaction_sum", "x.satisfaction_count"]
    return [
        (VisitDay, [*visits, "0", "0", "0", *none], ""),
        (
            HouseholdDay,
            [m, _month("x.prev_any"), *_zeros(4), "1", "0", *flags],
            _first("x", "prev_any"),
        ),
        (LearnerSkillDay, [m, _NO_DATE, *_zeros(3), "x.certifications", "0", "0", *none], ""),
        (
            LearnerSkillDay,
            [m, _month("x.prev_any"), *_zeros(5), "1", *none],
            _first("x", "prev_any"),
        ),
    ]


def _own_skill() -> list[tuple]:
    m = _month("x.day")
    return [
        (LearnerSkillDay, [m, _NO_DATE, "x.skill_id", "x.certifications", "0", "0", "0"], ""),
        (
            LearnerSkillDay,
            [m, _month("x.prev_skill"), "x.skill_id", "0", "1", "0", "0"],
            _first("x", "prev_skill"),
        ),
        (SkillHouseholdDay, [m, _NO_DATE, "x.skill_id", "0", "0", "x.visits", "0"], ""),
        (
            SkillHouseholdDay,
            [m, _month("x.prev_skill"), "x.skill_id", "0", "0", "0", "1"],
            _first("x", "prev_skill"),
        ),
    ]


def _own_volunteer() -> list[tuple]:
    return [(VolunteerDay, [_month("x.day"), "x.user_id", "x.minutes"], "")]


def _own_stock() -> list[tuple]:
    flags = [f"CASE WHEN x.{flag} THEN x.households ELSE 0 END" for flag in _FLAGS]
    return [(HouseholdStock, ["x.follow_up_on", "x.households", "x.learners", *flags], "")]


# Per area table: its key columns, its summed columns and its own rows.
_SPECS = {
    AreaMonth: (
        ["month", "since"],
        [
            "visits",
            "satisfaction_sum",
            "satisfaction_count",
            "certifications",
            "households",
            "learners",
            *_COUNTS,
        ],
        _own_month,
    ),
    AreaSkillMonth: (
        ["month", "since", "skill_id"],
        ["certifications", "learners", "practice_visits", "practice_households"],
        _own_skill,
    ),
    AreaVolunteerMonth: (["month", "user_id"], ["minutes"], _own_volunteer),
    AreaStock: (["follow_up_on"], ["households", "learners", *_COUNTS], _own_stock),
}


def _own_select(model, expressions: list[str], where: str, names: list[str], targets: str) -> str:
    columns = ", ".join(f"{sql} AS {name}" for sql, name in zip(expressions, names, strict=True))
    condition = f" AND {where}" if where else ""
    return (
        f"SELECT x.area_id AS node, {columns} FROM {model._meta.db_table} x"
        f" WHERE x.area_id IN (SELECT p.id FROM {_AREA} p WHERE {targets}){condition}"
    )


def _children(model, columns: list[str], targets: str, children: list[int] | None) -> str:
    """The child areas' whole rows, keyed by their parent (one of the targets); `children`
    names the child areas when known (their rows are then read by index)."""
    known = "" if children is None else f" AND r.area_id IN ({', '.join(['%s'] * len(children))})"
    return (
        f"SELECT p.id AS node, {', '.join('r.' + c for c in columns)}"
        f" FROM {model._meta.db_table} r JOIN {_AREA} c ON c.id = r.area_id"
        f" JOIN {_AREA} p ON p.path = SUBSTR(c.path, 1, LENGTH(c.path) - {Area.steplen})"
        f" WHERE r.whole = %s AND {targets}{known}"
    )


def _insert(
    model, targets: str, target_params: list, *, whole: bool, children: list[int] | None = None
) -> tuple[str, list]:
    """INSERT ... SELECT of the targets' rows: whole subtrees, or (for areas with child
    areas) the rows attached to the area itself."""
    keys, sums, own = _SPECS[model]
    columns = [*keys, *sums]
    own_targets = targets if whole else f"({targets}) AND p.numchild > 0"
    parts = [_own_select(m, exprs, where, columns, own_targets) for m, exprs, where in own()]
    params = target_params * len(parts)
    if whole and children != []:
        parts.append(_children(model, columns, targets, children))
        params += [True, *target_params, *(children or [])]
    union = " UNION ALL ".join(f"SELECT * FROM ({part}) AS u{i}" for i, part in enumerate(parts))
    grouped = ", ".join(["node", *keys])
    summed = ", ".join(f"SUM({c}) AS {c}" for c in sums)
    body = f"SELECT {grouped}, {summed} FROM ({union}) AS parts GROUP BY {grouped}"
    if model is AreaVolunteerMonth:
        # The volunteer's month before, in this subtree: the pair link of the area rows.
        body = (
            "SELECT node, month, user_id, minutes,"
            " LAG(month) OVER (PARTITION BY node, user_id ORDER BY month) AS since"
            f" FROM ({body}) AS grouped"
        )
        columns = [*columns, "since"]
    table = model._meta.db_table
    sql = (
        f"INSERT INTO {table} (area_id, whole, {', '.join(columns)})"
        f" SELECT node, %s, {', '.join(columns)} FROM ({body}) AS computed"
    )
    return sql, [whole, *params]


def _recompute(targets: str, params: list, children: list[int] | None = None) -> None:
    """Delete and insert again the area tables' rows of the target areas (`targets`: a
    condition on the area table aliased `p`; `children`: their child areas, if known);
    their child areas must be current."""
    with connection.cursor() as cursor:
        for model in AREA_TABLES:
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE area_id IN"
                f" (SELECT p.id FROM {_AREA} p WHERE {targets})",
                params,
            )
            if model is AreaVolunteerCount:
                cursor.execute(*_count_volunteers(targets, params))
                continue
            for whole in (True, False):
                cursor.execute(*_insert(model, targets, params, whole=whole, children=children))


def _count_volunteers(targets: str, params: list) -> tuple[str, list]:
    """INSERT ... SELECT of the targets' volunteer counts from their (current) volunteer rows."""
    rows = AreaVolunteerMonth._meta.db_table
    return (
        f"INSERT INTO {AreaVolunteerCount._meta.db_table}"
        " (area_id, whole, month, since, volunteers, minutes)"
        " SELECT area_id, whole, month, since, COUNT(*), SUM(minutes)"
        f" FROM {rows} WHERE area_id IN (SELECT p.id FROM {_AREA} p WHERE {targets})"
        " GROUP BY area_id, whole, month, since",
        params,
    )


def recompute_areas(areas: Iterable[int] | None = None) -> None:
    """Recompute the area tables of `areas` and of all their ancestors (None: every area)."""
    if areas is None:
        deepest = Area.objects.aggregate(d=Max("depth"))["d"] or 0
        for depth in range(deepest, 0, -1):
            _recompute("p.depth = %s", [depth])
        return
    paths = set(Area.objects.filter(pk__in=set(areas)).values_list("path", flat=True))
    prefixes = {
        path[:end] for path in paths for end in range(Area.steplen, len(path) + 1, Area.steplen)
    }
    by_depth: dict[int, list[int]] = {}
    for pk, depth in Area.objects.filter(path__in=prefixes).values_list("pk", "depth"):
        by_depth.setdefault(depth, []).append(pk)
    for depth in sorted(by_depth, reverse=True):
        ids = sorted(by_depth[depth])
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i : i + CHUNK]
            parents = Area.objects.filter(pk__in=chunk)
            children = list(
                Area.objects.filter(depth=depth + 1)
                .filter(_under_any(parents.values_list("path", flat=True)))
                .values_list("pk", flat=True)
            )
            _recompute(f"p.id IN ({', '.join(['%s'] * len(chunk))})", chunk, children)


def _under_any(paths) -> Q:
    where = Q(pk__in=[])
    for path in paths:
        where |= Q(path__startswith=path)
    return where


def delete_area(area_id: int) -> None:
    """Forget the area tables' rows of an area that is going (merged into another)."""
    for model in AREA_TABLES:
        model.objects.filter(area_id=area_id).delete()


def recompute_team_months(teams: Iterable[int] | None = None) -> None:
    """Recompute ``TeamMonth`` for `teams` (None: every team) from the visit day rows."""
    table, visits = TeamMonth._meta.db_table, VisitDay._meta.db_table
    team_list = None if teams is None else sorted(set(teams))
    chunks = (
        [None]
        if team_list is None
        else [team_list[i : i + CHUNK] for i in range(0, len(team_list), CHUNK)]
    )
    with connection.cursor() as cursor:
        for chunk in chunks:
            where = "" if chunk is None else f" WHERE team_id IN ({', '.join(['%s'] * len(chunk))})"
            params = [] if chunk is None else chunk
            cursor.execute(f"DELETE FROM {table}{where}", params)
            cursor.execute(
                f"INSERT INTO {table} (team_id, month, visits) SELECT team_id, {_month('day')},"
                f" SUM(visits) FROM {visits}{where} GROUP BY team_id, {_month('day')}",
                params,
            )


def last_day():
    """The last day any day table holds (None: none)."""
    days = [model.objects.aggregate(d=Max("day"))["d"] for model in (VisitDay, LearnerSkillDay)]
    found = [day for day in days if day]
    return max(found) if found else None
