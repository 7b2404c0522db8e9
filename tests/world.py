"""One world builder for the whole suite.

A `World` records every row it made (plain Python lists) so that a test can
count what a page, an indicator or a workbook should show without asking the
code under test. `WorldBuilder` makes the rows through the factories and
records them; the scenarios below are the worlds the suite uses:

- `two_districts()`: a team with one household, learner, visit and
  certificate in each of two districts, with every role (access, field views);
- `seeded_district()`: communes, teams and randomly seeded households,
  visits and certificates (indicators, dashboard);
- `report_district()`: villages with regular visits, skills and services
  (workbook, report jobs, downloads).

Named things are attributes: ``world.district``, ``world.team``,
``world.household``; people are in ``world.users``.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

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
    VolunteerFactory,
)
from volunteers.models import Area, Membership, MentorInvitation, Official, Target, Visit
from volunteers.vocabulary import VULNERABILITY_FIELDS

# The period most scenarios record their visits in.
START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 3, 31)
# The report scenario's period (a quarter later in the year).
REPORT_START = datetime.date(2026, 8, 1)
REPORT_END = datetime.date(2026, 10, 31)
YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def local_dt(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """`day` at `hour`:`minute` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


NUMERIC_PK = 79


@dataclass(frozen=True)
class NumericAreas:
    coded: Area  # code "79", pk not 79
    keyed: Area  # pk 79, code = coded.pk


@dataclass
class World:
    """What a scenario made: named things as attributes, every row in a list."""

    named: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    areas: list = field(default_factory=list)
    teams: list = field(default_factory=list)
    households: list = field(default_factory=list)
    learners: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    certifications: list = field(default_factory=list)
    skills: list = field(default_factory=list)
    services: list = field(default_factory=list)
    # Who was present at each visit, by visit pk (the factories' M2M, kept in Python).
    present: dict[int, list] = field(default_factory=dict)

    def __getattr__(self, name: str):
        named = self.__dict__.get("named", {})
        if name in named:
            return named[name]
        raise AttributeError(name)

    @staticmethod
    def day(visit: Visit) -> datetime.date:
        return timezone.localtime(visit.visited_at).date()

    def visits_in_period(self, start=REPORT_START, end=REPORT_END, area=None) -> list:
        """Visits made here dated start..end to households in `area` (default: the district)."""
        area = area or self.district
        return [
            visit
            for visit in self.visits
            if start <= self.day(visit) <= end and visit.household.area.path.startswith(area.path)
        ]


