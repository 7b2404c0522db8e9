"""Targets against the period shown: pro-rated by shared days, each shown with its own period."""

import datetime

import pytest
from django.utils import timezone

from reports import indicators
from tests.volunteers.factories import TargetFactory
from volunteers.models import Target

pytestmark = pytest.mark.django_db
D = datetime.date


def test_prorated_counts_the_shared_days():
    year = (D(2026, 1, 1), D(2026, 12, 31))
    assert indicators.prorated(365, *year, D(2026, 3, 1), D(2026, 3, 31)) == 31
    assert indicators.prorated(400, *year, D(2026, 3, 1), D(2026, 3, 2)) == 2  # 2.19
    assert indicators.prorated(400, *year, D(2025, 1, 1), D(2027, 12, 31)) == 400
    assert (
        indicators.prorated(400, D(2026, 3, 1), D(2026, 3, 10), D(2026, 3, 5), D(2026, 6, 1)) == 240
    )
    assert indicators.prorated(400, *year, D(2027, 1, 1), D(2027, 1, 5)) == 0


def test_yearly_target_is_prorated_to_this_month_and_shown_with_its_period(client, district_world):
    world = district_world
    today = timezone.localdate()
    year_start, year_end = D(today.year, 1, 1), D(today.year, 12, 31)
    Target.objects.filter(area=world.district).delete()
    TargetFactory(
        area=world.district,
        indicator=Target.Indicator.HOUSEHOLDS_REACHED,
        value=400,
        period_start=year_start,
        period_end=year_end,
    )
    client.force_login(world.users["official"])
    response = client.get("/dashboard/", {"area": world.district.pk})
    assert response.status_code == 200
    month_start = today.replace(day=1)
    shared = (today - max(month_start, year_start)).days + 1
    expected = round(400 * shared / ((year_end - year_start).days + 1) + 1e-9)
    card = response.context["kpis"][0]
    assert card["target"] == expected and expected < 400
    reached = response.context["summary"].households_reached
    assert card["fraction"] == pytest.approx(reached / expected if expected else None)
    own = response.context["own_targets"]
    assert [(t["value"], t["start"], t["end"], t["prorated"]) for t in own] == [
        (400, year_start, year_end, expected)
    ]
    body = response.content.decode()
    assert "Chỉ tiêu được tính theo tỷ lệ thời gian của kỳ đang xem" in body  # vi: the default
    assert f"{year_start:%d/%m/%Y} – {year_end:%d/%m/%Y}" in body


def test_teams_card_reads_n_of_m(client, district_world):
    client.force_login(district_world.users["official"])
    response = client.get("/dashboard/")
    card = response.context["kpis"][-1]
    assert str(card["of_label"]) == "trên"  # "Teams reporting 1 of 1" in Vietnamese
