"""The words and odds of the synthetic data, each defined once.

Both the demo loader (`volunteers.demo`) and the load-data generator
(`volunteers.loaddata`) draw their names, places, services, outcomes and
vulnerability flags from here, with a seeded random.Random passed in, so the
same seed gives the same data. The vulnerability groups themselves come from
the registry in `volunteers.vocabulary`; only their shares are set here.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping

from volunteers.models import Visit
from volunteers.vocabulary import LEARNER_VULNERABILITY_FIELDS, VULNERABILITY_GROUPS

# --- people -------------------------------------------------------------------

FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Bùi",
    "Đinh",
    "Quách",
    "Hà",
    "Lò",
    "Vì",
    "Đặng",
]
MIDDLE_NAMES_MALE = ["Văn", "Đức", "Công", "Minh", "Hữu"]
MIDDLE_NAMES_FEMALE = ["Thị", "Ngọc", "Thu", "Hồng", "Kim"]
GIVEN_NAMES_MALE = ["Đông", "Hùng", "Tuấn", "Thắng", "Dũng", "Khải", "Lực", "Sơn", "Tâm", "Quý"]
GIVEN_NAMES_FEMALE = ["Lan", "Hoa", "Huệ", "Nhung", "Mai", "Thảo", "Yến", "Ánh", "Hằng", "Xuân"]

HEAD_BIRTH_YEARS = (1940, 1975)  # the household head, the first learner
MEMBER_BIRTH_YEARS = (1945, 2008)  # other learners of the household
EXTRA_LEARNERS = (0, 2)  # learners besides the head, per household


def person_name(rng: random.Random) -> str:
    """A Vietnamese full name: family, middle and given name, half of them women's."""
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES_MALE)} {rng.choice(GIVEN_NAMES_MALE)}"
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES_FEMALE)} {rng.choice(GIVEN_NAMES_FEMALE)}"


def phone(rng: random.Random) -> str:
    """A ten-digit mobile number starting 09."""
    return f"09{rng.randrange(10**7, 10**8)}"


# --- places -------------------------------------------------------------------

# The demo province: district -> commune -> villages.
DEMO_GEOGRAPHY = {
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

# Names for the generated trees of the load data ("Huyện An Bình", "Thôn An Bình 2").
PLACE_NAMES = [
    "An Bình",
    "Bảo Lạc",
    "Cao Phong",
    "Đà Bắc",
    "Đồng Tâm",
    "Hòa Sơn",
    "Kim Bôi",
    "Lạc Sơn",
    "Lương Sơn",
    "Mai Châu",
    "Ngọc Lặc",
    "Phú Xuyên",
    "Quang Tiến",
    "Sơn Thủy",
    "Tân Lạc",
    "Thanh Hà",
    "Tiền Phong",
    "Trung Minh",
    "Vân Sơn",
    "Yên Thủy",
]


def place_name(index: int) -> str:
    """The `index`-th place name, numbered once the list runs out ("An Bình 2")."""
    base = PLACE_NAMES[index % len(PLACE_NAMES)]
    round_ = index // len(PLACE_NAMES)
    return base if round_ == 0 else f"{base} {round_ + 1}"


def house_address(number: int) -> str:
    return f"Số nhà {number}"


def team_name(commune_name: str) -> str:
    return f"Tổ công nghệ số {commune_name}"


def team_contact_url(slug: str) -> str:
    """The team's Zalo group link."""
    return f"https://zalo.me/g/{slug}"


# --- households ---------------------------------------------------------------

HOUSEHOLD_SIZES = (1, 7)  # inclusive bounds
CONSENT_SCOPE = "Đồng ý lưu thông tin để được hỗ trợ dịch vụ công trực tuyến."

# The share of households in each vulnerability group, by the registry's key.
VULNERABILITY_SHARE = {
    "elderly": 0.35,
    "disability": 0.08,
    "low_income": 0.25,
    "ethnic_minority": 0.4,
}


def vulnerability_flags(rng: random.Random) -> dict[str, bool]:
    """One random flag per vulnerability group, keyed by the Household field."""
    return {
        group.field: rng.random() < VULNERABILITY_SHARE[group.key] for group in VULNERABILITY_GROUPS
    }


def head_learner_flags(household_flags: Mapping[str, bool]) -> dict[str, bool]:
    """The head of the household (the first learner) carries its learner-recorded flags."""
    return {field: household_flags[field] for field in LEARNER_VULNERABILITY_FIELDS}


# --- visits -------------------------------------------------------------------

SERVICES = [
    ("vneid-installed", "Cài đặt ứng dụng VNeID"),
    ("vneid-level2", "Kích hoạt định danh điện tử mức 2"),
    ("birth-registered-online", "Đăng ký khai sinh trực tuyến"),
    ("bill-paid-online", "Thanh toán hóa đơn điện trực tuyến"),
    ("health-insurance-online", "Tra cứu bảo hiểm y tế trực tuyến"),
    ("pension-online", "Nhận lương hưu qua tài khoản"),
    ("scam-awareness", "Nhận biết lừa đảo trên mạng"),
]
OUTCOME_WEIGHTS = {
    Visit.Outcome.DONE: 60,
    Visit.Outcome.FOLLOW_UP: 25,
    Visit.Outcome.NOBODY_HOME: 10,
    Visit.Outcome.DECLINED: 5,
}
# Visits in which something was learnt: they have skills, services and a satisfaction score.
WORKED_OUTCOMES = frozenset({Visit.Outcome.DONE, Visit.Outcome.FOLLOW_UP})
DURATIONS_MINUTES = (15, 20, 30, 45, 60, 90)
SATISFACTION = (3, 4, 4, 5, 5, 5)
FOLLOW_UP_DAYS = (3, 21)  # inclusive bounds
VISIT_NOTES = [
    "",
    "",
    "",
    "Bà cần nhắc lại mã PIN.",
    "Con trai đi làm xa, hẹn quay lại.",
    "Đã hướng dẫn nhận biết tin nhắn lừa đảo.",
    "Điện thoại cũ, cần cập nhật ứng dụng.",
]


def visit_outcomes(rng: random.Random, k: int = 1) -> list[Visit.Outcome]:
    """`k` outcomes drawn with OUTCOME_WEIGHTS."""
    return rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()), k=k)


def follow_up_on(rng: random.Random, day: datetime.date) -> datetime.date:
    """The day a follow-up visit is planned for, a few days to three weeks after `day`."""
    return day + datetime.timedelta(days=rng.randint(*FOLLOW_UP_DAYS))


def duration_minutes(rng: random.Random) -> int:
    return rng.choice(DURATIONS_MINUTES)


def satisfaction(rng: random.Random, outcome: str) -> int | None:
    """A score from 3 to 5 for a visit that taught something, else none."""
    return rng.choice(SATISFACTION) if outcome in WORKED_OUTCOMES else None