class WorldBuilder:
    """Makes rows through the factories and records them in `world`."""

    def __init__(self) -> None:
        self.world = World()

    def name(self, **things) -> None:
        self.world.named.update(things)

    def area(self, name: str, level: str, *, parent=None, code: str | None = None):
        kwargs = {"name": name, "level": level}
        if code is not None:
            kwargs["code"] = code
        area = AreaFactory(parent=parent, **kwargs)
        self.world.areas.append(area)
        return area

    def team(self, area, name: str | None = None):
        team = TeamFactory(area=area, **({"name": name} if name else {}))
        self.world.teams.append(team)
        return team

    def user(self, key: str, username: str | None = None, **fields):
        user = UserFactory(username=username or key, **fields)
        self.world.users[key] = user
        return user

    def member(self, user, team, role=Membership.Role.MEMBER):
        MembershipFactory(user=user, team=team, role=role)
        return user

    def mentor(self, learner, team, username: str, *, invited_by=None):
        """A learner who accepted a mentor invitation: account, profile, mentor role, consent."""
        user = self.user(username)
        VolunteerFactory(user=user, display_name=f"Mentor {username}", learner=learner)
        MembershipFactory(user=user, team=team, role=Membership.Role.MENTOR)
        now = timezone.now()
        MentorInvitation.objects.create(
            team=team,
            learner=learner,
            invited_by=invited_by or user,
            status=MentorInvitation.Status.ACCEPTED,
            consent_given_by=f"Mentor {username}",
            consent_at=now,
            answered_at=now,
            user=user,
        )
        return user

    def official(self, user, area, *, can_see_names: bool = False):
        OfficialFactory(
            user=user, area=area, role=Official.Role.DISTRICT, can_see_names=can_see_names
        )
        return user

    def household(self, team, area=None, *, learner: bool = True, **fields):
        household = HouseholdFactory(team=team, area=area or team.area, **fields)
        self.world.households.append(household)
        if learner:
            self.learner(
                household, **({"name": fields["head_name"]} if "head_name" in fields else {})
            )
        return household

    def learner(self, household, **fields):
        learner = LearnerFactory(household=household, **fields)
        self.world.learners.append(learner)
        return learner

    def visit(self, household, *, volunteers: list | None = None, **fields):
        """A visit; `volunteers` present (None: the recorder alone, [] : nobody)."""
        visit = VisitFactory(household=household, volunteers=volunteers or None, **fields)
        if volunteers == []:
            visit.volunteers.clear()
        self.world.visits.append(visit)
        self.world.present[visit.pk] = [visit.recorded_by] if volunteers is None else volunteers
        return visit

    def certificate(self, learner, skill, **fields):
        certification = CertificationFactory(learner=learner, skill=skill, **fields)
        self.world.certifications.append(certification)
        return certification

    def skill(self, **fields):
        skill = SkillFactory(**fields)
        self.world.skills.append(skill)
        return skill

    def service(self, **fields):
        service = ServiceFactory(**fields)
        self.world.services.append(service)
        return service

    def target(self, area, value: int, indicator=Target.Indicator.HOUSEHOLDS_REACHED):
        return TargetFactory(
            area=area, indicator=indicator, value=value, period_start=YEAR[0], period_end=YEAR[1]
        )

    def numeric_areas(self, parent) -> NumericAreas:
        """Two communes below `parent` whose numeric official code and primary key cross.

        Vietnam's codes are numbers too: ``coded`` has the code "79" (as Hồ Chí
        Minh City does) and another pk; ``keyed`` has pk 79 and, as its code,
        ``coded``'s pk. Whoever mixes up codes and keys gets the wrong one.
        """
        assert not Area.objects.filter(pk=NUMERIC_PK).exists()
        coded = self.area("Phường Bảy Chín", "commune", parent=parent, code="79")
        assert coded.pk != NUMERIC_PK
        keyed = AreaFactory(
            parent=parent, name="Xã Khóa Chính", level="commune", code=str(coded.pk), pk=NUMERIC_PK
        )
        self.world.areas.append(keyed)
        numeric = NumericAreas(coded=coded, keyed=keyed)
        self.name(numeric=numeric)
        return numeric

    def outsider_district(self, parent, *, code: str, visit_day: datetime.date, **household):
        """A commune of `parent` with one household and visit that no scoped view may count."""
        commune = self.area("Xã Ngoài", "commune", parent=parent, code=code)
        outside = HouseholdFactory(team=TeamFactory(area=commune), area=commune, **household)
        VisitFactory(household=outside, visited_at=local_dt(visit_day))
        return outside


def two_districts() -> World:
    """Two districts, a team in each with one household, learner, visit and certificate.

    users: volunteer, leader (same team), volunteer2 (other district),
    official / official2 (district officials), superuser, outsider (no role).
    """
    b = WorldBuilder()
    province = b.area("Tỉnh Hòa Bình", "province", code="P1")
    district = b.area("Huyện Lạc Sơn", "district", parent=province, code="D1")
    commune = b.area("Xã Ân Nghĩa", "commune", parent=district, code="C1")
    village = b.area("Thôn Đồng Bãi", "village", parent=commune, code="V1")
    other_district = b.area("Huyện Mai Châu", "district", parent=province, code="D2")
    other_commune = b.area("Xã Bao La", "commune", parent=other_district, code="C2")
    team = b.team(commune, "Tổ Ân Nghĩa")
    other_team = b.team(other_commune, "Tổ Bao La")
    for key in ("volunteer", "leader", "volunteer2", "official", "official2", "outsider"):
        b.user(key)
    users = b.world.users
    b.user("superuser", "root", is_superuser=True, is_staff=True)
    b.member(users["volunteer"], team)
    b.member(users["leader"], team, Membership.Role.LEADER)
    b.member(users["volunteer2"], other_team)
    b.official(users["official"], district)
    b.official(users["official2"], other_district)
    household = b.household(team, village, head_name="Bùi Thị Lan")
    other_household = b.household(other_team, head_name="Hà Văn Tùng")
    learner, other_learner = b.world.learners
    skill = b.skill()
    b.name(
        province=province,
        district=district,
        other_district=other_district,
        team=team,
        other_team=other_team,
        household=household,
        other_household=other_household,
        learner=learner,
        other_learner=other_learner,
        skill=skill,
        visit=b.visit(household, recorded_by=users["volunteer"]),
        other_visit=b.visit(other_household, recorded_by=users["volunteer2"]),
        certification=b.certificate(learner, skill, certified_by=users["volunteer"]),
        other_certification=b.certificate(other_learner, skill, certified_by=users["volunteer2"]),
    )
    return b.world


