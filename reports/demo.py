"""Demo campaigns for the demo province (run by `manage.py demo` after volunteers.demo).

Idempotent: campaigns are found by name and area and left as they are. Does
nothing when there is no province yet (the coordination demo makes it).
Dates are relative to today so the demo visits (last 90 days) fall inside.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from reports.models import Campaign, CampaignPhase
from volunteers.models import Area


def _phases(
    start: datetime.date, lengths: list[tuple[str, int]]
) -> list[tuple[str, datetime.date, datetime.date]]:
    phases, day = [], start
    for kind, days in lengths:
        phases.append((kind, day, day + datetime.timedelta(days=days - 1)))
        day += datetime.timedelta(days=days)
    return phases


@transaction.atomic
def _ensure(*, name: str, area: Area, description: str, phases) -> bool:
    if Campaign.objects.filter(name=name, area=area).exists():
        return False
    campaign = Campaign(
        name=name, area=area, start=phases[0][1], end=phases[-1][2], description=description
    )
    campaign.full_clean()
    campaign.save()
    for order, (kind, start, end) in enumerate(phases):
        CampaignPhase.objects.create(
            campaign=campaign, kind=kind, start=start, end=end, sort_order=order
        )
    return True


def load(*, stdout, password: str) -> None:
    del password  # no logins here
    province = Area.objects.filter(level=Area.Level.PROVINCE).order_by("path").first()
    if province is None:
        stdout.write("Reports demo: no province yet, no campaigns added.")
        return
    today = timezone.localdate()
    kind = CampaignPhase.Kind
    created = 0
    created += _ensure(
        name="Định danh điện tử mức 2 cho mọi nhà",
        area=province,
        description="Mỗi hộ có ít nhất một người kích hoạt VNeID mức 2 và biết dùng dịch vụ công trực tuyến.",
        phases=_phases(
            today - datetime.timedelta(days=100),
            [(kind.PILOT, 60), (kind.EXPANSION, 180), (kind.EVALUATION, 45)],
        ),
    )
    district = province.get_children().filter(level=Area.Level.DISTRICT).order_by("path").first()
    if district is not None:
        month_end = today.replace(day=1) - datetime.timedelta(days=1)  # last month
        start, month_days = month_end.replace(day=1), month_end.day
        created += _ensure(
            name="Tháng an toàn trên mạng",
            area=district,
            description="Nhận biết tin nhắn lừa đảo và bảo vệ mật khẩu, mã OTP.",
            phases=_phases(
                start, [(kind.PILOT, 10), (kind.EXPANSION, 15), (kind.EVALUATION, month_days - 25)]
            ),
        )
    stdout.write(f"Reports demo: {created} campaign(s) added.")
