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
