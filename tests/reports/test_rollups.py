"""The rollups equal the raw definitions for every indicator after random writes."""

from __future__ import annotations

import datetime
import random

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reports import rollups
from reports.models import HouseholdDay, RollupState, VisitDay
from reports.rollups.refresh import safe_window
from tests.world import START, local_dt, seeded_district
from volunteers.models import Certification, Household, Learner, Visit
from volunteers.vocabulary import VULNERABILITY_FIELDS


def _month_end(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(
        days=1
    )


_MONTH = START.replace(day=1)
_MONTH_BEFORE = (_MONTH - datetime.timedelta(days=1)).replace(day=1)
PERIODS = [
    (START - datetime.timedelta(days=30), START + datetime.timedelta(days=120)),
    (START, START + datetime.timedelta(days=30)),
    (START + datetime.timedelta(days=3), START + datetime.timedelta(days=4)),
    # From the first of a month to a month's end: read from the area tables.
    (_MONTH, _month_end(START)),
    (_MONTH_BEFORE, _month_end(START + datetime.timedelta(days=70))),
]


@pytest.fixture(autouse=True)
def _not_eager(settings):
    settings.ROLLUPS_EAGER = False  # these tests refresh by hand, as the schedule does


def _assert_equal(world):
    for area in [world.province, world.district, *world.communes]:
        for start, end in PERIODS:
            assert rollups.differences(area=area, start=start, end=end) == []
            team = [world.communes and world.teams[0].pk]
            assert rollups.differences(area=area, start=start, end=end, teams=team) == []
    # Two teams chosen: the distinct counts fall back to COUNT(DISTINCT); equal all the same.
    start, end = PERIODS[0]
    teams = [team.pk for team in world.teams[:2]]
    assert rollups.differences(area=world.province, start=start, end=end, teams=teams) == []
    _assert_links()


def _assert_links():
    """Every pair row's prev_* is the day of the row before it in its pair (None for the first)."""
    from reports.rollups.refresh import _LINKS

    for model, column, partition, order in _LINKS:
        fields = ["pk", "day", column, *partition, *order]
        rows = sorted(model.objects.values(*fields), key=lambda r: [r["day"], *map(r.get, order)])
        last: dict = {}
        for row in rows:
            key = tuple(row[field] for field in partition)
            assert row[column] == last.get(key), (model.__name__, column, row)
            last[key] = row["day"]


def _snapshot():
    return sorted(VisitDay.objects.values_list("day", "area_id", "team_id", "visits")), sorted(
        HouseholdDay.objects.values_list("day", "area_id", "household_id")
    )


def _random_writes(world, rng):
    households = list(Household.objects.order_by("pk"))
    volunteers = world.users["volunteers"]
    for _ in range(12):
        household = rng.choice(households)
        day = START + datetime.timedelta(days=rng.randint(-20, 110))
        visit = Visit.objects.create(
            household=household,
            team=rng.choice(world.teams),
            recorded_by=volunteers[0],
            visited_at=local_dt(day, rng.randint(0, 23)),
            duration_minutes=rng.choice([10, 20]),
            outcome=rng.choice(list(Visit.Outcome.values)),
            satisfaction=rng.choice([None, 1, 5]),
            follow_up_on=day + datetime.timedelta(days=2) if rng.random() < 0.5 else None,
        )
        visit.volunteers.set(rng.sample(volunteers, rng.randint(0, 3)))
        visit.skills.set(rng.sample(world.skills, rng.randint(0, 2)))
    visits = list(Visit.objects.order_by("pk"))
    for visit in rng.sample(visits, 8):  # edits that move a visit to another bucket
        visit.visited_at += datetime.timedelta(days=rng.randint(-40, 40), hours=rng.randint(0, 9))
        visit.household = rng.choice(households)
        visit.outcome = rng.choice(list(Visit.Outcome.values))
        visit.save()
        visit.volunteers.remove(*visit.volunteers.all()[:1])
    for visit in rng.sample(list(Visit.objects.order_by("pk")), 4):  # deletions
        visit.delete()
    for certification in rng.sample(list(Certification.objects.order_by("pk")), 3):
        certification.revoked_at = None if certification.revoked_at else timezone.now()
        certification.certified_on += datetime.timedelta(days=rng.randint(-10, 10))
        certification.save()
    for household in rng.sample(households, 4):  # flags, area and team changes, erasures
        setattr(household, rng.choice(VULNERABILITY_FIELDS), rng.random() < 0.5)
        household.area = rng.choice(world.communes)
        household.team = rng.choice(world.teams)
        household.head_name, household.erased_at = "", timezone.now()
        household.save()
    rng.choice(world.learners).delete() if not Certification.objects.filter(
        learner=world.learners[0]
    ).exists() else None


@pytest.mark.django_db
def test_random_writes_edits_and_erasures_keep_every_indicator_exact():
    world = seeded_district(communes=3, households=30, seed=21)
    assert rollups.refresh() == -1  # a fresh database: everything is built once
    _assert_equal(world)
    rng = random.Random(5)
    for _ in range(3):
        _random_writes(world, rng)
        rollups.refresh()
        _assert_equal(world)
        before = _snapshot()
        rollups.refresh()  # idempotent: a re-run changes nothing
        assert _snapshot() == before


@pytest.mark.django_db
def test_bulk_inserts_are_found_from_the_watermark_within_the_safe_window():
    world = seeded_district(communes=2, households=10, seed=22)
    rollups.refresh()
    state = RollupState.objects.get()
    household = Household.objects.first()
    # A row stamped before the watermark (its transaction committed late): still in the window.
    late = state.watermark - safe_window() + datetime.timedelta(seconds=5)
    Visit.objects.bulk_create(
        [
            Visit(
                household=household,
                team=world.teams[0],
                recorded_by=world.users["volunteers"][0],
                visited_at=local_dt(START, 9),
                duration_minutes=30,
            )
        ]
    )
    Visit.objects.filter(updated_at__gt=late).update(updated_at=late)
    rollups.refresh()
    _assert_equal(world)
    assert rollups.data_as_of() > state.watermark


@pytest.mark.django_db
def test_rebuild_is_resumable_and_check_compares_with_raw_rows(capsys):
    world = seeded_district(communes=2, households=15, seed=23)
    call_command("rollups", "rebuild")
    state = RollupState.objects.get()
    # A rebuild stopped after START: the days after it are still missing.
    state.rebuild_until, state.rebuild_cursor = START + datetime.timedelta(days=110), START
    state.save()
    VisitDay.objects.filter(day__gt=START).delete()
    call_command("rollups", "rebuild")
    out = capsys.readouterr().out
    assert f"resuming after {START}" in out and "days (" in out
    period = ["--start", PERIODS[0][0].isoformat(), "--end", PERIODS[0][1].isoformat()]
    call_command("rollups", "check", "--depth", "3", *period)
    assert "rollups equal the raw counts" in capsys.readouterr().out
    _assert_equal(world)
    visit = next(v for v in world.visits if v.volunteers.exists())
    # Behind the rollups' back: no signal, and a timestamp older than the safe window.
    stamped = timezone.now() - 2 * safe_window()
    for model in (Household, Learner, Certification, Visit):
        model.objects.update(updated_at=stamped)
    Visit.objects.filter(pk=visit.pk).update(duration_minutes=1)
    with pytest.raises(CommandError, match="differ"):
        call_command("rollups", "check", "--depth", "3", *period)


@pytest.mark.django_db
def test_dashboard_says_when_its_data_was_brought_up_to_date(client):
    world = seeded_district(communes=1, households=3, seed=24)
    rollups.refresh(now=timezone.make_aware(datetime.datetime(2026, 2, 3, 14, 7)))
    client.force_login(world.users["official"])
    response = client.get("/dashboard/", {"area": world.district.pk})
    assert response.status_code == 200
    assert "Số liệu tính đến 14:07" in response.content.decode()  # the site speaks Vietnamese


def test_the_rollups_schedule_runs_every_minute(db):
    from django_q.models import Schedule

    from reports.schedules import ROLLUPS, ensure_schedules

    ensure_schedules()
    ensure_schedules()
    schedule = Schedule.objects.get(name=ROLLUPS)
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 1)
    assert schedule.func == "reports.tasks.refresh_rollups"


