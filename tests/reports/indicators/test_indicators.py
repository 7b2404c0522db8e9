"""Indicator values against counts computed here from the rows the test created."""

import datetime

import pytest
from django.utils import timezone

from reports import indicators, rollups
from tests.volunteers.factories import AreaFactory, TargetFactory, VisitFactory
from tests.world import END, START, YEAR, local_dt, seeded_district
from volunteers.models import Target, Visit
from volunteers.vocabulary import VULNERABILITY_FIELDS

pytestmark = pytest.mark.django_db


def in_period(day, start=START, end=END):
    return start <= day <= end


def expected(world, *, area_path=None, team=None, start=START, end=END):
    """Independent counts from the world's own lists."""

    def in_area(household):
        return area_path is None or household.area.path.startswith(area_path)

    households = [h for h in world.households if in_area(h) and (team is None or h.team == team)]
    visits = [
        v
        for v in world.visits
        if in_area(v.household)
        and in_period(world.day(v), start, end)
        and (team is None or v.team == team)
    ]
    done = [v for v in visits if v.outcome == Visit.Outcome.DONE]
    certs = [
        c
        for c in world.certifications
        if in_area(c.learner.household)
        and in_period(c.certified_on, start, end)
        and c.revoked_at is None
        and (team is None or c.team == team)
    ]
    sats = [v.satisfaction for v in visits if v.satisfaction is not None]
    result = {
        "households_registered": len(households),
        "households_reached": len({v.household.pk for v in done}),
        "visits": len(visits),
        "learners": sum(1 for learner in world.learners if learner.household in households),
        "learners_certified": len({c.learner.pk for c in certs}),
        "certifications": len(certs),
        "active_volunteers": len({u.pk for v in visits for u in world.present[v.pk]}),
        "volunteer_hours": round(
            sum(v.duration_minutes * len(world.present[v.pk]) for v in visits) / 60, 1
        ),
        "average_satisfaction": round(sum(sats) / len(sats), 2) if sats else None,
    }
    for flag in VULNERABILITY_FIELDS:
        result[f"{flag}_registered"] = sum(1 for h in households if getattr(h, flag))
        result[f"{flag}_reached"] = len(
            {v.household.pk for v in done if getattr(v.household, flag)}
        )
    # Overdue at the period's end (the fixture's period is in the past).
    overdue = 0
    for household in households:
        mine = [v for v in world.visits if v.household == household and world.day(v) <= end]
        if mine:
            latest = max(mine, key=lambda v: v.visited_at)
            if latest.follow_up_on and latest.follow_up_on < end:
                overdue += 1
    result["follow_ups_overdue"] = overdue
    return result


def actual(summary):
    data = {
        key: getattr(summary, key)
        for key in (
            "households_registered",
            "households_reached",
            "visits",
            "learners",
            "learners_certified",
            "certifications",
            "active_volunteers",
            "volunteer_hours",
            "average_satisfaction",
            "follow_ups_overdue",
        )
    }
    for flag in VULNERABILITY_FIELDS:
        data[f"{flag}_registered"] = summary.vulnerable[flag].registered
        data[f"{flag}_reached"] = summary.vulnerable[flag].reached
    return data


def share(value: int, period=YEAR) -> int:
    """A target's share of START..END: targets are pro-rated to the period shown."""
    return indicators.prorated(value, *period, START, END)


def test_summary_matches_independent_counts(district_world):
    world = district_world
    summary = indicators.summary(area=world.district, start=START, end=END)
    assert actual(summary) == expected(world)
    assert summary.visits > 0 and summary.households_reached > 0  # the fixture is not empty
    assert summary.households_target == share(10) < 10
    assert summary.coverage == pytest.approx(summary.households_reached / share(10))
    assert summary.teams_total == len(world.teams)
    reporting = {v.team.pk for v in world.visits if in_period(world.day(v))}
    assert summary.teams_reporting == len(reporting)


def test_province_counts_both_districts_and_sums_child_targets(district_world):
    world = district_world
    summary = indicators.summary(area=world.province, start=START, end=END)
    assert summary.households_registered == len(world.households) + 1
    # No target on the province: the nearest ones below (district 10; communes hidden by it).
    assert summary.households_target == share(10)


