"""The learner's path: continue where you left off (in the home page's language), the
next lesson when one is finished, and a saved lesson's self-check working offline."""

from urllib.parse import urlparse

from tests.browser.test_learner_journey import LESSON_TITLE, build_learner_site


def test_continue_and_next_lesson(live_server, phone):
    world = build_learner_site()
    base = live_server.url
    phone.goto(f"{base}{world.lesson.url}")
    phone.locator("label[for=done-1]").click()

    phone.goto(f"{base}/")
    box = phone.locator("[data-continue]")
    assert box.is_visible()
    assert box.locator("a").get_attribute("href") == f"{world.lesson.url}#step-2"
    # The English home page does not offer the Vietnamese lesson read last.
    phone.goto(f"{base}/en/")
    assert phone.locator("[data-continue]").is_hidden()

    phone.goto(f"{base}{world.lesson.url}")
    next_link = phone.locator("[data-next-lesson] a")
    assert next_link.inner_text() == world.other.title
    assert next_link.get_attribute("href") == world.other.url
    phone.locator("[data-finish]").click()
    assert phone.locator("[data-finish]").get_attribute("aria-pressed") == "true"
    assert "is-ready" in phone.locator("[data-next-lesson]").get_attribute("class")

    # Finished: the home page now offers the next lesson of the course.
    phone.goto(f"{base}/")
    box = phone.locator("[data-continue]")
    assert box.is_visible()
    assert box.locator("a").inner_text() == world.other.title
    box.locator("a").click()
    phone.wait_for_url(f"**{world.other.url}")
    assert urlparse(phone.url).path == world.other.url


def test_saved_lesson_self_check_works_offline(live_server, phone):
    world = build_learner_site()
    base = live_server.url
    phone.goto(f"{base}{world.lesson.url}")
    assert phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone.reload()
    save = phone.locator("[data-save-offline]")
    assert save.get_attribute("aria-pressed") == "false"
    save.click()
    phone.locator("[data-save-status]").wait_for()
    # One image size per picture: the one the screen chose, not every srcset entry.
    files = phone.evaluate("JSON.parse(localStorage.getItem('offline-saved'))[0].files")
    screenshots = [f for f in files if ".width-" in f]
    assert len(screenshots) == 1, screenshots
    assert len([f for f in files if ".fill-640x360." in f]) == 1  # the video poster
    assert any(f.endswith("/print/") for f in files)

    phone.reload()  # a later visit shows that the lesson is already saved
    assert phone.locator("[data-save-offline]").get_attribute("aria-pressed") == "true"
    assert phone.locator("[data-save-status]").inner_text() == "Đã lưu để đọc khi không có mạng"

    phone.context.set_offline(True)
    try:
        phone.goto(f"{base}{world.lesson.url}")
        assert phone.locator("h1").inner_text() == LESSON_TITLE
        assert phone.locator("[data-needs-network]").first.is_visible()  # the video says so
        phone.locator("label[for=q1-0]").click()  # wrong
        phone.locator("[data-self-check] button[type=submit]").click()
        score = phone.locator("[data-score] .score")
        score.wait_for()
        assert score.inner_text() == "Bạn trả lời đúng 0 trên 2 câu."
        assert phone.locator("[data-score] .blank-note").inner_text() == "Câu 2 chưa được trả lời."
        assert phone.locator("#q1 [data-right]").is_visible()
        assert phone.locator("#q2 [data-blank]").is_visible()
        assert phone.locator("h1").inner_text() == LESSON_TITLE  # not the offline page

        phone.goto(f"{base}{world.lesson.url}print/")  # the print view was saved too
        assert phone.locator("h1").inner_text() == LESSON_TITLE
        phone.goto(f"{base}/")  # the home page, from the last visit
        assert phone.locator("[data-saved-list] a").first.inner_text() == LESSON_TITLE
        phone.goto(f"{base}{world.other.url}")  # never saved: the offline page
        assert phone.locator("#main a[href*='/accounts/login/']").count() == 0
        assert phone.locator("#lang-select").count() == 0
        assert phone.locator(".site-header a[href*='/accounts/login/']").count() == 0
    finally:
        phone.context.set_offline(False)

    # Remove the saved lesson: gone from the list and from the cache.
    phone.goto(f"{base}/")
    saved = phone.locator("[data-saved-list]")
    assert "MB" in saved.locator("[data-saved-usage]").inner_text()
    saved.locator("button").first.click()
    saved.wait_for(state="hidden")
    assert not phone.evaluate(
        f"caches.open('saved-v1').then(c => c.match('{base}{world.lesson.url}')).then(Boolean)"
    )


def test_phone_header_is_compact_and_toggles_show_their_state(live_server, phone):
    world = build_learner_site()
    phone.goto(f"{live_server.url}{world.lesson.url}")
    height = phone.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert height < 740 * 0.2, height
    toggle = phone.locator("[data-pref=contrast]")
    before = phone.evaluate("b => getComputedStyle(b).backgroundColor", toggle.element_handle())
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    after = phone.evaluate("b => getComputedStyle(b).backgroundColor", toggle.element_handle())
    assert before != after
