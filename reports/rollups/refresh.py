"""Keeping the rollups current: recompute dirty (area, day) buckets from the raw rows.

A refresh finds the dirty buckets two ways, then recomputes each from scratch
(delete the bucket's rollup rows, insert them again from the raw rows), so a
re-run changes nothing (idempotent) and a bucket is never added to twice:

- the watermark: raw rows (visits, certifications, households, learners)
  whose ``updated_at`` is at or after ``watermark - ROLLUP_SAFE_WINDOW``. The
  window re-reads the last minutes on every run, so a transaction that
  stamped its rows before the previous watermark but committed after it is
  still seen (it must commit within the window: 10 minutes by default, far
  longer than any write here). Bulk inserts (``generate_load_data``) are
  found this way too.
- the dirty log (``RollupDirty``), written by signal handlers for what no
  timestamp shows: the old bucket of an edited row (a visit moved to another
  day or household) and deleted rows.

Only one refresh runs at a time (the state row is locked).
"""

# The SQL here is assembled from table and column names taken from the models'
# _meta and the vulnerability registry, never from input; values are parameters.
# ruff: noqa: S608

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import TruncDate
from django.utils import timezone

from volunteers.models import Certification, Household, Learner, Visit
from volunteers.vocabulary import VULNERABILITY_FIELDS

from . import area_tables
from .models import (
    HouseholdDay,
    HouseholdStock,
    LearnerSkillDay,
    RollupDirty,
    RollupState,
    SkillHouseholdDay,
    TeamMonth,
    VisitDay,
    VolunteerDay,
)

STATE = "indicators"
CHUNK = 500  # area ids per IN (...) list
# Days rebuilt per statement (and per committed step of ``rebuild``): the raw tables are read
# once per month of days with hash joins instead of once per day, and a stopped rebuild
# loses at most a month's statements.
REBUILD_DAYS = datetime.timedelta(days=31)

# (area id, day); day None = the area's stock only
Bucket = tuple[int, datetime.date | None]


def safe_window() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "ROLLUP_SAFE_WINDOW_SECONDS", 600))


def state() -> RollupState:
    return RollupState.objects.get_or_create(name=STATE)[0]


def data_as_of() -> datetime.datetime | None:
    """When the rollups were last brought up to date (None: never)."""
    settle()
    return RollupState.objects.filter(name=STATE).values_list("watermark", flat=True).first()


# --- SQL ------------------------------------------------------------------------

_T = {
    "visit": Visit._meta.db_table,
    "household": Household._meta.db_table,
    "learner": Learner._meta.db_table,
    "certification": Certification._meta.db_table,
    "presence": Visit.volunteers.through._meta.db_table,
    "practice": Visit.skills.through._meta.db_table,
}
_FLAGS = list(VULNERABILITY_FIELDS)


def _dt(value: datetime.datetime):
    return connection.ops.adapt_datetimefield_value(value)


def _d(value: datetime.date | None):
    return connection.ops.adapt_datefield_value(value)


def _day_bounds(day: datetime.date) -> tuple:
    from reports.indicators.scope import period_bounds

    begin, until = period_bounds(day, day)
    return _dt(begin), _dt(until)


def _in_areas(column: str, areas: list[int] | None) -> tuple[str, list]:
    if areas is None:
        return "", []
    return f" AND {column} IN ({', '.join(['%s'] * len(areas))})", list(areas)


def _local_day_sql(column: str) -> tuple[str, list]:
    """SQL for the local (site time zone) date of a datetime column, with its parameters."""
    sql, params = connection.ops.datetime_cast_date_sql(
        column, (), timezone.get_current_timezone_name()
    )
    return sql, list(params)


