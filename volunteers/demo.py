"""Demo coordination data: one province, teams, volunteers, households, 90 days of visits.

Called by `manage.py demo` after the courses demo. Idempotent: when the demo
province exists nothing is created again (logins are only created if
missing). A seeded random.Random keeps the data the same on every machine.
"""

from __future__ import annotations

import datetime
import random
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from core.demo import ensure_user
from courses.models import Skill
from volunteers.models import (
    Area,
    Certification,
    Household,
    Learner,
    Membership,
    Official,
    Service,
    Target,
    Team,
    Visit,
    Volunteer,
)
from volunteers.services.codes import ALPHABET

PROVINCE_CODE = "DEMO-17"
SEED = 20261122
DAYS = 90
HOUSEHOLDS_PER_TEAM = 60

# district -> commune -> villages
GEOGRAPHY = {
    "Huyện Lạc Sơn": {
        "Xã Ân Nghĩa": ["Xóm Đồng Bãi", "Xóm Vó Mới", "Xóm Nội"],
        "Xã Văn Sơn": ["Xóm Đồi", "Xóm Khộp", "Xóm Mương"],
    },
    "Huyện Mai Châu": {
        "Xã Chiềng Châu": ["Bản Lác", "Bản Văn", "Bản Chiềng Sại"],
        "Xã Pà Cò": ["Bản Pà Cò", "Bản Hang Kia", "Bản Xà Lĩnh"],
    },
    "Huyện Tân Lạc": {
        "Xã Phong Phú": ["Xóm Mường Chiềng", "Xóm Bục", "Xóm Đồng Tâm"],
        "Xã Quyết Chiến": ["Xóm Ải", "Xóm Thung", "Xóm Bưng"],
    },
}

