"""An autosaved draft of an abandoned page does not block the slug for the next try,
while a draft the editor saved on purpose, or someone else's, still does."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses import demo
from courses.models import AutosavedDraft, CoursePage

TITLE = "Cài đặt quyền riêng tư"
SLUG = "cai-dat-quyen-rieng-tu"


@pytest.fixture
def editor(course_index):
    loader = demo.Loader("demo")
    loader.ensure_locales()
    loader.ensure_editor()
    return get_user_model().objects.get(username="editor")


def create(client, parent, *, autosave: bool, title: str = TITLE):
    data = nested_form_data(
        {"title": title, "slug": SLUG, "intro": "", "comments": inline_formset([])}
    )
    url = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", parent.pk))
    accept = "application/json" if autosave else "text/html"
    return client.post(url, data, HTTP_ACCEPT=accept)


@pytest.mark.django_db
def test_second_try_gets_the_slug_of_the_abandoned_autosaved_draft(client, editor, course_index):
    client.force_login(editor)
    response = create(client, course_index, autosave=True)
    assert response.status_code == 200 and response.json()["success"], response.content
    abandoned = CoursePage.objects.get(slug=SLUG)
    assert AutosavedDraft.objects.filter(page=abandoned, user=editor).exists()

    # The editor leaves, starts again with the same title: the new page gets the slug.
    response = create(client, course_index, autosave=False)
    assert response.status_code == 302, response.content
    new = CoursePage.objects.get(slug=SLUG)
    assert new.pk != abandoned.pk
    assert not Page.objects.filter(pk=abandoned.pk).exists()
    assert not AutosavedDraft.objects.filter(page=new).exists()  # saved on purpose


@pytest.mark.django_db
def test_a_draft_saved_on_purpose_still_holds_its_slug(client, editor, course_index):
    client.force_login(editor)
    assert create(client, course_index, autosave=True).json()["success"]
    draft = CoursePage.objects.get(slug=SLUG)
    # Later the editor presses "Save draft" on it (an HTML post to the edit view).
    data = nested_form_data(
        {"title": TITLE, "slug": SLUG, "intro": "Viết tiếp", "comments": inline_formset([])}
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(draft.pk,)), data)
    assert response.status_code == 302, response.content
    assert not AutosavedDraft.objects.filter(page=draft).exists()

    response = create(client, course_index, autosave=False)
    assert response.status_code == 200  # the form again, with the slug error
    assert "slug" in response.context["form"].errors
    assert list(CoursePage.objects.filter(slug=SLUG)) == [draft]


@pytest.mark.django_db
def test_another_users_autosaved_draft_is_kept(client, editor, course_index):
    moderator = get_user_model().objects.get(username="moderator")
    client.force_login(moderator)
    assert create(client, course_index, autosave=True).json()["success"]
    theirs = CoursePage.objects.get(slug=SLUG)

    client.force_login(editor)
    response = create(client, course_index, autosave=False)
    assert response.status_code == 200 and "slug" in response.context["form"].errors
    assert Page.objects.filter(pk=theirs.pk).exists()
