"""The access API (volunteers/access.py) called directly; the views are in test_access_matrix."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tests.volunteers.factories import TargetFactory
from volunteers import access
from volunteers.models import Membership, Official

pytestmark = pytest.mark.django_db

READ = {
    "visible_households": ("household", "other_household"),
    "visible_learners": ("learner", "other_learner"),
    "visible_visits": ("visit", "other_visit"),
    "visible_certifications": ("certification", "other_certification"),
    "visible_teams": ("team", "other_team"),
}

# role -> (sees own-district rows, sees other-district rows)
READ_SCOPE = {
    "anonymous": (False, False),
    "outsider": (False, False),
    "volunteer": (True, False),
    "leader": (True, False),
    "volunteer2": (False, True),
    "official": (True, False),
    "official2": (False, True),
    "superuser": (True, True),
}


def user_for(world, role):
    return AnonymousUser() if role == "anonymous" else world.users[role]


@pytest.mark.parametrize("role", READ_SCOPE)
@pytest.mark.parametrize("fn", READ)
def test_read_scope(world, role, fn):
    own, other = READ[fn]
    rows = set(getattr(access, fn)(user_for(world, role)))
    assert (getattr(world, own) in rows, getattr(world, other) in rows) == READ_SCOPE[role]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", (False, False)),
        ("volunteer", (True, False)),
        ("leader", (True, False)),
        ("volunteer2", (False, True)),
        ("official", (False, False)),
        ("official2", (False, False)),
        ("superuser", (True, True)),
    ],
)
def test_editable_households_never_for_officials(world, role, expected):
    rows = set(access.editable_households(user_for(world, role)))
    assert (world.household in rows, world.other_household in rows) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("volunteer", False), ("leader", True), ("official", False), ("superuser", True)],
)
def test_editable_teams_only_for_leaders(world, role, expected):
    assert (world.team in set(access.editable_teams(user_for(world, role)))) is expected


def test_visible_areas_are_subtrees(world):
    official_areas = set(access.visible_areas(world.users["official"]))
    assert world.district in official_areas
    assert world.province not in official_areas
    assert world.other_district not in official_areas
    volunteer_areas = set(access.visible_areas(world.users["volunteer"]))
    assert world.team.area in volunteer_areas and world.household.area in volunteer_areas
    assert world.district not in volunteer_areas
    assert set(access.visible_areas(AnonymousUser())) == set()


def test_roles(world):
    users = world.users
    assert access.is_volunteer(users["volunteer"]) and not access.is_official(users["volunteer"])
    assert access.is_official(users["official"]) and not access.is_volunteer(users["official"])
    assert access.is_leader(users["leader"]) and access.is_leader(users["leader"], world.team)
    assert not access.is_leader(users["leader"], world.other_team)
    assert not access.is_leader(users["volunteer"])
    assert not access.is_official(AnonymousUser())


def test_can_see_names(world):
    users = world.users
    assert access.can_see_names(users["volunteer"], world.household.area)
    assert not access.can_see_names(users["volunteer"], world.other_household.area)
    assert not access.can_see_names(users["official"], world.household.area)
    official = users["official"].official_roles.get()
    official.can_see_names = True
    official.save()
    access.forget(users["official"])
    assert access.can_see_names(users["official"], world.household.area)
    assert not access.can_see_names(users["official"], world.other_household.area)
    assert access.can_see_names(users["superuser"], world.other_household.area)


def test_household_lookup_outside_scope_is_404(world):
    volunteer = world.users["volunteer"]
    assert access.household_for_user_or_404(volunteer, code=world.household.code) == world.household
    with pytest.raises(Http404):
        access.household_for_user_or_404(volunteer, code=world.other_household.code)
    with pytest.raises(Http404):
        access.household_for_user_or_404(world.users["official"], pk=world.household.pk, write=True)
    assert access.get_visible_or_404(access.visible_visits, volunteer, pk=world.visit.pk)


def test_scoped_queryset_is_one_query(world, django_assert_num_queries):
    official = world.users["official"]
    access.is_official(official)  # fills the per-user cache
    access.is_volunteer(official)
    with django_assert_num_queries(1):
        list(access.visible_certifications(official))


def test_revocable_certifications(world):
    users = world.users
    assert world.certification in set(access.revocable_certifications(users["volunteer"]))
    assert world.certification in set(access.revocable_certifications(users["leader"]))
    assert world.certification not in set(access.revocable_certifications(users["official"]))
    assert world.other_certification not in set(access.revocable_certifications(users["leader"]))


def test_memberships_officials_and_targets_follow_area_scope(world):
    target = TargetFactory(area=world.district)
    other_target = TargetFactory(area=world.other_district)
    official, leader, volunteer = (world.users[n] for n in ("official", "leader", "volunteer"))

    assert set(access.visible_targets(official)) == {target}
    assert set(access.editable_targets(official)) == {target}
    assert other_target not in set(access.visible_targets(world.users["volunteer2"]))
    assert set(access.visible_officials(official)) == set(
        Official.objects.filter(area=world.district)
    )
    assert not access.editable_officials(official).exists()
    assert access.editable_officials(world.users["superuser"]).count() == Official.objects.count()

    team_memberships = set(Membership.objects.filter(team=world.team))
    assert set(access.visible_memberships(volunteer)) == team_memberships
    assert not access.editable_memberships(volunteer).exists()
    assert set(access.editable_memberships(leader)) == team_memberships
    assert not access.editable_memberships(official).exists()
    assert not access.visible_memberships(world.users["outsider"]).exists()


def test_area_by_code_and_by_pk_differ_for_numeric_codes(world):
    """Vietnam's official codes are numeric: code "79" is not the area whose pk is 79."""
    from tests.volunteers.factories import AreaFactory

    by_pk = AreaFactory(pk=79, parent=world.team.area, name="Thôn Bảy Chín", code="V-79")
    by_code = AreaFactory(parent=world.team.area, name="Thôn Hồ", code="79")
    assert by_code.pk != 79
    for role in ("superuser", "volunteer", "official"):
        user = world.users[role]
        assert access.area_for_user_by_code(user, "79") == by_code, role
        assert access.area_for_user_by_code(user, " 79 ") == by_code, role
        assert access.area_for_user_by_pk(user, 79) == by_pk, role
    for role in ("volunteer2", "official2", "outsider"):
        assert access.area_for_user_by_code(world.users[role], "79") is None, role
        assert access.area_for_user_by_pk(world.users[role], 79) is None, role
    assert access.area_for_user_by_code(world.users["superuser"], "80") is None


