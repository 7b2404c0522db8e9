"""Moving and merging areas in the admin (services.area_moves through AreaMoveView / AreaMergeView)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from reports import indicators, rollups
from reports.models import VisitDay
from tests.volunteers.factories import UserFactory
from tests.world import END, START, seeded_district
from volunteers.models import Area, Household, Visit
from volunteers.services import area_moves


@pytest.fixture
def world(db, settings):
    settings.ROLLUPS_EAGER = False
    built = seeded_district(communes=3, households=24, seed=41)
    commune = built.communes[0]
    villages = [
        commune.add_child(name=f"Thôn {n}", level=Area.Level.VILLAGE, code=f"TV41-{n}")
        for n in (1, 2)
    ]
    # Half of the first commune's households live in each village (before the rollups exist).
    households = list(Household.objects.filter(area=commune).order_by("pk"))
    for i, household in enumerate(households):
        Household.objects.filter(pk=household.pk).update(area=villages[i % 2])
    built.villages = [Area.objects.get(pk=v.pk) for v in villages]
    rollups.refresh()
    return built


def _figures(area):
    return indicators.summary(area=Area.objects.get(pk=area.pk), start=START, end=END).as_dict()


def _url(name, area):
    return reverse(f"coordination_areas:{name}", args=[area.pk])


@pytest.fixture
def root_client(db, client):
    client.force_login(UserFactory(username="root41", is_superuser=True))
    return client


def test_superuser_moves_a_commune_to_another_district(root_client, world):
    commune = world.communes[2]
    own, district_before = _figures(commune), _figures(world.district)
    page = root_client.get(_url("move", commune))
    assert page.status_code == 200
    offered = set(page.context["form"].fields["new_parent"].queryset)
    assert world.other_district in offered and commune not in offered
    response = root_client.post(_url("move", commune), {"new_parent": world.other_district.pk})
    assert response.status_code == 302
    moved = Area.objects.get(pk=commune.pk)
    assert moved.get_parent() == world.other_district
    assert _figures(moved) == own
    assert _figures(world.district) != district_before
    for area in (world.province, world.district, world.other_district, moved):
        assert rollups.differences(area=Area.objects.get(pk=area.pk), start=START, end=END) == []
    assert Area.find_problems() == ([], [], [], [], [])


def test_superuser_merges_two_villages(root_client, world):
    first, second = world.villages
    additive = {"visits", "households_registered", "certifications", "learners"}
    expected = {key: _figures(first)[key] + _figures(second)[key] for key in additive}
    commune_before = _figures(world.communes[0])
    visits_before = list(Visit.objects.order_by("pk").values_list("pk", "updated_at"))
    page = root_client.get(_url("merge", second))
    assert first in set(page.context["form"].fields["target"].queryset)
    response = root_client.post(_url("merge", second), {"target": first.pk})
    assert response.status_code == 302
    assert not Area.objects.filter(pk=second.pk).exists()
    assert not VisitDay.objects.filter(area_id=second.pk).exists()
    after = _figures(first)
    assert {key: after[key] for key in additive} == expected
    assert _figures(world.communes[0]) == commune_before
    assert list(Visit.objects.order_by("pk").values_list("pk", "updated_at")) == visits_before
    for area in (first, world.communes[0], world.district):
        assert rollups.differences(area=Area.objects.get(pk=area.pk), start=START, end=END) == []


def test_a_move_below_itself_is_not_offered_and_the_services_error_shows(root_client, world):
    commune = world.communes[0]
    village = world.villages[0]
    response = root_client.post(_url("move", commune), {"new_parent": village.pk})
    assert response.status_code == 200 and "new_parent" in response.context["form"].errors
    assert Area.objects.get(pk=commune.pk).get_parent() == world.district


def test_services_error_lands_on_the_form(root_client, world, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError(area_moves.MERGE_INTO_ITSELF)

    monkeypatch.setattr("volunteers.admin.views.area_merge", refuse)
    first, second = world.villages
    response = root_client.post(_url("merge", second), {"target": first.pk})
    assert response.status_code == 200
    assert area_moves.MERGE_INTO_ITSELF in response.context["form"].non_field_errors()
    assert Area.objects.filter(pk=second.pk).exists()


@pytest.mark.parametrize("name", ["official", "leader"])
def test_users_without_the_right_get_404(client, world, name):
    user = world.users[name]
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    first, second = world.villages
    assert client.get(_url("move", second)).status_code == 404
    assert client.post(_url("merge", second), {"target": first.pk}).status_code == 404
    assert Area.objects.filter(pk=second.pk).exists()


def test_official_with_change_area_moves_within_their_district(client, world):
    official = world.users["official"]
    official.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_area", content_type__app_label="volunteers"),
    )
    client.force_login(official)
    village = world.villages[0]
    page = client.get(_url("move", village))
    offered = set(page.context["form"].fields["new_parent"].queryset)
    assert world.communes[1] in offered
    assert world.district not in offered and world.other_district not in offered
    response = client.post(_url("move", village), {"new_parent": world.other_district.pk})
    assert response.status_code == 200 and "new_parent" in response.context["form"].errors
    assert client.get(_url("move", world.district)).status_code == 404
    listing = client.get(reverse("coordination_areas:index")).content.decode()
    assert _url("move", village) in listing and _url("move", world.district) not in listing
