"""GET /api/v1/changes: scope, masking, cursor paging, only changes, removed ids."""

from __future__ import annotations

import pytest

from tests.volunteers.factories import HouseholdFactory, MembershipFactory
from volunteers.models import Household
from volunteers.services import household_erase, household_update

from .conftest import ApiClient, visit

pytestmark = pytest.mark.django_db


def test_first_download_holds_only_the_users_teams(api, world):
    answer, _cursor = api.download()
    assert [h["id"] for h in answer["households"]] == [world.household.pk]
    household = answer["households"][0]
    assert household["head_name"] == "Bùi Thị Lan" and household["masked"] is False
    assert "bui thi lan" in household["search"]
    assert household["learners"][0]["certified_skill_ids"] == [world.skill.pk]
    assert household["last_visit"]["outcome"] == world.visit.outcome
    assert [t["id"] for t in answer["teams"]] == [world.team.pk]
    assert {m["id"] for m in answer["members"]} == {
        world.users["volunteer"].pk,
        world.users["leader"].pk,
    }
    assert world.other_household.pk not in answer["removed_household_ids"]
    assert answer["limits"]["max_items"] == 200


def test_an_official_without_a_team_gets_no_households(world):
    answer, _ = ApiClient(world.users["official"]).download()
    assert answer["households"] == [] and answer["teams"] == []


def test_paging_with_a_small_limit_sends_every_household_once(api, world):
    for _ in range(6):
        HouseholdFactory(team=world.team, area=world.household.area)
    answer, _ = api.download(limit=2)
    ids = [h["id"] for h in answer["households"]]
    assert len(ids) == 7 == len(set(ids))


def test_the_next_round_sends_only_changes_and_removed_ids(api, world, settings):
    settings.SYNC_CURSOR_OVERLAP_SECONDS = 0
    quiet = HouseholdFactory(team=world.team, area=world.household.area)
    erased = HouseholdFactory(team=world.team, area=world.household.area)
    moved = HouseholdFactory(team=world.team, area=world.household.area)
    _first, cursor = api.download()
    answer, cursor = api.download(cursor)
    assert answer["households"] == [] and answer["removed_household_ids"] == []

    api.results([visit(world.household.pk)])
    household_erase(user=world.users["leader"], household=erased)
    household_update(
        user=world.users["superuser"],
        household=moved,
        team=world.other_team,
        area=world.other_household.area,
    )
    answer, cursor = api.download(cursor)
    assert [h["id"] for h in answer["households"]] == [world.household.pk]
    assert sorted(answer["removed_household_ids"]) == sorted([erased.pk, moved.pk])
    assert quiet.pk not in answer["removed_household_ids"]


def test_leaving_the_team_removes_its_households(api, world, settings):
    settings.SYNC_CURSOR_OVERLAP_SECONDS = 0
    _first, cursor = api.download()
    world.users["volunteer"].memberships.all().delete()
    answer, _ = api.download(cursor)
    assert answer["households"] == []
    assert answer["removed_household_ids"] == [world.household.pk]


def test_joining_a_team_downloads_its_households(api, world, settings):
    settings.SYNC_CURSOR_OVERLAP_SECONDS = 0
    _first, cursor = api.download()
    MembershipFactory(user=world.users["volunteer"], team=world.other_team)
    answer, _ = api.download(cursor)
    assert world.other_household.pk in [h["id"] for h in answer["households"]]


def test_personal_data_is_masked_as_on_the_pages(api, world):
    """A household of the team outside the team's area: the volunteer may not see its names."""
    outside = HouseholdFactory(
        team=world.team, area=world.other_household.area, head_name="Hà Thị Ẩn", phone="0999"
    )
    answer, _ = api.download()
    row = next(h for h in answer["households"] if h["id"] == outside.pk)
    assert row["masked"] is True
    assert row["head_name"] == "H. T. Ẩ." and row["phone"] == "" and row["address"] == ""
    assert "an" not in row["search"].split() and row["search"] == outside.code.lower()
    assert Household.objects.get(pk=outside.pk).head_name == "Hà Thị Ẩn"


def test_a_foreign_cursor_is_a_400(api):
    response = api.changes("not-a-cursor")
    assert response.status_code == 400 and response.json()["code"] == "bad_cursor"


def test_the_download_has_a_fixed_number_of_queries(api, world, django_assert_max_num_queries):
    for _ in range(30):
        HouseholdFactory(team=world.team, area=world.household.area)
    with django_assert_max_num_queries(30):
        assert api.changes().status_code == 200