def _planner_rows(table: str) -> int:
    """How many rows the database's planner statistics think `table` has (0: never analysed)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT GREATEST(reltuples, 0) FROM pg_class WHERE relname = %s", [table]
            )
            return int(cursor.fetchone()[0])
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return 0
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
        return int(row[0].split()[0]) if row else 0


@pytest.mark.django_db
def test_a_rebuild_leaves_the_planner_knowing_the_tables_sizes():
    seeded_district(communes=2, households=15, seed=25)
    call_command("rollups", "rebuild")
    table = HouseholdDay._meta.db_table
    assert HouseholdDay.objects.count() > 0
    assert _planner_rows(table) == HouseholdDay.objects.count()


@pytest.mark.django_db
def test_a_period_of_whole_months_reads_the_area_tables_and_others_the_day_tables():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports import indicators

    world = seeded_district(communes=2, households=10, seed=3)
    rollups.refresh()

    def tables_read(start, end):
        with CaptureQueriesContext(connection) as captured:
            indicators.summary(area=world.province, start=start, end=end, source="rollups")
            indicators.by_child_area(area=world.province, start=start, end=end, source="rollups")
        return " ".join(query["sql"] for query in captured)

    whole_months = tables_read(_MONTH, _month_end(START))
    assert "reports_areamonth" in whole_months
    # Active volunteers from the counts, whose rows do not grow with the volunteers.
    assert "reports_areavolunteercount" in whole_months
    assert "reports_areavolunteermonth" not in whole_months
    assert "reports_householdday" not in whole_months
    assert "reports_visitday" not in whole_months
    mid_month = tables_read(START + datetime.timedelta(days=3), _month_end(START))
    assert "reports_householdday" in mid_month
    assert "reports_areamonth" not in mid_month
    # A team view reads the day tables (its pairs are linked per team).
    with CaptureQueriesContext(connection) as captured:
        indicators.summary(
            area=world.province,
            start=_MONTH,
            end=_month_end(START),
            teams=[world.teams[0].pk],
            source="rollups",
        )
    assert "reports_areamonth" not in " ".join(query["sql"] for query in captured)