def test_commune_summary_and_own_target(district_world):
    world = district_world
    commune = world.communes[1]
    summary = indicators.summary(area=commune, start=START, end=END)
    assert actual(summary) == expected(world, area_path=commune.path)
    assert summary.households_target == share(4)


def test_breakdown_by_child_area_sums_to_total(district_world):
    world = district_world
    total = indicators.summary(area=world.district, start=START, end=END)
    rows = indicators.by_child_area(area=world.district, start=START, end=END)
    assert [row.area for row in rows] == sorted(world.communes, key=lambda c: c.name)
    for row in rows:
        assert actual(row.values) == expected(world, area_path=row.area.path)
        assert row.values.households_target == share(3 + world.communes.index(row.area))
    for key in (
        "households_registered",
        "households_reached",
        "visits",
        "certifications",
        "learners",
        "learners_certified",
        "follow_ups_overdue",
        "teams_total",
    ):
        assert sum(getattr(row.values, key) for row in rows) == getattr(total, key), key
    assert sum(row.values.volunteer_hours for row in rows) == pytest.approx(
        total.volunteer_hours, abs=0.3
    )


def test_child_targets_sum_when_the_area_has_none(db):
    province = AreaFactory(level="province")
    a = AreaFactory(parent=province, level="district")
    b = AreaFactory(parent=province, level="district")
    c = AreaFactory(parent=b, level="commune")
    TargetFactory(area=a, value=5)
    TargetFactory(area=c, value=7)
    TargetFactory(
        area=c,
        value=99,
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 12, 31),
    )
    TargetFactory(area=a, indicator=Target.Indicator.VISITS, value=40)
    summary = indicators.summary(area=province, start=START, end=END)
    assert summary.households_target == share(5) + share(7)  # each pro-rated, then summed
    assert summary.visits_target == share(40)
    assert summary.learners_certified_target is None
    assert summary.coverage == 0


def test_breakdown_by_team(district_world):
    world = district_world
    rows = indicators.by_team(area=world.district, start=START, end=END)
    assert [row.team for row in rows] == sorted(world.teams, key=lambda t: t.name)
    for row in rows:
        exp = expected(world, team=row.team)
        got = actual(row.values)
        for key in (
            "visits",
            "certifications",
            "households_reached",
            "active_volunteers",
            "volunteer_hours",
        ):
            assert got[key] == exp[key], key
        assert row.values.households_registered == sum(
            1 for h in world.households if h.team == row.team
        )
    total = indicators.summary(area=world.district, start=START, end=END)
    assert sum(row.values.visits for row in rows) == total.visits


