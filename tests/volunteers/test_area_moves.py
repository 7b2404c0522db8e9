"""Moving and merging areas: the figures follow from the leaf rollups, raw visits untouched."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reports import indicators, rollups
from reports.models import VisitDay
from tests.volunteers.factories import UserFactory
from tests.world import END, START, seeded_district
from volunteers.models import Area, Visit
from volunteers.services.area_moves import area_merge, area_move


def _figures(area):
    return indicators.summary(area=area, start=START, end=END).as_dict()


@pytest.fixture
def world(db, settings):
    settings.ROLLUPS_EAGER = False
    built = seeded_district(communes=3, households=24, seed=31)
    rollups.refresh()
    return built


def test_merging_communes_rekeys_the_rollups_without_reading_visits(world):
    admin = UserFactory(username="root", is_superuser=True)
    first, second = world.communes[0], world.communes[1]
    expected = {
        key: a + b
        for (key, a), b in zip(_figures(first).items(), _figures(second).values(), strict=True)
        if key in {"visits", "households_registered", "certifications", "learners"}
    }
    visits_before = list(Visit.objects.order_by("pk").values_list("pk", "updated_at"))
    district_before = _figures(world.district)
    merged = area_merge(user=admin, source=second, target=first)
    assert not Area.objects.filter(pk=second.pk).exists()
    assert not VisitDay.objects.filter(area_id=second.pk).exists()
    after = _figures(merged)
    assert {key: after[key] for key in expected} == expected
    assert _figures(Area.objects.get(pk=world.district.pk)) == district_before
    assert list(Visit.objects.order_by("pk").values_list("pk", "updated_at")) == visits_before
    assert rollups.differences(area=merged, start=START, end=END) == []


def test_moving_a_commune_moves_its_figures(world):
    admin = UserFactory(username="root2", is_superuser=True)
    commune = world.communes[2]
    own = _figures(commune)
    area_move(user=admin, area=commune, new_parent=world.other_district)
    other = Area.objects.get(pk=world.other_district.pk)
    assert rollups.differences(area=other, start=START, end=END) == []
    # The old district and the province (whose area totals were recomputed) agree too.
    for area in (world.district, world.province):
        assert rollups.differences(area=Area.objects.get(pk=area.pk), start=START, end=END) == []
    assert _figures(Area.objects.get(pk=commune.pk)) == own
    with pytest.raises(ValidationError):
        area_move(user=admin, area=world.province, new_parent=other)


def test_only_allowed_users_reorganise(world):
    with pytest.raises(PermissionDenied):
        area_merge(user=world.users["official"], source=world.communes[1], target=world.communes[0])