def _visit_inserts(
    first: datetime.date, last: datetime.date, areas: list[int] | None
) -> list[tuple[str, list]]:
    """INSERT ... SELECT statements for the day rows of the days `first` to `last`.

    The day of each row is computed in SQL from the visit time (one statement
    for a whole range of days: a rebuild reads each table once per chunk of
    days instead of once per day).
    """
    begin, until = _day_bounds(first)[0], _day_bounds(last)[1]
    where, area_params = _in_areas("h.area_id", areas)
    day, day_params = _local_day_sql("v.visited_at")
    joined = (
        f" FROM {_T['visit']} v JOIN {_T['household']} h ON h.id = v.household_id"
        f" WHERE v.visited_at >= %s AND v.visited_at < %s{where}"
    )
    flags = ", ".join(_FLAGS)
    h_flags = ", ".join(f"h.{flag}" for flag in _FLAGS)
    base = [*day_params, begin, until, *area_params]
    return [
        (
            f"INSERT INTO {VisitDay._meta.db_table}"
            " (day, area_id, team_id, visits, satisfaction_sum, satisfaction_count)"
            f" SELECT {day}, h.area_id, v.team_id, COUNT(*), COALESCE(SUM(v.satisfaction), 0),"
            f" COUNT(v.satisfaction){joined} GROUP BY 1, 2, 3",
            base,
        ),
        (
            f"INSERT INTO {HouseholdDay._meta.db_table}"
            f" (day, area_id, team_id, household_id, {flags})"
            f" SELECT DISTINCT {day}, h.area_id, v.team_id, v.household_id, {h_flags}{joined}"
            " AND v.outcome = %s",
            [*base, Visit.Outcome.DONE.value],
        ),
        (
            f"INSERT INTO {VolunteerDay._meta.db_table} (day, area_id, team_id, user_id, minutes)"
            f" SELECT {day}, h.area_id, v.team_id, p.user_id, SUM(v.duration_minutes)"
            f" FROM {_T['presence']} p JOIN {_T['visit']} v ON v.id = p.visit_id"
            f" JOIN {_T['household']} h ON h.id = v.household_id"
            f" WHERE v.visited_at >= %s AND v.visited_at < %s{where}"
            " GROUP BY 1, 2, 3, 4",
            base,
        ),
        (
            f"INSERT INTO {SkillHouseholdDay._meta.db_table}"
            " (day, area_id, team_id, skill_id, household_id, visits)"
            f" SELECT {day}, h.area_id, v.team_id, s.skill_id, v.household_id, COUNT(*)"
            f" FROM {_T['practice']} s JOIN {_T['visit']} v ON v.id = s.visit_id"
            f" JOIN {_T['household']} h ON h.id = v.household_id"
            f" WHERE v.visited_at >= %s AND v.visited_at < %s{where}"
            " GROUP BY 1, 2, 3, 4, 5",
            base,
        ),
        (
            f"INSERT INTO {LearnerSkillDay._meta.db_table}"
            " (day, area_id, team_id, learner_id, skill_id, certifications)"
            " SELECT c.certified_on, h.area_id, c.team_id, c.learner_id, c.skill_id, COUNT(*)"
            f" FROM {_T['certification']} c JOIN {_T['learner']} l ON l.id = c.learner_id"
            f" JOIN {_T['household']} h ON h.id = l.household_id"
            f" WHERE c.certified_on >= %s AND c.certified_on <= %s AND c.revoked_at IS NULL{where}"
            " GROUP BY 1, 2, 3, 4, 5",
            [_d(first), _d(last), *area_params],
        ),
    ]


_DAY_TABLES = (VisitDay, HouseholdDay, VolunteerDay, SkillHouseholdDay, LearnerSkillDay)

# Which pairs each "previous day" column links: (table, column, partition, order within a day).
_LINKS = (
    (HouseholdDay, "prev_any", ("area_id", "household_id"), ("team_id",)),
    (HouseholdDay, "prev_team", ("area_id", "team_id", "household_id"), ()),
    (LearnerSkillDay, "prev_any", ("area_id", "learner_id"), ("team_id", "skill_id")),
    (LearnerSkillDay, "prev_team", ("area_id", "team_id", "learner_id"), ("skill_id",)),
    (LearnerSkillDay, "prev_skill", ("area_id", "skill_id", "learner_id"), ("team_id",)),
    (SkillHouseholdDay, "prev_skill", ("area_id", "skill_id", "household_id"), ("team_id",)),
)