def seeded_district(
    *, communes: int = 3, households: int = 12, seed: int = 7, with_visits: bool = True
) -> World:
    """A province with two districts; the first gets `communes` communes and seeded rows.

    Each household has one learner and 0-3 visits between 20 days before
    START and 110 days after it (any outcome, 0-2 volunteers present); each
    skill is certified to about half the learners, a fifth of them revoked.
    A household in the other district must never count. Targets: the
    district's own (10 households) and each commune's (3, 4, 5, ...).
    """
    rng = random.Random(seed)
    b = WorldBuilder()
    province = b.area("Tỉnh Thử", "province", code=f"TP{seed}")
    district = b.area("Huyện Một", "district", parent=province, code=f"TD{seed}")
    other = b.area("Huyện Hai", "district", parent=province, code=f"TO{seed}")
    commune_list = [
        b.area(f"Xã {chr(65 + i)}", "commune", parent=district, code=f"TC{seed}-{i}")
        for i in range(communes)
    ]
    teams = [b.team(c, f"Tổ {c.name}") for c in commune_list]
    b.official(b.user("official", f"official{seed}"), district)
    b.official(b.user("other_official", f"official{seed}b"), other)
    b.member(b.user("leader", f"leader{seed}"), teams[0], Membership.Role.LEADER)
    b.member(b.user("member", f"member{seed}"), teams[0])
    volunteers = [UserFactory(username=f"vol{seed}-{i}") for i in range(4)]
    b.world.users["volunteers"] = volunteers
    skills = [b.skill(name=f"Kỹ năng {i}") for i in range(2)]
    b.name(province=province, district=district, other_district=other, communes=commune_list)
    for i in range(households):
        team = teams[i % len(teams)]
        flags = {flag: rng.random() < 0.4 for flag in VULNERABILITY_FIELDS}
        household = b.household(team, **flags)
        if not with_visits:
            continue
        for _ in range(rng.randint(0, 3)):
            day = START + datetime.timedelta(days=rng.randint(-20, 110))
            outcome = rng.choice(list(Visit.Outcome.values))
            present = rng.sample(volunteers, rng.randint(0, 2))
            follow = (
                day + datetime.timedelta(days=7) if outcome == Visit.Outcome.FOLLOW_UP else None
            )
            b.visit(
                household,
                team=rng.choice(teams),
                visited_at=local_dt(day, rng.randint(0, 23)),
                outcome=outcome,
                duration_minutes=rng.choice([15, 30, 45]),
                satisfaction=rng.choice([None, 3, 4, 5]),
                follow_up_on=follow,
                volunteers=present,
                recorded_by=volunteers[0],
            )
        for skill in skills:
            if rng.random() < 0.5:
                day = START + datetime.timedelta(days=rng.randint(-20, 110))
                revoked = rng.random() < 0.2
                b.certificate(
                    b.world.learners[-1],
                    skill,
                    team=team,
                    certified_on=day,
                    revoked_at=timezone.now() if revoked else None,
                )
    b.outsider_district(
        other, code=f"TX{seed}", visit_day=START + datetime.timedelta(days=3), is_elderly=True
    )
    b.target(district, 10)
    for n, commune in enumerate(commune_list):
        b.target(commune, 3 + n)
    return b.world


