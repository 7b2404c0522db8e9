"""The editor's journey in the admin: the `editor` writes a lesson and submits it, the
`moderator` approves it and it is live; its English translation stays a draft (not
listed in the English course) until it is translated and published, then it is live."""

from wagtail.models import Locale

from courses import demo
from courses.models import LessonPage
from tests.browser.conftest import login
from tests.browser.test_learner_journey import build_learner_site

PASSWORD = "editor-journey-1"
TITLE = "Cài đặt quyền riêng tư"
TITLE_EN = "Privacy settings"


def _session(browser, base: str, username: str):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, base, username, PASSWORD)
    return context, page


def _footer_menu(page) -> None:
    """Open the editor footer's "more actions" dropdown (the last dropdown toggle button)."""
    page.locator(".w-dropdown__toggle.button").last.click()


def test_editor_submits_moderator_approves_then_translation_is_published(live_server, browser):
    world = build_learner_site()
    loader = demo.Loader(PASSWORD)
    loader.ensure_locales()
    loader.ensure_editor()  # editor + moderator and the "Moderators approval" workflow
    english = Locale.objects.get(language_code="en")
    course = world.course
    for ancestor in (course.get_parent().get_parent(), course.get_parent(), course):
        ancestor.specific.copy_for_translation(english).save_revision().publish()
    course_en = course.get_translation(english)
    base = live_server.url

    # The editor writes a lesson and submits it for moderation.
    context, page = _session(browser, base, "editor")
    assert page.url == f"{base}/admin/"
    page.goto(f"{base}/admin/pages/add/courses/lessonpage/{course.pk}/")
    page.fill("[name=title]", TITLE)
    page.locator("#panel-child-content-steps-content .c-sf-add-button").first.click()
    page.locator("[role=listbox] [role=option]").first.click()  # "Step", the first block
    page.fill("[name='steps-0-value-title']", "Mở Cài đặt")
    page.fill("[name='steps-0-value-instruction']", "Chạm vào Cài đặt rồi chọn Quyền riêng tư.")
    _footer_menu(page)
    page.locator("button[name=action-submit]").click()
    page.wait_for_url(f"{base}/admin/pages/{course.pk}/")
    lesson = LessonPage.objects.get(title=TITLE)
    assert lesson.slug == "cai-dat-quyen-rieng-tu"
    assert not lesson.live and lesson.workflow_in_progress
    context.close()

    # The moderator approves it: it is live.
    context, page = _session(browser, base, "moderator")
    page.goto(f"{base}/admin/pages/{lesson.pk}/edit/")
    _footer_menu(page)
    # Plain "Approve" (the one with a modal URL is "Approve with comment").
    page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    page.wait_for_load_state()
    lesson.refresh_from_db()
    assert lesson.live and not lesson.workflow_in_progress
    assert page.request.get(f"{base}{lesson.url}").status == 200
    context.close()

    # The editor asks for an English translation ("Translate this page") and translates it.
    context, page = _session(browser, base, "editor")
    page.goto(f"{base}/admin/localize/submit/page/{lesson.pk}/")
    page.check(f"input[name=locales][value='{english.pk}']")
    page.locator("form input[type=submit][value=Submit]").click()
    lesson_en = LessonPage.objects.get(locale=english, translation_key=lesson.translation_key)
    page.wait_for_url(f"{base}/admin/pages/{lesson_en.pk}/edit/")
    assert not lesson_en.live  # a draft, not a live copy of the Vietnamese text
    page.get_by_role("button", name="Translate", exact=True).first.click()  # the title
    page.locator("textarea").first.fill(TITLE_EN)
    with page.expect_response(lambda r: "/admin/localize/translate/" in r.url and r.ok):
        page.get_by_role("button", name="Save", exact=True).click()
    lesson_en.refresh_from_db()
    assert not lesson_en.live
    # The English course does not list the unpublished translation.
    course_page = page.request.get(f"{base}{course_en.url}").text()
    assert TITLE_EN not in course_page
    context.close()

    # The moderator publishes the translation: now it is live and listed.
    context, page = _session(browser, base, "moderator")
    page.goto(f"{base}/admin/pages/{lesson_en.pk}/edit/")
    publish = page.locator("button[name=action][value=publish]")  # "Publish in English"
    publish.click()
    page.wait_for_load_state()
    lesson_en.refresh_from_db()
    assert lesson_en.live and lesson_en.title == TITLE_EN
    assert page.request.get(f"{base}{lesson_en.url}").status == 200
    assert TITLE_EN in page.request.get(f"{base}{course_en.url}").text()
    context.close()