def recompute_range(
    first: datetime.date, last: datetime.date, areas: Iterable[int] | None = None
) -> None:
    """Rebuild every day table's rows from `first` to `last` (for `areas` only, or all areas).

    The "previous day" links are not set here: ``link_pairs`` does it once the
    days are in place.
    """
    area_list = None if areas is None else sorted(set(areas))
    chunks = (
        [None]
        if area_list is None
        else [area_list[i : i + CHUNK] for i in range(0, len(area_list), CHUNK)]
    )
    with connection.cursor() as cursor:
        for chunk in chunks:
            where, params = _in_areas("area_id", chunk)
            for model in _DAY_TABLES:
                cursor.execute(
                    f"DELETE FROM {model._meta.db_table} WHERE day >= %s AND day <= %s{where}",
                    [_d(first), _d(last), *params],
                )
            for sql, sql_params in _visit_inserts(first, last, chunk):
                cursor.execute(sql, sql_params)


def recompute_day(day: datetime.date, areas: Iterable[int] | None = None) -> None:
    """Rebuild every day table's rows of `day` (for `areas` only, or all areas)."""
    recompute_range(day, day, areas)


def link_pairs(areas: Iterable[int] | None = None) -> None:
    """Set every pair row's previous day (``prev_*``) in `areas` (or everywhere).

    A pair's rows of one area are linked whole (they are few per area), so a
    recomputed day also fixes the link of the pair's next row, wherever it is.
    """
    area_list = None if areas is None else sorted(set(areas))
    chunks = (
        [None]
        if area_list is None
        else [area_list[i : i + CHUNK] for i in range(0, len(area_list), CHUNK)]
    )
    with connection.cursor() as cursor:
        for chunk in chunks:
            where, params = _in_areas("area_id", chunk)
            for model, column, partition, order in _LINKS:
                table = model._meta.db_table
                cursor.execute(
                    f"UPDATE {table} SET {column} = linked.previous FROM (SELECT id, LAG(day)"
                    f" OVER (PARTITION BY {', '.join(partition)}"
                    f" ORDER BY {', '.join(('day', *order))}) AS previous"
                    f" FROM {table} WHERE 1 = 1{where}) AS linked WHERE {table}.id = linked.id"
                    f" AND {table}.{column} IS DISTINCT FROM linked.previous",
                    params,
                )


def recompute_stock(areas: Iterable[int] | None = None) -> None:
    """Rebuild the household stock of `areas` (or of every area)."""
    area_list = None if areas is None else sorted(set(areas))
    chunks = (
        [None]
        if area_list is None
        else [area_list[i : i + CHUNK] for i in range(0, len(area_list), CHUNK)]
    )
    flags = ", ".join(_FLAGS)
    h_flags = ", ".join(f"h.{flag}" for flag in _FLAGS)
    table = HouseholdStock._meta.db_table
    with connection.cursor() as cursor:
        for chunk in chunks:
            where, params = _in_areas("area_id", chunk)
            h_where, h_params = _in_areas("h.area_id", chunk)
            cursor.execute(f"DELETE FROM {table} WHERE 1 = 1{where}", params)
            cursor.execute(
                f"INSERT INTO {table} (area_id, team_id, follow_up_on, households, learners,"
                f" {flags}) SELECT area_id, team_id, follow_up_on, COUNT(*), SUM(learners),"
                f" {flags} FROM (SELECT h.area_id AS area_id, h.team_id AS team_id, {h_flags},"
                f" (SELECT v.follow_up_on FROM {_T['visit']} v WHERE v.household_id = h.id"
                "  ORDER BY v.visited_at DESC, v.id DESC LIMIT 1) AS follow_up_on,"
                f" (SELECT COUNT(*) FROM {_T['learner']} l WHERE l.household_id = h.id)"
                f" AS learners FROM {_T['household']} h WHERE 1 = 1{h_where}) AS hh"
                f" GROUP BY area_id, team_id, follow_up_on, {flags}",
                h_params,
            )


