"""Translations whose source page changed since they were synced are listed for editors."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from courses.translations import out_of_date_translations

from . import factories
from .test_editors import people  # noqa: F401 (the editor and moderator fixture)


@pytest.fixture
def translated(people, course, django_capture_on_commit_callbacks):  # noqa: F811
    editor, _moderator = people
    english, _ = Locale.objects.get_or_create(language_code="en")
    lesson = factories.LessonPageFactory(parent=course, title="Cài đặt VNeID")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(editor, [english]).create_translations(lesson)
    return lesson


@pytest.mark.django_db
def test_a_fresh_translation_is_up_to_date(translated):
    assert out_of_date_translations() == []


@pytest.mark.django_db
def test_publishing_the_source_again_marks_its_translations_out_of_date(translated):
    translated.title = "Cài đặt VNeID mức 2"
    translated.save_revision().publish()
    [row] = out_of_date_translations()
    assert row.source.pk == translated.pk
    assert row.target_language == Locale.objects.get(language_code="en").get_display_name()
    assert row.source_published_at > row.synced_at


@pytest.mark.django_db
def test_syncing_brings_it_up_to_date_again(translated):
    translated.save_revision().publish()
    assert out_of_date_translations()
    source = TranslationSource.objects.get(object_id=translated.translation_key)
    source.update_from_db()
    assert out_of_date_translations() == []


@pytest.mark.django_db
def test_editors_see_the_report_in_the_admin(translated, people, client):  # noqa: F811
    editor, _moderator = people
    translated.save_revision().publish()
    client.force_login(editor)
    response = client.get(reverse("translations_out_of_date"))
    assert response.status_code == 200
    assert "Cài đặt VNeID" in response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[translated.pk]) in response.content.decode()


@pytest.mark.django_db
def test_the_report_is_not_for_people_without_the_admin(client, django_user_model, translated):
    client.force_login(django_user_model.objects.create_user("learner1", password="pw"))
    response = client.get(reverse("translations_out_of_date"))
    assert response.status_code == 302  # Wagtail sends people without admin access away