SERVICES = [
    ("vneid-installed", "Cài đặt ứng dụng VNeID"),
    ("vneid-level2", "Kích hoạt định danh điện tử mức 2"),
    ("birth-registered-online", "Đăng ký khai sinh trực tuyến"),
    ("bill-paid-online", "Thanh toán hóa đơn điện trực tuyến"),
    ("health-insurance-online", "Tra cứu bảo hiểm y tế trực tuyến"),
    ("pension-online", "Nhận lương hưu qua tài khoản"),
    ("scam-awareness", "Nhận biết lừa đảo trên mạng"),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Bùi", "Đinh", "Quách", "Hà", "Lò", "Vì", "Đặng"]
MIDDLE_M = ["Văn", "Đức", "Công", "Minh", "Hữu"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Hồng", "Kim"]
GIVEN_M = ["Đông", "Hùng", "Tuấn", "Thắng", "Dũng", "Khải", "Lực", "Sơn", "Tâm", "Quý"]
GIVEN_F = ["Lan", "Hoa", "Huệ", "Nhung", "Mai", "Thảo", "Yến", "Ánh", "Hằng", "Xuân"]
NOTES = [
    "",
    "",
    "",
    "Bà cần nhắc lại mã PIN.",
    "Con trai đi làm xa, hẹn quay lại.",
    "Đã hướng dẫn nhận biết tin nhắn lừa đảo.",
    "Điện thoại cũ, cần cập nhật ứng dụng.",
]


def _name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def _code(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(length))


# Admin groups for the demo roles. Model permissions decide which admin
# screens open; volunteers.access still narrows every row to the user's scope.
DEMO_GROUPS = {
    "Team leaders": {
        "volunteers": [
            "view_area",
            "view_team",
            "change_team",
            "view_membership",
            "add_membership",
            "change_membership",
            "delete_membership",
            "view_household",
            "add_household",
            "change_household",
            "view_learner",
            "change_learner",
            "view_visit",
            "view_certification",
            "view_service",
        ],
    },
    "Officials": {
        "volunteers": [
            "view_area",
            "view_team",
            "view_membership",
            "view_household",
            "view_visit",
            "view_certification",
            "view_target",
            "view_service",
        ],
        "reports": ["view_campaign", "add_campaign", "change_campaign"],
    },
}


def _ensure_groups() -> dict[str, Group]:
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = {}
    for name, apps in DEMO_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [admin_access]
        for app_label, codenames in apps.items():
            wanted += Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        group.permissions.add(*wanted)
        groups[name] = group
    return groups


def load(*, stdout, password: str) -> None:
    """Create the demo coordination data set unless it exists."""
    with transaction.atomic():
        if not Area.objects.filter(code=PROVINCE_CODE).exists():
            _load(stdout=stdout, password=password)
        else:
            stdout.write("Volunteers demo: already loaded.")
        groups = _ensure_groups()
        User = get_user_model()  # noqa: N806
        groups["Team leaders"].user_set.add(*User.objects.filter(username="leader"))
        groups["Officials"].user_set.add(*User.objects.filter(username="official"))


def _load(*, stdout, password: str) -> None:
    rng = random.Random(SEED)  # noqa: S311 - stable demo data, not secrets
    today = timezone.localdate()
    now = timezone.now()
    tz = timezone.get_current_timezone()

    province = Area.add_root(name="Tỉnh Hòa Bình", level=Area.Level.PROVINCE, code=PROVINCE_CODE)
    communes: list[tuple[Area, list[Area]]] = []
    districts: list[Area] = []
    for d, (district_name, district_communes) in enumerate(GEOGRAPHY.items(), start=1):
        district = province.add_child(
            name=district_name, level=Area.Level.DISTRICT, code=f"{PROVINCE_CODE}-{d}"
        )
        districts.append(district)
        for c, (commune_name, village_names) in enumerate(district_communes.items(), start=1):
            commune = district.add_child(
                name=commune_name, level=Area.Level.COMMUNE, code=f"{district.code}-{c}"
            )
            villages = [
                commune.add_child(
                    name=village, level=Area.Level.VILLAGE, code=f"{commune.code}-{v}"
                )
                for v, village in enumerate(village_names, start=1)
            ]
            communes.append((commune, villages))

    year_start, year_end = datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
    targets = []
    for area in [province, *districts, *(commune for commune, _v in communes)]:
        households_target = {Area.Level.PROVINCE: 1200, Area.Level.DISTRICT: 400}.get(
            area.level, 200
        )
        targets += [
            Target(
                area=area,
                indicator=Target.Indicator.HOUSEHOLDS_REACHED,
                value=households_target,
                period_start=year_start,
                period_end=year_end,
            ),
            Target(
                area=area,
                indicator=Target.Indicator.LEARNERS_CERTIFIED,
                value=households_target // 2,
                period_start=year_start,
                period_end=year_end,
            ),
        ]
    Target.objects.bulk_create(targets)

    services = [
        Service.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in SERVICES
    ]
    skills = [skill for skill in Skill.objects.filter(locale=Locale.get_default()).order_by("code")]

    # Teams (one per commune) and volunteers (four each, plus the named demo logins).
    teams = [
        Team.objects.create(
            name=f"Tổ công nghệ số {commune.name}",
            area=commune,
            contact_url=f"https://zalo.me/g/demo{index}",
        )
        for index, (commune, _villages) in enumerate(communes, start=1)
    ]
    named = {
        "volunteer": (0, Membership.Role.MEMBER, "Lò Thị Mai"),
        "leader": (0, Membership.Role.LEADER, "Bùi Văn Khải"),
        "volunteer2": (2, Membership.Role.MEMBER, "Hà Thị Nhung"),  # Mai Châu: another district
    }
    team_users: dict[int, list] = {team.pk: [] for team in teams}
    for username, (team_index, role, display_name) in named.items():
        user = ensure_user(username, password, first_name=display_name.split()[-1])
        Volunteer.objects.get_or_create(
            user=user, defaults={"display_name": display_name, "phone": "0912345678"}
        )
        Membership.objects.get_or_create(user=user, team=teams[team_index], defaults={"role": role})
        team_users[teams[team_index].pk].append(user)
    for index, team in enumerate(teams):
        for number in range(4):
            username = f"tnv{index + 1}{number + 1}"
            display_name = _name(rng)
            user = ensure_user(username, password, first_name=display_name.split()[-1])
            Volunteer.objects.get_or_create(user=user, defaults={"display_name": display_name})
            role = Membership.Role.LEADER if number == 0 and index != 0 else Membership.Role.MEMBER
            Membership.objects.get_or_create(user=user, team=team, defaults={"role": role})
            team_users[team.pk].append(user)

    official = ensure_user("official", password, first_name="Quách")
    Official.objects.get_or_create(
        user=official, area=districts[0], defaults={"role": Official.Role.DISTRICT}
    )

    # Households and learners.
    households = []
    for team, (_commune, villages) in zip(teams, communes, strict=True):
        for number in range(HOUSEHOLDS_PER_TEAM):
            village = rng.choice(villages)
            head = _name(rng)
            household = Household(
                area=village,
                team=team,
                code=f"H{_code(rng, 7)}",
                address=f"Số nhà {number + 1}",
                head_name=head,
                phone=f"09{rng.randrange(10**7, 10**8)}",
                size=rng.randint(1, 7),
                is_elderly=rng.random() < 0.35,
                has_disability=rng.random() < 0.08,
                is_low_income=rng.random() < 0.25,
                is_ethnic_minority=rng.random() < 0.4,
                consent_given_by=head,
                consent_at=now - datetime.timedelta(days=DAYS + rng.randint(1, 30)),
                consent_scope="Đồng ý lưu thông tin để được hỗ trợ dịch vụ công trực tuyến.",
                consent_recorded_by=rng.choice(team_users[team.pk]),
            )
            household.search_text = household.folded_search_text(area_name=village.name)
            households.append(household)
    households = Household.objects.bulk_create(households)
    learners = []
    for household in households:
        learners.append(
            Learner(
                household=household,
                name=household.head_name,
                birth_year=rng.randint(1940, 1975),
                is_elderly=household.is_elderly,
            )
        )
        for _extra in range(rng.randint(0, 2)):
            learners.append(
                Learner(household=household, name=_name(rng), birth_year=rng.randint(1945, 2008))
            )
    learners = Learner.objects.bulk_create(learners)
    learners_by_household: dict[int, list[Learner]] = {}
    for learner in learners:
        learners_by_household.setdefault(learner.household_id, []).append(learner)

    # 90 days of visits ending today; about one household in five is never visited.
    visits, visit_volunteers, visit_skills, visit_services = [], [], [], []
    Through = Visit.volunteers.through
    SkillThrough = Visit.skills.through
    ServiceThrough = Visit.services.through
    for household in households:
        if rng.random() < 0.2:
            continue
        members = team_users[household.team_id]
        day_offsets = sorted(rng.sample(range(DAYS), rng.randint(1, 4)), reverse=True)
        for offset in day_offsets:
            day = today - datetime.timedelta(days=offset)
            visited_at = datetime.datetime.combine(
                day, datetime.time(rng.randint(7, 17), rng.choice((0, 15, 30, 45))), tzinfo=tz
            )
            if visited_at > now:
                visited_at = now - datetime.timedelta(minutes=rng.randint(5, 120))
            outcome = rng.choices(
                [
                    Visit.Outcome.DONE,
                    Visit.Outcome.FOLLOW_UP,
                    Visit.Outcome.NOBODY_HOME,
                    Visit.Outcome.DECLINED,
                ],
                weights=[60, 25, 10, 5],
            )[0]
            follow_up = (
                day + datetime.timedelta(days=rng.randint(3, 21))
                if outcome == Visit.Outcome.FOLLOW_UP
                else None
            )
            present = rng.sample(members, k=min(len(members), rng.randint(1, 2)))
            visit = Visit(
                uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                household=household,
                team_id=household.team_id,
                recorded_by=present[0],
                visited_at=visited_at,
                duration_minutes=rng.choice((15, 20, 30, 45, 60, 90)),
                outcome=outcome,
                follow_up_on=follow_up,
                satisfaction=rng.choice((3, 4, 4, 5, 5, 5))
                if outcome in (Visit.Outcome.DONE, Visit.Outcome.FOLLOW_UP)
                else None,
                notes=rng.choice(NOTES),
            )
            visits.append(visit)
            visit_volunteers.append((visit, present))
            if outcome in (Visit.Outcome.DONE, Visit.Outcome.FOLLOW_UP):
                visit_skills.append(
                    (
                        visit,
                        rng.sample(skills, k=min(len(skills), rng.randint(1, 2))) if skills else [],
                    )
                )
                visit_services.append((visit, rng.sample(services, k=rng.randint(0, 2))))
    Visit.objects.bulk_create(visits, batch_size=500)
    Through.objects.bulk_create(
        [
            Through(visit_id=visit.pk, user_id=user.pk)
            for visit, users in visit_volunteers
            for user in users
        ],
        batch_size=1000,
    )
    SkillThrough.objects.bulk_create(
        [
            SkillThrough(visit_id=visit.pk, skill_id=skill.pk)
            for visit, items in visit_skills
            for skill in items
        ],
        batch_size=1000,
    )
    ServiceThrough.objects.bulk_create(
        [
            ServiceThrough(visit_id=visit.pk, service_id=service.pk)
            for visit, items in visit_services
            for service in items
        ],
        batch_size=1000,
    )

    # Certifications for learners whose household had a successful visit.
    certifiable = [skill for skill in skills if skill.checklist_items]
    certifications = []
    if certifiable:
        done = {}
        for visit, _users in visit_volunteers:
            if visit.outcome == Visit.Outcome.DONE:
                done.setdefault(visit.household_id, visit)
        for household_id, visit in done.items():
            for learner in learners_by_household[household_id]:
                if rng.random() < 0.45:
                    continue
                for skill in rng.sample(certifiable, k=min(len(certifiable), rng.randint(1, 2))):
                    certifications.append(
                        Certification(
                            learner=learner,
                            skill=skill,
                            team_id=visit.team_id,
                            certified_by=visit.recorded_by,
                            certified_on=timezone.localdate(visit.visited_at),
                            checklist=skill.checklist_items,
                            code=_code(rng, 10),
                        )
                    )
        for certification in certifications[5:8]:
            certification.revoked_at = now
            certification.revoked_reason = "Cấp nhầm người học"
        Certification.objects.bulk_create(certifications, batch_size=500)

    stdout.write(
        f"Volunteers demo: {len(teams)} teams, {sum(len(u) for u in team_users.values())} volunteers, "
        f"{len(households)} households, {len(learners)} learners, {len(visits)} visits, "
        f"{len(certifications)} certifications."
    )