# --- finding the dirty buckets ------------------------------------------------------


def _local_day(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value, timezone.get_default_timezone()).date()


def _changed_since(since: datetime.datetime) -> set[Bucket]:
    tz = timezone.get_default_timezone()
    buckets: set[Bucket] = set()
    visits = Visit.objects.filter(updated_at__gte=since)
    for area_id, day in (
        visits.annotate(d=TruncDate("visited_at", tzinfo=tz))
        .values_list("household__area_id", "d")
        .distinct()
    ):
        buckets.update({(area_id, day), (area_id, None)})
    for area_id, day in (
        Certification.objects.filter(updated_at__gte=since)
        .values_list("learner__household__area_id", "certified_on")
        .distinct()
    ):
        buckets.add((area_id, day))
    households = Household.objects.filter(updated_at__gte=since)
    # A household's flags are copied into its day rows: all its days are dirty.
    buckets.update(households_buckets(households.values("pk")))
    for area_id in (
        Learner.objects.filter(updated_at__gte=since)
        .values_list("household__area_id", flat=True)
        .distinct()
    ):
        buckets.add((area_id, None))
    return buckets


def households_buckets(households, area_id: int | None = None) -> set[Bucket]:
    """Every bucket the households' rows fall in (under `area_id` when given, else their area)."""
    tz = timezone.get_default_timezone()
    buckets: set[Bucket] = set()
    field = "household__area_id"
    for area, day in (
        Visit.objects.filter(household__in=households)
        .annotate(d=TruncDate("visited_at", tzinfo=tz))
        .values_list(field, "d")
        .distinct()
    ):
        buckets.add((area_id or area, day))
    for area, day in (
        Certification.objects.filter(learner__household__in=households)
        .values_list("learner__household__area_id", "certified_on")
        .distinct()
    ):
        buckets.add((area_id or area, day))
    for area in Household.objects.filter(pk__in=households).values_list("area_id", flat=True):
        buckets.add((area_id or area, None))
    return buckets


# Eager mode: a write logged buckets that no read has applied yet (per process).
_unsettled = False


def _eager() -> bool:
    return getattr(settings, "ROLLUPS_EAGER", False)


def mark_dirty(buckets: Iterable[Bucket]) -> None:
    """Log buckets for the next refresh (what the watermark would not find)."""
    global _unsettled
    rows = [RollupDirty(area_id=area, day=day) for area, day in set(buckets) if area]
    if rows:
        RollupDirty.objects.bulk_create(rows)
        _unsettled = _unsettled or _eager()


def settle() -> None:
    """Eager mode (tests): apply the buckets logged since the last read, before a read.

    Writes only log their buckets; the refresh runs once when a reader next
    asks (``tables_for``, ``data_as_of``) instead of once per write, so a test
    that saves fifty visits refreshes once.
    """
    global _unsettled
    if _unsettled and _eager():
        _unsettled = False
        refresh(use_watermark=False)


def _teams_in(by_day: dict[datetime.date, set[int]]) -> set[int]:
    """Teams with visit day rows in the buckets."""
    areas = set().union(*by_day.values())
    found: set[int] = set()
    area_list = sorted(areas)
    for i in range(0, len(area_list), CHUNK):
        found.update(
            VisitDay.objects.filter(
                area_id__in=area_list[i : i + CHUNK], day__gte=min(by_day), day__lte=max(by_day)
            )
            .values_list("team_id", flat=True)
            .distinct()
        )
    return found


def apply(buckets: Iterable[Bucket]) -> int:
    """Recompute the buckets, then the area tables above them; returns how many (area, day)
    buckets were rebuilt."""
    by_day: dict[datetime.date, set[int]] = defaultdict(set)
    stock: set[int] = set()
    for area, day in buckets:
        if day is None:
            stock.add(area)
        else:
            by_day[day].add(area)
            stock.add(area)
    teams = _teams_in(by_day) if by_day else set()
    for day in sorted(by_day):
        recompute_day(day, by_day[day])
    if by_day:
        link_pairs(set().union(*by_day.values()))
        teams |= _teams_in(by_day)
    if stock:
        recompute_stock(stock)
        area_tables.recompute_areas(stock)
    if teams:
        area_tables.recompute_team_months(teams)
    return sum(len(areas) for areas in by_day.values())


