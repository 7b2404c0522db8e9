"""The Coordination admin screens: every list and object view goes through volunteers.access."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.volunteers.factories import HouseholdFactory
from volunteers import imports
from volunteers.models import Area, Household

pytestmark = pytest.mark.django_db

MODELS = (
    "area",
    "team",
    "membership",
    "household",
    "learner",
    "official",
    "target",
    "visit",
    "certification",
)


@pytest.fixture
def coordinators(world):
    """Admin access and full model permissions for every role: the access module alone narrows rows."""
    group = Group.objects.create(name="Coordinators")
    perms = Permission.objects.filter(
        content_type__app_label="volunteers", content_type__model__in=MODELS
    )
    group.permissions.add(Permission.objects.get(codename="access_admin"), *perms)
    for name in ("volunteer", "leader", "volunteer2", "official", "official2", "outsider"):
        world.users[name].groups.add(group)
    return world


def url(name, *args):
    return reverse(f"coordination_{name}", args=args)


def login(client, world, name):
    client.force_login(world.users[name])
    return client


@pytest.mark.parametrize(
    "role, sees_own, sees_other",
    [
        ("volunteer", True, False),
        ("official", True, False),
        ("volunteer2", False, True),
        ("official2", False, True),
        ("superuser", True, True),
        ("outsider", False, False),
    ],
)
def test_household_list_is_scoped(client, coordinators, role, sees_own, sees_other):
    world = coordinators
    html = login(client, world, role).get(url("households:index")).content.decode()
    assert (world.household.code in html) is sees_own
    assert (world.other_household.code in html) is sees_other


@pytest.mark.parametrize(
    "model, own, other",
    [
        ("visits", "visit", "other_visit"),
        ("certifications", "certification", "other_certification"),
        ("teams", "team", "other_team"),
        ("learners", "learner", "other_learner"),
    ],
)
def test_other_lists_are_scoped(client, coordinators, model, own, other):
    world = coordinators
    response = login(client, world, "volunteer").get(url(f"{model}:index"))
    assert response.status_code == 200
    ids = {row.pk for row in response.context["object_list"]}
    assert getattr(world, own).pk in ids
    assert getattr(world, other).pk not in ids


def test_area_list_shows_only_the_officials_subtree(client, coordinators):
    world = coordinators
    response = login(client, world, "official").get(url("areas:index"))
    codes = {area.code for area in response.context["object_list"]}
    assert codes == {"D1", "C1", "V1"}


def test_other_districts_household_answers_404(client, coordinators):
    world = coordinators
    login(client, world, "volunteer")
    other = world.other_household.pk
    for view in ("edit", "delete", "inspect", "history"):
        assert client.get(url(f"households:{view}", other)).status_code == 404, view
    assert client.get(url("households:edit", world.household.pk)).status_code == 200
    assert client.get(url("households:inspect", world.household.pk)).status_code == 200


def test_official_reads_households_but_cannot_edit_them(client, coordinators):
    world = coordinators
    login(client, world, "official")
    own = world.household.pk
    assert client.get(url("households:inspect", own)).status_code == 200
    assert client.get(url("households:edit", own)).status_code == 404
    assert client.post(url("households:delete", own)).status_code == 404
    assert Household.objects.filter(pk=own).exists()
    html = client.get(url("households:index")).content.decode()
    assert url("households:edit", own) not in html
    assert url("households:inspect", own) in html


def test_volunteer_edits_own_household(client, coordinators):
    world = coordinators
    login(client, world, "volunteer")
    form = client.get(url("households:edit", world.household.pk)).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data.update(head_name="Bùi Thị Lan Anh", area=world.household.area_id, team=world.team.pk)
    data["consent_at"] = world.household.consent_at.strftime("%Y-%m-%d %H:%M")
    for flag in ("is_elderly", "has_disability", "is_low_income", "is_ethnic_minority"):
        if not data.get(flag):
            data.pop(flag, None)
    response = client.post(url("households:edit", world.household.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    world.household.refresh_from_db()
    assert world.household.head_name == "Bùi Thị Lan Anh"


def test_household_search_without_diacritics_and_filters(client, coordinators):
    world = coordinators
    HouseholdFactory(
        team=world.team, area=world.household.area, head_name="Lò Văn Sáng", is_elderly=True
    )
    login(client, world, "volunteer")
    found = client.get(url("households:index"), {"q": "lo van sang"}).context["object_list"]
    assert [h.head_name for h in found] == ["Lò Văn Sáng"]
    elderly = client.get(url("households:index"), {"vulnerability": "is_elderly"}).context[
        "object_list"
    ]
    assert [h.head_name for h in elderly] == ["Lò Văn Sáng"]
    in_area = client.get(url("households:index"), {"area": world.district.pk}).context[
        "object_list"
    ]
    assert len(in_area) == 2


def _list_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_household_list_query_count_is_constant(
    client, coordinators, django_assert_max_num_queries
):
    world = coordinators
    login(client, world, "official")
    path = url("households:index")
    few = _list_queries(client, path)
    for _ in range(40):
        HouseholdFactory(team=world.team, area=world.household.area)
    with django_assert_max_num_queries(few):
        response = client.get(path)
    assert len(response.context["object_list"]) == 41


@pytest.mark.parametrize("model", ["visits", "teams", "memberships", "certifications", "areas"])
def test_other_list_query_counts_are_constant(
    client, coordinators, model, django_assert_max_num_queries
):
    from tests.volunteers.factories import (
        CertificationFactory,
        LearnerFactory,
        MembershipFactory,
        TeamFactory,
        VisitFactory,
    )

    world = coordinators
    login(client, world, "superuser")
    path = url(f"{model}:index")
    few = _list_queries(client, path)
    for _ in range(15):
        household = HouseholdFactory(team=world.team, area=world.household.area)
        VisitFactory(household=household)
        CertificationFactory(learner=LearnerFactory(household=household), skill=world.skill)
        MembershipFactory(team=TeamFactory(area=world.district))
    with django_assert_max_num_queries(few):
        client.get(path)


def test_visits_are_read_only(client, coordinators):
    world = coordinators
    login(client, world, "volunteer")
    # Wagtail answers a missing permission with a redirect to the admin home.
    denied = reverse("wagtailadmin_home")
    assert client.get(url("visits:add"))["Location"] == denied
    assert client.get(url("visits:edit", world.visit.pk))["Location"] == denied
    assert client.get(url("visits:edit", world.other_visit.pk))["Location"] == denied
    assert client.get(url("visits:inspect", world.visit.pk)).status_code == 200
    assert client.get(url("visits:inspect", world.other_visit.pk)).status_code == 404


def test_area_created_under_a_parent(client, coordinators):
    world = coordinators
    login(client, world, "superuser")
    response = client.post(
        url("areas:add"),
        {"parent": world.district.pk, "name": "Xã Mới", "level": "commune", "code": "C9"},
    )
    assert response.status_code == 302
    area = Area.objects.get(code="C9")
    assert area.get_parent() == world.district and area.depth == world.district.depth + 1
    response = client.post(
        url("areas:add"), {"name": "Tỉnh Mới", "level": "province", "code": "P-NEW"}
    )
    assert response.status_code == 302 and Area.objects.get(code="P-NEW").is_root()
    assert Area.find_problems() == ([], [], [], [], [])


def test_volunteer_cannot_create_area_outside_scope_or_a_root(client, coordinators):
    world = coordinators
    login(client, world, "volunteer")
    response = client.post(
        url("areas:add"),
        {"parent": world.other_district.pk, "name": "Xã Lạ", "level": "commune", "code": "CX"},
    )
    assert response.status_code == 200 and "parent" in response.context["form"].errors
    response = client.post(url("areas:add"), {"name": "Tỉnh Lạ", "level": "province", "code": "PX"})
    assert "parent" in response.context["form"].errors
    assert not Area.objects.filter(code__in=["CX", "PX"]).exists()


def test_import_screen_reports_bad_rows(client, coordinators):
    world = coordinators
    login(client, world, "volunteer")
    header = ",".join(imports.HOUSEHOLD_COLUMNS)
    body = (
        f"{header}\n"
        "ADM1,V1,Tổ Ân Nghĩa,Bản Mường,Lò Thị Hoa,0912,3,1,0,0,0,Lò Thị Hoa,2026-01-05\n"
        "ADM2,C2,Tổ Ân Nghĩa,Bản Mường,Lò Thị Hoa,0912,3,1,0,0,0,Lò Thị Hoa,2026-01-05\n"
    )
    upload = io.BytesIO(body.encode())
    upload.name = "households.csv"
    response = client.post(url("import:index"), {"kind": "households", "file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert str(imports.MSG_AREA_UNKNOWN) in html
    assert (
        Household.objects.filter(code="ADM1").exists()
        and not Household.objects.filter(code="ADM2").exists()
    )
    problems = client.get(url("import:errors")).content.decode()
    assert f"3,area_code,{imports.MSG_AREA_UNKNOWN}" in problems


def test_import_screen_needs_permission(client, world):
    world.users["outsider"].user_permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, world, "outsider")
    denied = reverse("wagtailadmin_home")  # Wagtail redirects a PermissionDenied
    assert client.get(url("import:index"))["Location"] == denied
    assert client.get(url("import:errors"))["Location"] == denied


def test_household_added_in_admin_needs_consent(client, coordinators):
    from volunteers import messages as volunteer_messages

    world = coordinators
    login(client, world, "volunteer")
    data = {
        "area": world.household.area_id,
        "team": world.team.pk,
        "code": "ADMIN1",
        "head_name": "Hà Thị Mơ",
        "size": 2,
    }
    response = client.post(url("households:add"), data)
    assert response.status_code == 200
    assert (
        str(volunteer_messages.CONSENT_REQUIRED)
        in response.context["form"].errors["consent_given_by"]
    )
    data.update(
        consent_given_by="Hà Thị Mơ", consent_at="2026-02-01 09:00", consent_scope="Lưu thông tin"
    )
    assert client.post(url("households:add"), data).status_code == 302
    assert Household.objects.get(code="ADMIN1").consent_recorded_by == world.users["volunteer"]
    data.update(code="ADMIN2", area=world.other_district.pk)
    assert "area" in client.post(url("households:add"), data).context["form"].errors


def test_learners_are_not_added_in_admin(client, coordinators):
    world = coordinators
    login(client, world, "volunteer")
    assert client.get(url("learners:add"))["Location"] == reverse("wagtailadmin_home")
    assert client.get(url("learners:edit", world.learner.pk)).status_code == 200
    assert client.get(url("learners:edit", world.other_learner.pk)).status_code == 404


def test_area_in_use_is_not_deleted(client, coordinators):
    world = coordinators
    login(client, world, "superuser")
    village = world.household.area
    response = client.post(url("areas:delete", village.pk))
    assert response.status_code == 302
    assert Area.objects.filter(pk=village.pk).exists()


def test_leader_moves_team_only_within_scope(client, coordinators):
    world = coordinators
    login(client, world, "leader")
    form = client.get(url("teams:edit", world.team.pk)).context["form"]
    assert world.other_district not in form.fields["area"].queryset
    assert client.get(url("teams:edit", world.other_team.pk)).status_code == 404
    login(client, world, "volunteer")
    assert (
        client.get(url("teams:edit", world.team.pk)).status_code == 404
    )  # members do not manage the team


def test_official_without_names_right_sees_initials(client, coordinators):
    world = coordinators
    html = login(client, world, "official").get(url("households:index")).content.decode()
    assert "Bùi Thị Lan" not in html and "B. T. L." in html
    world.users["official"].official_roles.update(can_see_names=True)
    html = client.get(url("households:index")).content.decode()
    assert "Bùi Thị Lan" in html
