"""A team leader sees, per member, the last sync and the refused items (and lists them)."""

from __future__ import annotations

import pytest
from django.test import Client

from volunteers.services import household_erase

from .conftest import visit

pytestmark = pytest.mark.django_db


def test_the_leader_sees_last_sync_and_refused_items(api, world):
    household_erase(user=world.users["leader"], household=world.household)
    api.results([visit(world.household.pk)])
    leader = Client()
    leader.force_login(world.users["leader"])
    page = leader.get(f"/field/teams/{world.team.pk}/").content.decode()
    assert f"/field/teams/{world.team.pk}/refused/#user-{world.users['volunteer'].pk}" in page
    refused = leader.get(f"/field/teams/{world.team.pk}/refused/")
    assert refused.status_code == 200
    assert "HOUSEHOLD_ERASED" not in refused.content.decode()
    assert "erased" in refused.content.decode() or "xóa" in refused.content.decode()


def test_members_and_other_teams_leaders_get_404(api, world):
    assert api.client.get(f"/field/teams/{world.team.pk}/refused/").status_code == 404
    other = Client()
    other.force_login(world.users["volunteer2"])
    assert other.get(f"/field/teams/{world.team.pk}/refused/").status_code == 404
    member_page = api.client.get(f"/field/teams/{world.team.pk}/").content.decode()
    assert "/refused/" not in member_page