def _complete_area_tables(current: RollupState, *, full: bool) -> None:
    """Build the area tables whole when asked or never built, and note the last day."""
    if full or not current.areas_built:
        area_tables.recompute_areas()
        area_tables.recompute_team_months()
    current.areas_built = True
    current.last_day = area_tables.last_day()


def refresh(*, use_watermark: bool = True, now: datetime.datetime | None = None) -> int:
    """Bring the rollups up to date; returns the number of buckets recomputed.

    Without a watermark yet (a fresh database), it rebuilds everything.
    """
    with transaction.atomic():
        current = RollupState.objects.select_for_update().filter(name=STATE).first() or state()
        started = now or timezone.now()
        if use_watermark and current.watermark is None:
            rebuild_all()
            current.watermark = current.refreshed_at = started
            current.last_day, current.areas_built = area_tables.last_day(), True
            current.save(update_fields=["watermark", "refreshed_at", "last_day", "areas_built"])
            return -1
        logged = list(RollupDirty.objects.values_list("pk", "area_id", "day"))
        buckets: set[Bucket] = {(area, day) for _, area, day in logged}
        if use_watermark:
            buckets |= _changed_since(current.watermark - safe_window())
        count = apply(buckets)
        RollupDirty.objects.filter(pk__in=[pk for pk, _, _ in logged]).delete()
        if use_watermark or current.watermark is None:
            # Eager refreshes (every write logged) also mark the rollups as built.
            current.watermark = started
        current.refreshed_at = started
        _complete_area_tables(current, full=False)
        current.save(update_fields=["watermark", "refreshed_at", "last_day", "areas_built"])
        return count


# --- rebuilding ------------------------------------------------------------------------


def data_days() -> tuple[datetime.date, datetime.date] | None:
    """The first and last local day holding a visit or a certification (None: no data)."""
    from django.db.models import Max, Min

    visits = Visit.objects.aggregate(a=Min("visited_at"), b=Max("visited_at"))
    certs = Certification.objects.aggregate(a=Min("certified_on"), b=Max("certified_on"))
    firsts = [d for d in (visits["a"] and _local_day(visits["a"]), certs["a"]) if d]
    lasts = [d for d in (visits["b"] and _local_day(visits["b"]), certs["b"]) if d]
    return (min(firsts), max(lasts)) if firsts else None


def rebuild_all(progress: Callable[[str], None] | None = None, *, restart: bool = True) -> None:
    """Rebuild every rollup from the raw rows, day by day, resumable (see ``rebuild``)."""
    for model in (*_DAY_TABLES, HouseholdStock):
        if restart:
            model.objects.all().delete()
    days = data_days()
    if days:
        day = days[0]
        while day <= days[1]:
            last = min(days[1], day + REBUILD_DAYS - datetime.timedelta(days=1))
            recompute_range(day, last)
            day = last + datetime.timedelta(days=1)
        link_pairs()
    recompute_stock()
    area_tables.recompute_areas()
    area_tables.recompute_team_months()
    analyze()
    if progress:
        progress("done")


