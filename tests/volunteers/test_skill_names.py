"""Skills show in the page's language wherever a volunteer or official reads them: visits and
certificates link the default language's skill rows, and a translated skill shows its
translation's name (the offline app already did)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from courses.models import Skill, skill_names
from reports import indicators

from .factories import VisitFactory

pytestmark = pytest.mark.django_db

VI, EN = "Kích hoạt định danh mức 2", "Activate e-ID level 2"


@pytest.fixture
def translated(world):
    skill = world.skill
    skill.name = VI
    skill.save()
    english = Locale.objects.get_or_create(language_code="en")[0]
    Skill.objects.create(
        locale=english, translation_key=skill.translation_key, code=skill.code, name=EN
    )
    visit = VisitFactory(household=world.household, team=world.team)
    visit.skills.add(skill)
    return skill


def test_skill_names_map_the_default_rows_to_the_language(translated):
    assert skill_names("en")[translated.pk] == EN
    assert skill_names("vi")[translated.pk] == VI
    assert skill_names("de")[translated.pk] == VI  # not translated: its own name
    with translation.override("en"):
        assert skill_names()[translated.pk] == EN


def test_household_page_and_visit_form_show_the_translation(client, world, translated):
    client.force_login(world.users["volunteer"])
    url = reverse("volunteers:household", args=[world.household.pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert EN in english and VI not in english
    vietnamese = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert VI in vietnamese and EN not in vietnamese
    form = client.get(
        reverse("volunteers:visit_log", args=[world.household.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert EN in form.content.decode()


def test_the_indicators_name_skills_in_the_active_language(world, translated):
    from reports.rollups.refresh import rebuild_all

    rebuild_all()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=40)
    for source in ("raw", "rollups"):
        with translation.override("en"):
            rows = indicators.skills_practised(
                area=world.province, start=start, end=today, source=source
            )
        assert [row.name for row in rows if row.skill_id == translated.pk] == [EN], source