def test_can_erase_household_only_a_leader_of_its_team(world):
    assert access.can_erase_household(world.users["leader"], world.household)
    assert access.can_erase_household(world.users["superuser"], world.other_household)
    for role in ("volunteer", "official", "volunteer2", "outsider"):
        assert not access.can_erase_household(world.users[role], world.household), role
    assert not access.can_erase_household(world.users["leader"], world.other_household)
    assert not access.can_erase_household(AnonymousUser(), world.household)


def test_can_register_and_default_team(world):
    assert access.can_register(world.users["volunteer"]) and access.can_register(
        world.users["superuser"]
    )
    assert not access.can_register(world.users["official"])
    assert not access.can_register(AnonymousUser())
    volunteer = world.users["volunteer"]
    assert access.default_team(volunteer) == world.team
    assert access.default_team(volunteer, world.household) == world.team
    # Not the household's team: the user's own first team.
    assert access.default_team(volunteer, world.other_household) == world.team
    assert access.default_team(world.users["superuser"], world.other_household) == world.other_team
    assert access.default_team(world.users["official"]) is None


def test_can_import_follows_the_add_permissions(world):
    from django.contrib.auth.models import Permission

    user = world.users["volunteer"]
    assert not access.can_import(user)
    user.user_permissions.add(Permission.objects.get(codename="add_area"))
    user = type(user).objects.get(pk=user.pk)  # permissions are cached per user object
    assert access.can_import(user) and access.can_import(user, "areas")
    assert not access.can_import(user, "households")
    assert access.can_import(world.users["superuser"], "households")
    assert not access.can_import(AnonymousUser())


def test_a_leader_may_add_neighbouring_volunteers_and_new_accounts_but_no_staff_or_officials(world):
    from tests.volunteers.factories import UserFactory

    new_account = UserFactory(username="newcomer")
    staff = UserFactory(username="staffer", is_staff=True)
    names = set(access.assignable_users(world.users["leader"]).values_list("username", flat=True))
    assert {"volunteer", "leader", "newcomer"} <= names
    assert not names & {"official", "official2", "root", "staffer", "volunteer2"}
    assert not access.assignable_users(world.users["volunteer"]).exists()
    assert not access.assignable_users(world.users["official"]).exists()
    assert access.assignable_users(world.users["superuser"]).filter(pk=staff.pk).exists()
    assert new_account in access.assignable_users(world.users["superuser"])


def test_the_membership_form_offers_only_assignable_users(world):
    from volunteers.admin.forms import MembershipForm

    offered = MembershipForm(for_user=world.users["leader"]).fields["user"].queryset
    names = set(offered.values_list("username", flat=True))
    assert "volunteer" in names
    assert not names & {"official", "official2", "root", "volunteer2"}
    posted = MembershipForm(
        {"user": world.users["official2"].pk, "team": world.team.pk, "role": "member"},
        for_user=world.users["leader"],
    )
    assert not posted.is_valid() and "user" in posted.errors
