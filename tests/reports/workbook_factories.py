"""A small district for the workbook, job and download tests.

`build_report_world` returns the rows it created as plain lists, so tests
count what the workbook should show without asking reports.indicators.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from tests.volunteers.factories import (
    AreaFactory,
    CertificationFactory,
    HouseholdFactory,
    LearnerFactory,
    MembershipFactory,
    OfficialFactory,
    ServiceFactory,
    SkillFactory,
    TargetFactory,
    TeamFactory,
    UserFactory,
    VisitFactory,
)
from volunteers.models import Membership, Official, Target, Visit

START = datetime.date(2026, 8, 1)
END = datetime.date(2026, 10, 31)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 15)))


@dataclass
class ReportWorld:
    province: object
    district: object
    other_district: object
    communes: list
    villages: list
    teams: list
    households: list = field(default_factory=list)
    visits: list = field(
        default_factory=list
    )  # Visit objects in the district, in and out of the period
    certifications: list = field(default_factory=list)
    users: dict = field(default_factory=dict)
    skills: list = field(default_factory=list)
    services: list = field(default_factory=list)

    def visits_in_period(self, start=START, end=END, area=None):
        area = area or self.district
        return [
            visit
            for visit in self.visits
            if start <= timezone.localtime(visit.visited_at).date() <= end
            and visit.household.area.path.startswith(area.path)
        ]


def build_report_world(*, households_per_village: int = 3, seed: str = "W") -> ReportWorld:
    province = AreaFactory(name="Tỉnh Hòa Bình", level="province", code=f"{seed}P")
    district = AreaFactory(
        parent=province, name="Huyện Lạc Sơn", level="district", code=f"{seed}D1"
    )
    other = AreaFactory(parent=province, name="Huyện Mai Châu", level="district", code=f"{seed}D2")
    communes = [
        AreaFactory(parent=district, name=name, level="commune", code=f"{seed}C{n}")
        for n, name in enumerate(["Xã Ân Nghĩa", "Xã Bình Hẻm", "Xã Chí Đạo"], start=1)
    ]
    # The third commune has no households: it must still get its row.
    villages = [
        AreaFactory(parent=communes[0], name="Thôn Đồng Bãi", level="village", code=f"{seed}V1"),
        AreaFactory(parent=communes[1], name="Thôn Mường Khói", level="village", code=f"{seed}V2"),
    ]
    teams = [
        TeamFactory(name="Tổ Ân Nghĩa", area=communes[0]),
        TeamFactory(name="Tổ Bình Hẻm", area=communes[1]),
    ]
    world = ReportWorld(province, district, other, communes, villages, teams)
    official = UserFactory(username=f"{seed.lower()}official", email="official@example.org")
    OfficialFactory(user=official, area=district, role=Official.Role.DISTRICT, can_see_names=False)
    named = UserFactory(username=f"{seed.lower()}named", email="named@example.org")
    OfficialFactory(user=named, area=district, role=Official.Role.DISTRICT, can_see_names=True)
    other_official = UserFactory(username=f"{seed.lower()}other", email="other@example.org")
    OfficialFactory(user=other_official, area=other, role=Official.Role.DISTRICT)
    volunteers = [UserFactory(username=f"{seed.lower()}vol{n}") for n in range(3)]
    MembershipFactory(user=volunteers[0], team=teams[0], role=Membership.Role.LEADER)
    MembershipFactory(user=volunteers[1], team=teams[1])
    world.users = {
        "official": official,
        "named": named,
        "other_official": other_official,
        "volunteers": volunteers,
    }
    world.skills = [SkillFactory(name="Cài VNeID"), SkillFactory(name="Nhận biết lừa đảo")]
    world.services = [
        ServiceFactory(code=f"{seed.lower()}-vneid", name="VNeID installed"),
        ServiceFactory(code=f"{seed.lower()}-birth", name="Birth registered online"),
    ]
    outcomes = list(Visit.Outcome.values)
    n = 0
    for village, team in zip(villages, teams, strict=True):
        for _index in range(households_per_village):
            household = HouseholdFactory(team=team, area=village, head_name=f"Bùi Thị Lan {n}")
            world.households.append(household)
            learner = LearnerFactory(household=household)
            # Two visits in the period, one before it.
            for day in (
                START + datetime.timedelta(days=3 + n),
                END - datetime.timedelta(days=n),
                START - datetime.timedelta(days=2),
            ):
                visit = VisitFactory(
                    household=household,
                    team=team,
                    visited_at=at(day),
                    recorded_by=volunteers[0],
                    volunteers=volunteers[: 1 + n % 3],
                    outcome=outcomes[n % len(outcomes)],
                    duration_minutes=20 + n,
                    satisfaction=1 + n % 5,
                    follow_up_on=day + datetime.timedelta(days=7) if n % 2 else None,
                )
                visit.skills.set(world.skills[: n % 3])
                visit.services.set(world.services[: (n + 1) % 3])
                world.visits.append(visit)
                n += 1
            world.certifications.append(
                CertificationFactory(
                    learner=learner,
                    skill=world.skills[0],
                    team=team,
                    certified_on=START + datetime.timedelta(days=10),
                )
            )
    # Another district's household and visit: must never show.
    other_commune = AreaFactory(parent=other, name="Xã Bao La", level="commune", code=f"{seed}C9")
    outside = HouseholdFactory(
        team=TeamFactory(area=other_commune), area=other_commune, head_name="Hà Văn Tùng"
    )
    VisitFactory(household=outside, visited_at=at(START + datetime.timedelta(days=5)))
    TargetFactory(
        area=district,
        indicator=Target.Indicator.HOUSEHOLDS_REACHED,
        value=8,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    for value, commune in zip((4, 3), communes, strict=False):
        TargetFactory(
            area=commune,
            indicator=Target.Indicator.HOUSEHOLDS_REACHED,
            value=value,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
        )
    return world
