"""Each rule once: the field form, the Wagtail admin and the import reach the same service
(household_create, area_create) and show the same message."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from volunteers import imports, messages, services
from volunteers.models import Area, Household

pytestmark = pytest.mark.django_db

HOUSEHOLD_FIELDS = {
    "head_name": "Lò Văn Sơn",
    "address": "Bản Mường",
    "phone": "0912",
    "size": "4",
}


@pytest.fixture
def coordinator(client, world):
    """The volunteer, with the admin and the add/change permissions for households and areas."""
    user = world.users["volunteer"]
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "add_household", "change_household", "add_area"]
        )
    )
    client.force_login(user)
    return client


def import_households(world, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(imports.HOUSEHOLD_COLUMNS)
    for row in rows:
        values = {"area_code": "V1", "team": world.team.name, **row}
        writer.writerow([values.get(column, "") for column in imports.HOUSEHOLD_COLUMNS])
    return imports.households_import(
        file=io.BytesIO(buffer.getvalue().encode()), user=world.users["volunteer"]
    )


def field_form_post(client, world, **data):
    return client.post(
        reverse("volunteers:household_register"),
        {
            "team": world.team.pk,
            "area": world.household.area.pk,
            "consent_given_by": "Lò Văn Sơn",
            "consent_scope": "Đồng ý",
            **HOUSEHOLD_FIELDS,
            **data,
        },
    )


def admin_form_post(client, world, **data):
    return client.post(
        reverse("coordination_households:add"),
        {
            "area": world.household.area.pk,
            "team": world.team.pk,
            "code": "RULE-ADM",
            **HOUSEHOLD_FIELDS,
            **data,
        },
    )


def spy(monkeypatch, name):
    calls = []
    original = getattr(services, name)

    def wrapper(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(services, name, wrapper)
    return calls


# --- consent --------------------------------------------------------------------


def test_consent_rule_is_the_same_from_form_admin_and_import(coordinator, world, monkeypatch):
    calls = spy(monkeypatch, "household_create")
    before = Household.objects.count()

    with pytest.raises(ValidationError) as excinfo:
        services.household_create(
            user=world.users["volunteer"], team=world.team, area=world.household.area, head_name="X"
        )
    assert set(excinfo.value.messages) == {str(messages.CONSENT_REQUIRED)}

    response = field_form_post(coordinator, world)  # consent not ticked
    assert response.status_code == 200
    assert escape(str(messages.CONSENT_REQUIRED)) in response.content.decode()

    response = admin_form_post(coordinator, world)  # no consent fields at all
    assert response.status_code == 200
    errors = response.context["form"].errors
    for field in ("consent_given_by", "consent_at", "consent_scope"):
        assert errors[field] == [str(messages.CONSENT_REQUIRED)], field

    report = import_households(world, [{"code": "RULE-IMP", **HOUSEHOLD_FIELDS}])
    assert {(e.column, e.message) for e in report.errors} == {
        ("consent_given_by", str(messages.CONSENT_REQUIRED)),
        ("consent_date", str(messages.CONSENT_REQUIRED)),
    }

    assert Household.objects.count() == before
    assert len(calls) == 4  # called directly, then by the field form, the admin and the import


def test_with_consent_form_admin_and_import_save_through_the_service(
    coordinator, world, monkeypatch
):
    calls = spy(monkeypatch, "household_create")
    assert field_form_post(coordinator, world, consent_confirmed="on").status_code == 302
    response = admin_form_post(
        coordinator,
        world,
        consent_given_by="Lò Văn Sơn",
        consent_at="2026-02-01 09:00",
        consent_scope="Đồng ý",
    )
    assert response.status_code == 302
    report = import_households(
        world,
        [
            {
                "code": "RULE-IMP",
                **HOUSEHOLD_FIELDS,
                "consent_given_by": "Lò Văn Sơn",
                "consent_date": "2026-02-01",
            }
        ],
    )
    assert report.errors == [] and report.created == 1
    assert len(calls) == 3
    saved = Household.objects.filter(head_name="Lò Văn Sơn")
    assert saved.count() == 3
    assert {h.consent_recorded_by for h in saved} == {world.users["volunteer"]}
    # The import's consent date is stored by the service itself, not patched afterwards.
    assert calls[2]["consent_at"].date().isoformat() == "2026-02-01"


# --- household size ---------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 51])
def test_household_size_limit_from_model_form_admin_and_import(coordinator, world, size):
    household = Household(area=world.household.area, team=world.team, code="SIZE", size=size)
    with pytest.raises(ValidationError) as excinfo:
        household.full_clean()
    expected = excinfo.value.message_dict["size"]

    response = field_form_post(coordinator, world, consent_confirmed="on", size=str(size))
    assert response.status_code == 200
    assert response.context["form"].errors["size"] == expected

    response = admin_form_post(
        coordinator, world, size=str(size), head_name="", address="", phone=""
    )
    assert response.status_code == 200
    assert response.context["form"].errors["size"] == expected

    report = import_households(world, [{"code": "RULE-IMP", "size": size}])
    assert [(e.column, e.message) for e in report.errors] == [("size", expected[0])]
    assert not Household.objects.filter(code__startswith="RULE").exists()


def test_household_size_bounds_come_from_the_model(world):
    assert Household.size_limits() == (1, 50)
    report = import_households(
        world, [{"code": "RULE-50", "size": 50}, {"code": "RULE-X", "size": "x"}]
    )
    assert report.created == 1 and Household.objects.get(code="RULE-50").size == 50
    assert [(e.column, e.message) for e in report.errors] == [
        ("size", str(imports.MSG_BAD_NUMBER % {"min": 1, "max": 50}))
    ]


# --- areas --------------------------------------------------------------------------


def test_area_create_is_used_by_the_admin_and_the_import(coordinator, world, monkeypatch):
    calls = spy(monkeypatch, "area_create")
    response = coordinator.post(
        reverse("coordination_areas:add"),
        {"parent": world.team.area.pk, "name": "Thôn Mới", "level": "village", "code": "V-ADM"},
    )
    assert response.status_code == 302
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [imports.AREA_COLUMNS, ["V-IMP", "Thôn Nhập", "village", world.team.area.code]]
    )
    report = imports.areas_import(
        file=io.BytesIO(buffer.getvalue().encode()), user=world.users["volunteer"]
    )
    assert report.created == 1
    assert [call["code"] for call in calls] == ["V-ADM", "V-IMP"]
    for code in ("V-ADM", "V-IMP"):
        assert Area.objects.get(code=code).get_parent() == world.team.area
    assert Area.find_problems() == ([], [], [], [], [])


def test_area_rules_are_the_same_from_admin_and_import(coordinator, world):
    response = coordinator.post(
        reverse("coordination_areas:add"), {"name": "Tỉnh Lạ", "level": "province", "code": "PX"}
    )
    assert response.context["form"].errors["parent"] == [str(messages.AREA_ROOT_FORBIDDEN)]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [imports.AREA_COLUMNS, ["PX", "Tỉnh Lạ", "province", ""], ["CX", "Xã Lạ", "commune", "D2"]]
    )
    report = imports.areas_import(
        file=io.BytesIO(buffer.getvalue().encode()), user=world.users["volunteer"]
    )
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (2, "parent_code", str(messages.AREA_ROOT_FORBIDDEN)),
        (3, "parent_code", str(messages.AREA_OUTSIDE_SCOPE)),
    ]
    with pytest.raises(ValidationError) as excinfo:
        services.area_create(
            user=world.users["volunteer"],
            name="Xã Lạ",
            level="commune",
            code="CX",
            parent=world.other_district,
        )
    assert excinfo.value.message_dict == {"parent": [str(messages.AREA_OUTSIDE_SCOPE)]}
    assert not Area.objects.filter(code__in=["PX", "CX"]).exists()
