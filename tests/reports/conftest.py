"""A seeded district with communes, teams, households, visits and certificates.

`district_world` records what it created (plain Python lists) so tests can
count the expected indicator values independently of reports.indicators.
"""

import datetime
import random
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from tests.volunteers.factories import (
    AreaFactory,
    CertificationFactory,
    HouseholdFactory,
    LearnerFactory,
    MembershipFactory,
    OfficialFactory,
    SkillFactory,
    TargetFactory,
    TeamFactory,
    UserFactory,
    VisitFactory,
)
from volunteers.models import Membership, Official, Target, Visit

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 3, 31)
FLAGS = ("is_elderly", "has_disability", "is_low_income", "is_ethnic_minority")


def local_dt(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@dataclass
class DistrictWorld:
    province: object
    district: object
    other_district: object
    communes: list
    teams: list
    households: list
    visits: list = field(
        default_factory=list
    )  # dicts: household, team, day, outcome, minutes, users, sat, follow
    certs: list = field(default_factory=list)  # dicts: learner, skill, team, day, revoked
    learners: list = field(default_factory=list)
    skills: list = field(default_factory=list)
    users: dict = field(default_factory=dict)


def build_district(
    *, communes: int = 3, households: int = 12, seed: int = 7, with_visits: bool = True
):
    """A province with two districts; the first gets `communes` communes and the rows."""
    rng = random.Random(seed)
    province = AreaFactory(name="Tỉnh Thử", level="province", code=f"TP{seed}")
    district = AreaFactory(parent=province, name="Huyện Một", level="district", code=f"TD{seed}")
    other = AreaFactory(parent=province, name="Huyện Hai", level="district", code=f"TO{seed}")
    commune_list = [
        AreaFactory(
            parent=district, name=f"Xã {chr(65 + i)}", level="commune", code=f"TC{seed}-{i}"
        )
        for i in range(communes)
    ]
    teams = [TeamFactory(area=c, name=f"Tổ {c.name}") for c in commune_list]
    official = UserFactory(username=f"official{seed}")
    OfficialFactory(user=official, area=district, role=Official.Role.DISTRICT)
    other_official = UserFactory(username=f"official{seed}b")
    OfficialFactory(user=other_official, area=other, role=Official.Role.DISTRICT)
    leader = UserFactory(username=f"leader{seed}")
    MembershipFactory(user=leader, team=teams[0], role=Membership.Role.LEADER)
    member = UserFactory(username=f"member{seed}")
    MembershipFactory(user=member, team=teams[0], role=Membership.Role.MEMBER)
    volunteers = [UserFactory(username=f"vol{seed}-{i}") for i in range(4)]
    skills = [SkillFactory(name=f"Kỹ năng {i}") for i in range(2)]
    world = DistrictWorld(
        province,
        district,
        other,
        commune_list,
        teams,
        [],
        skills=skills,
        users={
            "official": official,
            "other_official": other_official,
            "leader": leader,
            "member": member,
            "volunteers": volunteers,
        },
    )
    for i in range(households):
        team = teams[i % len(teams)]
        flags = {flag: rng.random() < 0.4 for flag in FLAGS}
        household = HouseholdFactory(team=team, area=team.area, **flags)
        world.households.append(household)
        world.learners.append(LearnerFactory(household=household))
        if not with_visits:
            continue
        for _ in range(rng.randint(0, 3)):
            day = START + datetime.timedelta(days=rng.randint(-20, 110))
            outcome = rng.choice(list(Visit.Outcome.values))
            present = rng.sample(volunteers, rng.randint(0, 2))
            follow = (
                day + datetime.timedelta(days=7) if outcome == Visit.Outcome.FOLLOW_UP else None
            )
            sat = rng.choice([None, 3, 4, 5])
            minutes = rng.choice([15, 30, 45])
            visit = VisitFactory(
                household=household,
                team=rng.choice(teams),
                visited_at=local_dt(day, rng.randint(0, 23)),
                outcome=outcome,
                duration_minutes=minutes,
                satisfaction=sat,
                follow_up_on=follow,
                volunteers=present or None,
                recorded_by=volunteers[0],
            )
            if not present:
                visit.volunteers.clear()
            world.visits.append(
                dict(
                    household=household,
                    team=visit.team,
                    day=day,
                    at=visit.visited_at,
                    outcome=outcome,
                    minutes=minutes,
                    users=present,
                    sat=sat,
                    follow=follow,
                )
            )
        for skill in skills:
            if rng.random() < 0.5:
                day = START + datetime.timedelta(days=rng.randint(-20, 110))
                revoked = rng.random() < 0.2
                cert = CertificationFactory(
                    learner=world.learners[-1],
                    skill=skill,
                    team=team,
                    certified_on=day,
                    revoked_at=timezone.now() if revoked else None,
                )
                world.certs.append(
                    dict(learner=cert.learner, skill=skill, team=team, day=day, revoked=revoked)
                )
    # A household in the other district: must never count.
    other_commune = AreaFactory(parent=other, name="Xã Ngoài", level="commune", code=f"TX{seed}")
    outside = HouseholdFactory(
        team=TeamFactory(area=other_commune), area=other_commune, is_elderly=True
    )
    VisitFactory(household=outside, visited_at=local_dt(START + datetime.timedelta(days=3)))
    # Targets: the district's own, and per commune (for the child rows).
    TargetFactory(
        area=district,
        indicator=Target.Indicator.HOUSEHOLDS_REACHED,
        value=10,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    for n, commune in enumerate(commune_list):
        TargetFactory(
            area=commune,
            indicator=Target.Indicator.HOUSEHOLDS_REACHED,
            value=3 + n,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
        )
    return world


@pytest.fixture
def district_world(db):
    return build_district()