def report_district(
    *, households_per_village: int = 3, seed: str = "W", numeric_areas: bool = False
) -> World:
    """A district of three communes (the third empty) with two villages and regular visits.

    Each household gets two visits in REPORT_START..REPORT_END and one before
    it, cycling through outcomes, volunteers, skills and services, and one
    certificate. Officials: one without the names right, one ("named") with
    it, one in the other district.
    """
    b = WorldBuilder()
    province = b.area("Tỉnh Hòa Bình", "province", code=f"{seed}P")
    district = b.area("Huyện Lạc Sơn", "district", parent=province, code=f"{seed}D1")
    other = b.area("Huyện Mai Châu", "district", parent=province, code=f"{seed}D2")
    communes = [
        b.area(name, "commune", parent=district, code=f"{seed}C{n}")
        for n, name in enumerate(["Xã Ân Nghĩa", "Xã Bình Hẻm", "Xã Chí Đạo"], start=1)
    ]
    villages = [
        b.area("Thôn Đồng Bãi", "village", parent=communes[0], code=f"{seed}V1"),
        b.area("Thôn Mường Khói", "village", parent=communes[1], code=f"{seed}V2"),
    ]
    teams = [b.team(communes[0], "Tổ Ân Nghĩa"), b.team(communes[1], "Tổ Bình Hẻm")]
    prefix = seed.lower()
    b.official(b.user("official", f"{prefix}official", email="official@example.org"), district)
    b.official(
        b.user("named", f"{prefix}named", email="named@example.org"), district, can_see_names=True
    )
    b.official(b.user("other_official", f"{prefix}other", email="other@example.org"), other)
    volunteers = [UserFactory(username=f"{prefix}vol{n}") for n in range(3)]
    b.world.users["volunteers"] = volunteers
    b.member(volunteers[0], teams[0], Membership.Role.LEADER)
    b.member(volunteers[1], teams[1])
    skills = [b.skill(name="Cài VNeID"), b.skill(name="Nhận biết lừa đảo")]
    services = [
        b.service(code=f"{prefix}-vneid", name="VNeID installed"),
        b.service(code=f"{prefix}-birth", name="Birth registered online"),
    ]
    b.name(
        province=province,
        district=district,
        other_district=other,
        communes=communes,
        villages=villages,
    )
    outcomes = list(Visit.Outcome.values)
    n = 0
    for village, team in zip(villages, teams, strict=True):
        for _index in range(households_per_village):
            household = b.household(team, village, learner=False, head_name=f"Bùi Thị Lan {n}")
            learner = b.learner(household)
            for day in (
                REPORT_START + datetime.timedelta(days=3 + n),
                REPORT_END - datetime.timedelta(days=n),
                REPORT_START - datetime.timedelta(days=2),
            ):
                visit = b.visit(
                    household,
                    team=team,
                    visited_at=local_dt(day, 9, 15),
                    recorded_by=volunteers[0],
                    volunteers=volunteers[: 1 + n % 3],
                    outcome=outcomes[n % len(outcomes)],
                    duration_minutes=20 + n,
                    satisfaction=1 + n % 5,
                    follow_up_on=day + datetime.timedelta(days=7) if n % 2 else None,
                )
                visit.skills.set(skills[: n % 3])
                visit.services.set(services[: (n + 1) % 3])
                n += 1
            b.certificate(
                learner,
                skills[0],
                team=team,
                certified_on=REPORT_START + datetime.timedelta(days=10),
            )
    other_commune = b.area("Xã Bao La", "commune", parent=other, code=f"{seed}C9")
    outside = HouseholdFactory(
        team=TeamFactory(area=other_commune), area=other_commune, head_name="Hà Văn Tùng"
    )
    VisitFactory(
        household=outside, visited_at=local_dt(REPORT_START + datetime.timedelta(days=5), 9, 15)
    )
    b.target(district, 8)
    for value, commune in zip((4, 3), communes, strict=False):
        b.target(commune, value)
    if numeric_areas:
        b.numeric_areas(district)
    return b.world