def test_breakdown_by_month(district_world):
    world = district_world
    rows = indicators.by_month(area=world.district, start=START, end=END)
    assert [row.month for row in rows] == [datetime.date(2026, m, 1) for m in (1, 2, 3)]
    for row in rows:
        month_end = (row.month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(
            days=1
        )
        exp = expected(world, start=row.month, end=month_end)
        got = actual(row.values)
        for key in (
            "visits",
            "households_reached",
            "certifications",
            "learners_certified",
            "volunteer_hours",
        ):
            assert got[key] == exp[key], (row.month, key)
        assert row.values.households_registered is None
    total = indicators.summary(area=world.district, start=START, end=END)
    assert sum(row.values.visits for row in rows) == total.visits
    assert sum(row.values.certifications for row in rows) == total.certifications


def test_month_boundary_uses_local_time(db):
    world = seeded_district(communes=1, households=1, with_visits=False)
    household = world.households[0]
    # 23:30 on 31 January in Ho Chi Minh City is 16:30 UTC: January, not February.
    VisitFactory(household=household, visited_at=local_dt(datetime.date(2026, 1, 31), 23, 30))
    # 00:30 on 1 February local is still 31 January in UTC: February.
    VisitFactory(household=household, visited_at=local_dt(datetime.date(2026, 2, 1), 0, 30))
    rows = indicators.by_month(area=world.district, start=START, end=END)
    assert [row.values.visits for row in rows] == [1, 1, 0]
    january = indicators.summary(area=world.district, start=START, end=datetime.date(2026, 1, 31))
    assert january.visits == 1


def test_certifications_by_skill(district_world):
    world = district_world
    rows = indicators.certifications_by_skill(
        area=world.district, start=START, end=END, by_child_area=True
    )
    valid = [c for c in world.certifications if in_period(c.certified_on) and c.revoked_at is None]
    assert {row.skill_id: row.certifications for row in rows} == {
        s.pk: sum(1 for c in valid if c.skill == s)
        for s in world.skills
        if any(c.skill == s for c in valid)
    }
    for row in rows:
        assert sum(row.by_area.values()) == row.certifications
        for commune in world.communes:
            n = sum(
                1
                for c in valid
                if c.skill.pk == row.skill_id and c.learner.household.area_id == commune.pk
            )
            assert row.by_area.get(commune.pk, 0) == n


def test_follow_up_cleared_by_later_visit(db):
    world = seeded_district(communes=1, households=2, with_visits=False)
    first, second = world.households
    today = timezone.localdate()
    day = today - datetime.timedelta(days=10)
    VisitFactory(
        household=first,
        visited_at=local_dt(day),
        outcome=Visit.Outcome.FOLLOW_UP,
        follow_up_on=today - datetime.timedelta(days=3),
    )
    VisitFactory(
        household=second,
        visited_at=local_dt(day),
        outcome=Visit.Outcome.FOLLOW_UP,
        follow_up_on=today - datetime.timedelta(days=3),
    )
    VisitFactory(household=second, visited_at=local_dt(today - datetime.timedelta(days=1)))
    summary = indicators.summary(
        area=world.district, start=today - datetime.timedelta(days=30), end=today
    )
    assert summary.follow_ups_overdue == 1


def test_teams_filter_limits_to_the_leaders_team(district_world):
    world = district_world
    team = world.teams[0]
    summary = indicators.summary(area=world.district, start=START, end=END, teams=[team.pk])
    exp = expected(world, team=team)
    assert summary.visits == exp["visits"]
    assert summary.households_registered == exp["households_registered"]
    assert summary.teams_total == 1
    assert summary.households_target is None


def test_definitions_cover_every_key():
    keys = [d.key for d in indicators.definitions()]
    assert keys == list(indicators.INDICATOR_KEYS)
    assert all(str(d.label) and str(d.description) for d in indicators.definitions())


def test_as_dict_is_flat(district_world):
    data = indicators.summary(area=district_world.district, start=START, end=END).as_dict()
    assert list(data) == list(indicators.INDICATOR_KEYS)


def test_query_count_is_constant(db, django_assert_max_num_queries):
    small = seeded_district(communes=2, households=6, seed=1)
    big = seeded_district(communes=9, households=60, seed=2)
    rollups.settle()  # the writes' refresh (eager mode) runs before the first read, not in it
    for world in (small, big):
        with django_assert_max_num_queries(8):
            indicators.summary(area=world.district, start=START, end=END)
        with django_assert_max_num_queries(9):
            indicators.by_child_area(area=world.district, start=START, end=END)
        with django_assert_max_num_queries(8):
            indicators.by_month(area=world.district, start=START, end=END)
        with django_assert_max_num_queries(8):
            indicators.by_team(area=world.district, start=START, end=END)


def test_skills_practised(db):
    world = seeded_district(communes=1, households=3, with_visits=False)
    first, second, third = world.households
    skill_a, skill_b = world.skills
    day = local_dt(datetime.date(2026, 2, 10))
    VisitFactory(household=first, visited_at=day).skills.set([skill_a, skill_b])
    VisitFactory(household=first, visited_at=day).skills.set([skill_a])
    VisitFactory(household=second, visited_at=day).skills.set([skill_a])
    VisitFactory(household=third, visited_at=local_dt(datetime.date(2025, 6, 1))).skills.set(
        [skill_b]
    )
    rows = {
        r.skill_id: r
        for r in indicators.skills_practised(area=world.district, start=START, end=END)
    }
    assert (rows[skill_a.pk].visits, rows[skill_a.pk].households) == (3, 2)
    assert (rows[skill_b.pk].visits, rows[skill_b.pk].households) == (1, 1)
