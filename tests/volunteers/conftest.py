"""A small world with two districts, used by the access matrix and the views."""

from dataclasses import dataclass

import pytest

from volunteers.models import Membership, Official

from .factories import (
    AreaFactory,
    CertificationFactory,
    HouseholdFactory,
    LearnerFactory,
    MembershipFactory,
    OfficialFactory,
    SkillFactory,
    TeamFactory,
    UserFactory,
    VisitFactory,
)


@dataclass
class World:
    province: object
    district: object
    other_district: object
    team: object
    other_team: object
    household: object
    other_household: object
    learner: object
    other_learner: object
    visit: object
    other_visit: object
    certification: object
    other_certification: object
    skill: object
    users: dict


@pytest.fixture
def world(db):
    """Two districts, a team in each with one household, learner, visit and certificate.

    users: volunteer, leader (same team), volunteer2 (other district),
    official / official2 (district officials), superuser, outsider (no role).
    """
    province = AreaFactory(name="Tỉnh Hòa Bình", level="province", code="P1")
    district = AreaFactory(parent=province, name="Huyện Lạc Sơn", level="district", code="D1")
    commune = AreaFactory(parent=district, name="Xã Ân Nghĩa", level="commune", code="C1")
    village = AreaFactory(parent=commune, name="Thôn Đồng Bãi", level="village", code="V1")
    other_district = AreaFactory(
        parent=province, name="Huyện Mai Châu", level="district", code="D2"
    )
    other_commune = AreaFactory(parent=other_district, name="Xã Bao La", level="commune", code="C2")
    team = TeamFactory(name="Tổ Ân Nghĩa", area=commune)
    other_team = TeamFactory(name="Tổ Bao La", area=other_commune)
    users = {
        name: UserFactory(username=name)
        for name in ("volunteer", "leader", "volunteer2", "official", "official2", "outsider")
    }
    users["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    MembershipFactory(user=users["volunteer"], team=team)
    MembershipFactory(user=users["leader"], team=team, role=Membership.Role.LEADER)
    MembershipFactory(user=users["volunteer2"], team=other_team)
    OfficialFactory(user=users["official"], area=district, role=Official.Role.DISTRICT)
    OfficialFactory(user=users["official2"], area=other_district, role=Official.Role.DISTRICT)
    household = HouseholdFactory(team=team, area=village, head_name="Bùi Thị Lan")
    other_household = HouseholdFactory(team=other_team, head_name="Hà Văn Tùng")
    learner = LearnerFactory(household=household, name="Bùi Thị Lan")
    other_learner = LearnerFactory(household=other_household, name="Hà Văn Tùng")
    skill = SkillFactory()
    return World(
        province=province,
        district=district,
        other_district=other_district,
        team=team,
        other_team=other_team,
        household=household,
        other_household=other_household,
        learner=learner,
        other_learner=other_learner,
        visit=VisitFactory(household=household, recorded_by=users["volunteer"]),
        other_visit=VisitFactory(household=other_household, recorded_by=users["volunteer2"]),
        certification=CertificationFactory(
            learner=learner, skill=skill, certified_by=users["volunteer"]
        ),
        other_certification=CertificationFactory(
            learner=other_learner, skill=skill, certified_by=users["volunteer2"]
        ),
        skill=skill,
        users=users,
    )
