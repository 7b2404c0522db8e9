"""Editors and moderators in the demo: the editor writes and submits, the moderator
approves; a translation stays a draft until it is translated and published."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from courses import demo
from courses.models import LessonPage

from . import factories


@pytest.fixture
def people(course):
    loader = demo.Loader("demo")
    loader.ensure_locales()
    loader.ensure_editor()
    users = get_user_model().objects
    return users.get(username="editor"), users.get(username="moderator")


@pytest.mark.django_db
def test_editor_submits_moderator_approves_and_the_lesson_goes_live(people, course):
    editor, moderator = people
    assert not course.permissions_for_user(editor).can_publish_subpage()
    assert course.permissions_for_user(editor).can_add_subpage()
    lesson = factories.LessonPageFactory.build(title="Cài đặt quyền riêng tư", slug="", live=False)
    course.add_child(instance=lesson)
    revision = lesson.save_revision(user=editor)
    workflow = lesson.get_workflow()
    assert workflow is not None and workflow.name == "Moderators approval"
    state = workflow.start(lesson, editor)
    lesson.refresh_from_db()
    assert not lesson.live and lesson.slug == "cai-dat-quyen-rieng-tu"

    task_state = state.current_task_state
    task = task_state.task.specific
    assert not task.user_can_access_editor(lesson, editor) or not task.get_actions(lesson, editor)
    assert task.get_actions(lesson, moderator)  # the moderator may approve
    task.on_action(task_state, moderator, "approve")
    lesson.refresh_from_db()
    assert lesson.live and lesson.live_revision_id == revision.pk


@pytest.mark.django_db
def test_translation_is_a_draft_until_it_is_translated_and_published(
    people, course, client, django_capture_on_commit_callbacks
):
    editor, moderator = people
    english = Locale.objects.get(language_code="en")
    for ancestor in (course.get_parent().get_parent(), course.get_parent(), course):
        ancestor.specific.copy_for_translation(english).save_revision().publish()
    lesson = factories.LessonPageFactory(parent=course, title="Cài đặt VNeID")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(editor, [english]).create_translations(lesson)
    lesson_en = LessonPage.objects.get(locale=english, translation_key=lesson.translation_key)
    assert not lesson_en.live  # "Translate this page" makes a draft, not a live copy
    # Until then English readers get the source lesson, marked as not translated.
    response = client.get(lesson_en.url)
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="vi" data-lesson=' in html
    assert "This page is not yet translated into your language." in html

    translation = Translation.objects.get(target_locale=english)
    assert not lesson_en.permissions_for_user(editor).can_publish()
    assert lesson_en.permissions_for_user(moderator).can_publish()
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(user=moderator, publish=True)
    lesson_en.refresh_from_db()
    assert lesson_en.live


@pytest.mark.django_db
def test_editors_reach_videos_skills_and_synonyms_and_land_on_the_admin(people, client):
    editor, moderator = people
    for user in (editor, moderator):
        client.force_login(user)
        for name in ("skill", "video", "searchsynonym"):
            response = client.get(reverse(f"wagtailsnippets_courses_{name}:list"))
            assert response.status_code == 200, (user, name)
            response = client.get(reverse(f"wagtailsnippets_courses_{name}:add"))
            assert response.status_code == 200, (user, name)
        response = client.get(reverse("after-login"))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