def rebuild(progress: Callable[[str], None], *, restart: bool = False) -> None:
    """The ``rollups rebuild`` command: one committed transaction per day, resumable.

    The cursor (last finished day) is kept in the state row: a rebuild that
    was stopped continues after it unless `restart`. The watermark is set to
    the start of the rebuild, so a refresh afterwards catches what was written
    meanwhile.
    """
    current = state()
    days = data_days()
    if restart or current.rebuild_until is None:
        current.rebuild_cursor = None
        current.rebuild_until = days[1] if days else None
        current.watermark = timezone.now()
        current.areas_built = False  # readers use the day tables until the end
        current.save()
        for model in (*_DAY_TABLES, HouseholdStock, *area_tables.AREA_TABLES, TeamMonth):
            model.objects.all().delete()
        RollupDirty.objects.all().delete()
    else:
        progress(f"resuming after {current.rebuild_cursor}")
    if days and current.rebuild_until:
        first = (
            current.rebuild_cursor + datetime.timedelta(days=1)
            if current.rebuild_cursor
            else days[0]
        )
        total = (current.rebuild_until - days[0]).days + 1
        day = first
        while day <= current.rebuild_until:
            last = min(current.rebuild_until, day + REBUILD_DAYS - datetime.timedelta(days=1))
            with transaction.atomic():
                recompute_range(day, last)
                current.rebuild_cursor = last
                current.save(update_fields=["rebuild_cursor"])
            done = (last - days[0]).days + 1
            progress(f"{last}: {done}/{total} days ({100 * done // total}%)")
            day = last + datetime.timedelta(days=1)
    with transaction.atomic():
        link_pairs()
        progress("pairs linked")
        recompute_stock()
        progress("stock rebuilt")
        _complete_area_tables(current, full=True)
        current.rebuild_cursor = current.rebuild_until = None
        current.refreshed_at = timezone.now()
        current.save(
            update_fields=[
                "rebuild_cursor",
                "rebuild_until",
                "refreshed_at",
                "last_day",
                "areas_built",
            ]
        )
    progress("area tables rebuilt")
    analyze()
    progress("statistics updated; rollups complete")


def analyze() -> None:
    """Refresh the planner's statistics of the rollup tables after a rebuild.

    Right after a rebuild the statistics still describe empty tables, and
    PostgreSQL then plans a nested loop and an on-disk sort over every pair row:
    the province dashboard at 1,000,000 visits took 6.6 s before this, 2.8 s
    after (bench/dashboard.py). Autovacuum would get there, minutes later.
    """
    with connection.cursor() as cursor:
        for model in (*_DAY_TABLES, HouseholdStock, *area_tables.AREA_TABLES, TeamMonth):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


# --- reorganised areas ---------------------------------------------------------------

_REKEYED = {
    VisitDay: (["day", "team_id"], ["visits", "satisfaction_sum", "satisfaction_count"]),
    HouseholdDay: (["day", "team_id", "household_id", *_FLAGS], []),
    VolunteerDay: (["day", "team_id", "user_id"], ["minutes"]),
    LearnerSkillDay: (["day", "team_id", "learner_id", "skill_id"], ["certifications"]),
    SkillHouseholdDay: (["day", "team_id", "skill_id", "household_id"], ["visits"]),
    HouseholdStock: (["team_id", "follow_up_on", *_FLAGS], ["households", "learners"]),
}


def rekey_area(*, source_id: int, target_id: int) -> None:
    """Move every rollup row of area `source_id` onto `target_id` (an area merge).

    Rows of both areas are summed per key into new rows of the target (a
    household lives in one area, so the distinct tables never collide; the
    totals may). Raw visits are not read.
    """
    RollupDirty.objects.filter(area_id=source_id).update(area_id=target_id)
    with connection.cursor() as cursor:
        for model, (keys, sums) in _REKEYED.items():
            table = model._meta.db_table
            columns = ", ".join(["area_id", *keys, *sums])
            summed = ", ".join(["%s", *keys, *(f"SUM({c})" for c in sums)])
            # Summed rows go in under a placeholder key (no constraint on area_id), the old
            # rows of both areas go, then the placeholder becomes the target.
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {summed} FROM {table}"
                f" WHERE area_id IN (%s, %s) GROUP BY {', '.join(keys)}",
                [-target_id, source_id, target_id],
            )
            cursor.execute(f"DELETE FROM {table} WHERE area_id IN (%s, %s)", [source_id, target_id])
            cursor.execute(
                f"UPDATE {table} SET area_id = %s WHERE area_id = %s", [target_id, -target_id]
            )
    link_pairs([target_id])
    area_tables.delete_area(source_id)
    area_tables.recompute_areas([source_id, target_id])  # both lines of ancestors
