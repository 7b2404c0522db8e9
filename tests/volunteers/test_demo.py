"""The volunteers demo loader: a working data set, idempotent."""

import io

import pytest
from django.urls import reverse
from wagtail.models import Locale

from volunteers import access, demo
from volunteers.models import (
    Area,
    Certification,
    Household,
    Membership,
    Official,
    Service,
    Target,
    Team,
    Visit,
)

from .factories import SkillFactory

pytestmark = pytest.mark.django_db

MODELS = (Area, Target, Team, Membership, Official, Household, Visit, Certification, Service)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_loads_once_and_works(client, django_user_model):
    Locale.get_default()
    SkillFactory(code="vneid-level2", name="Kích hoạt định danh mức 2")
    SkillFactory(code="scam", name="Nhận biết lừa đảo")
    out = io.StringIO()
    demo.load(stdout=out, password="pw")
    first = counts()
    assert first["Team"] >= 6 and first["Household"] >= 300 and first["Visit"] > 300
    assert first["Certification"] > 0 and first["Service"] >= 4 and first["Target"] > 0
    assert django_user_model.objects.filter(teams__isnull=False).distinct().count() >= 20
    demo.load(stdout=out, password="pw")
    assert counts() == first

    volunteer = django_user_model.objects.get(username="volunteer")
    volunteer2 = django_user_model.objects.get(username="volunteer2")
    leader = django_user_model.objects.get(username="leader")
    official = django_user_model.objects.get(username="official")
    assert access.is_leader(leader) and not access.is_leader(volunteer)
    assert official.official_roles.get().area.level == Area.Level.DISTRICT
    district = lambda user: user.memberships.get().team.area.get_parent().path  # noqa: E731
    assert district(volunteer) != district(volunteer2)
    assert client.login(username="volunteer", password="pw")
    response = client.get(reverse("volunteers:home"), {"q": "xom"})
    assert response.status_code == 200 and response.context["page"].paginator.count > 0


def test_demo_without_skills_creates_no_certificates():
    demo.load(stdout=io.StringIO(), password="pw")
    assert Certification.objects.count() == 0 and Household.objects.count() >= 300


def test_demo_roles_can_open_their_admin_screens_within_scope(client, django_user_model):
    demo.load(stdout=io.StringIO(), password="pw")
    demo.load(stdout=io.StringIO(), password="pw")  # groups are ensured idempotently
    official = django_user_model.objects.get(username="official")
    district = official.official_roles.get().area
    inside = Household.objects.filter(area__path__startswith=district.path).first()
    outside = Household.objects.exclude(area__path__startswith=district.path).first()
    households = reverse("coordination_households:index")

    assert client.login(username="official", password="pw")
    assert client.get(households).status_code == 200
    # Officials are read-only: editing is refused alike in and out of scope (nothing to probe).
    edit_inside = client.get(reverse("coordination_households:edit", args=[inside.pk]))
    edit_outside = client.get(reverse("coordination_households:edit", args=[outside.pk]))
    assert edit_inside.status_code == edit_outside.status_code == 302
    assert edit_inside["Location"] == edit_outside["Location"] == reverse("wagtailadmin_home")

    leader = django_user_model.objects.get(username="leader")
    team_household = Household.objects.filter(team__memberships__user=leader).first()
    assert client.login(username="leader", password="pw")
    assert client.get(households).status_code == 200
    edit = reverse("coordination_households:edit", args=[team_household.pk])
    assert client.get(edit).status_code == 200
    not_theirs = Household.objects.exclude(team__memberships__user=leader).first()
    assert (
        client.get(reverse("coordination_households:edit", args=[not_theirs.pk])).status_code == 404
    )
