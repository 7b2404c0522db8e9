"""Campaign admin (Wagtail): lists scoped by access, phases inline, other areas' campaigns 404."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from reports.models import Campaign
from tests.world import seeded_district

pytestmark = pytest.mark.django_db
BASE = "/admin/campaigns/"


@pytest.fixture
def world(db):
    world = seeded_district(communes=2, households=2, with_visits=False)
    official = world.users["official"]
    official.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "add_campaign",
                "change_campaign",
                "delete_campaign",
                "view_campaign",
            ]
        )
    )
    world.mine = Campaign.objects.create(
        name="Mine",
        area=world.district,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
    )
    world.theirs = Campaign.objects.create(
        name="Theirs",
        area=world.other_district,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
    )
    return world


def _phase_data(*phases):
    data = {
        "phases-TOTAL_FORMS": str(len(phases)),
        "phases-INITIAL_FORMS": "0",
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "1000",
    }
    for i, (kind, start, end) in enumerate(phases):
        data.update(
            {
                f"phases-{i}-kind": kind,
                f"phases-{i}-start": start,
                f"phases-{i}-end": end,
                f"phases-{i}-ORDER": str(i + 1),
                f"phases-{i}-id": "",
            }
        )
    return data


def test_list_shows_only_campaigns_in_the_users_areas(client, world):
    client.force_login(world.users["official"])
    response = client.get(BASE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mine" in body and "Theirs" not in body


def test_other_areas_campaign_is_404(client, world):
    client.force_login(world.users["official"])
    assert client.get(f"{BASE}edit/{world.theirs.pk}/").status_code == 404
    assert client.get(f"{BASE}delete/{world.theirs.pk}/").status_code == 404
    assert client.get(f"{BASE}edit/{world.mine.pk}/").status_code == 200


def test_create_with_phases(client, world):
    client.force_login(world.users["official"])
    data = {
        "name": "Spring",
        "area": world.communes[0].pk,
        "start": "2026-03-01",
        "end": "2026-05-31",
        "description": "",
    }
    data.update(
        _phase_data(
            ("pilot", "2026-03-01", "2026-03-31"), ("expansion", "2026-04-01", "2026-05-31")
        )
    )
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(name="Spring")
    assert [p.kind for p in campaign.phases.order_by("start")] == ["pilot", "expansion"]


def test_area_outside_scope_and_phase_outside_dates_are_refused(client, world):
    client.force_login(world.users["official"])
    data = {
        "name": "Bad",
        "area": world.other_district.pk,
        "start": "2026-03-01",
        "end": "2026-05-31",
        "description": "",
    }
    data.update(_phase_data(("pilot", "2026-02-01", "2026-03-31")))
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 200
    assert not Campaign.objects.filter(name="Bad").exists()
    form = response.context["form"]
    assert "area" in form.errors
    data["area"] = world.district.pk
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 200
    assert not Campaign.objects.filter(name="Bad").exists()
