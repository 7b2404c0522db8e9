"""Set up bench/sync.py's database: a team of 2,000 households, a volunteer and a session.

Prints JSON: household ids, the session cookie and a CSRF token.
"""

import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "literacy.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.middleware.csrf import _get_new_csrf_string  # noqa: E402
from django.utils import timezone  # noqa: E402

from core.text import fold  # noqa: E402
from volunteers.models import Area, Household, Learner, Membership, Team, Visit  # noqa: E402

HOUSEHOLDS = int(os.environ.get("SYNC_BENCH_HOUSEHOLDS", "2000"))

user = get_user_model().objects.create_user("sync-bench", first_name="Bench")
province = Area.add_root(name="Tỉnh Đo", level="province", code="SB1")
commune = province.add_child(name="Xã Đo Tốc Độ", level="commune", code="SB2")
villages = [
    commune.add_child(name=f"Thôn Số {n}", level="village", code=f"SB3{n}") for n in range(10)
]
team = Team.objects.create(name="Tổ đo tốc độ", area=commune)
Membership.objects.create(user=user, team=team, role=Membership.Role.LEADER)
now = timezone.now()
rows = []
for n in range(HOUSEHOLDS):
    village = villages[n % len(villages)]
    household = Household(
        team=team,
        area=village,
        code=f"HB{n:06d}",
        head_name=f"Nguyễn Văn Thử {n}",
        address=f"Số {n}, {village.name}",
        phone=f"09{n:08d}",
        size=1 + n % 6,
        is_elderly=n % 3 == 0,
        consent_given_by="Chủ hộ",
        consent_scope="Tên, địa chỉ, số điện thoại",
        consent_at=now,
    )
    household.search_text = fold(household.build_search_text(area_name=village.name))
    rows.append(household)
households = Household.objects.bulk_create(rows, batch_size=500)
Learner.objects.bulk_create(
    [
        Learner(household=h, name=h.head_name, birth_year=1950 + i % 40)
        for i, h in enumerate(households)
    ],
    batch_size=500,
)
visits = Visit.objects.bulk_create(
    [
        Visit(
            household=h,
            team=team,
            recorded_by=user,
            visited_at=now - datetime.timedelta(days=i % 30),
            duration_minutes=30,
            outcome="follow_up" if i % 4 == 0 else "done",
            follow_up_on=(now + datetime.timedelta(days=7)).date() if i % 4 == 0 else None,
        )
        for i, h in enumerate(households)
    ],
    batch_size=500,
)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(
    json.dumps(
        {
            "households": [h.pk for h in households],
            "session": session.session_key,
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf": _get_new_csrf_string(),
        }
    )
)
