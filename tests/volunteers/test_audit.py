"""The audit trail, visible and append-only (issue 9)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from volunteers import access, services
from volunteers.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(world):
    group = Group.objects.create(name="Coordinators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="volunteers"),
    )
    for name in ("volunteer", "leader", "volunteer2", "official", "official2"):
        world.users[name].groups.add(group)
    own = services.access_log_record(
        user=world.users["volunteer"], household=world.household, action=AccessLog.Action.VIEW
    )
    other = services.access_log_record(
        user=world.users["volunteer2"],
        household=world.other_household,
        action=AccessLog.Action.EXPORT,
    )
    world.named.update(own_entry=own, other_entry=other)
    return world


def test_officials_see_who_did_what_in_their_area_only(client, logged):
    client.force_login(logged.users["official"])
    response = client.get(reverse("coordination_access_log:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert logged.household.code in html and "volunteer" in html
    assert logged.other_household.code not in html
    assert set(access.visible_access_logs(logged.users["official"])) == {logged.own_entry}
    assert set(access.visible_access_logs(logged.users["official2"])) == {logged.other_entry}
    assert not access.visible_access_logs(logged.users["volunteer"]).exists()


def test_field_and_admin_views_are_logged(client, logged):
    client.force_login(logged.users["official"])
    client.get(reverse("coordination_households:inspect", args=[logged.household.pk]))
    entry = AccessLog.objects.filter(user=logged.users["official"]).get()
    assert entry.action == AccessLog.Action.VIEW and entry.area_id == logged.household.area_id
    client.force_login(logged.users["leader"])
    services.household_update(user=logged.users["leader"], household=logged.household, phone="0123")
    assert AccessLog.objects.filter(
        user=logged.users["leader"], action=AccessLog.Action.CHANGE
    ).exists()


def test_nobody_changes_or_deletes_an_entry(client, logged):
    entry = logged.own_entry
    entry.detail = "rewritten"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AccessLog.objects.filter(pk=entry.pk).update(detail="x")
    with pytest.raises(PermissionDenied):
        AccessLog.objects.all().delete()
    client.force_login(logged.users["superuser"])
    for view in ("edit", "delete"):
        response = client.get(reverse(f"coordination_access_log:{view}", args=[entry.pk]))
        assert response.status_code in (302, 403, 404)
    response = client.post(reverse("coordination_access_log:delete", args=[entry.pk]))
    assert AccessLog.objects.filter(pk=entry.pk).exists()
    # Deleting a household keeps its trail (SET_NULL), the area scope stays.
    assert AccessLog.objects.get(pk=entry.pk).area_id == logged.household.area_id
