"""Offline reading: a learner saves a lesson, loses the network, and can still read it."""

from tests.browser.test_learner_journey import LESSON_TITLE, build_learner_site


def test_saved_lesson_reads_offline_and_other_pages_fall_back(live_server, phone):
    world = build_learner_site()
    base = live_server.url  # localhost: a secure context, so service workers run
    phone.goto(f"{base}{world.lesson.url}")
    assert phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone.reload()  # now controlled by the service worker
    assert phone.evaluate("!!navigator.serviceWorker.controller")

    save = phone.locator("[data-save-offline]")
    assert save.is_visible()
    save.click()
    status = phone.locator("[data-save-status]")
    status.wait_for()
    assert status.inner_text() == "Đã lưu để đọc khi không có mạng"
    assert status.get_attribute("role") == "status"

    phone.context.set_offline(True)
    try:
        phone.goto(f"{base}{world.lesson.url}")
        assert phone.locator("h1").inner_text() == LESSON_TITLE
        shot = phone.locator(".shot img").first
        shot.scroll_into_view_if_needed()
        phone.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=shot.element_handle()
        )
        # The stylesheet came from the cache too.
        assert (
            phone.evaluate(
                "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
            )
            != "rgba(0, 0, 0, 0)"
        )

        phone.goto(f"{base}{world.other.url}")
        assert phone.locator("h1").inner_text() == "Bạn đang không có mạng"
        saved = phone.locator("[data-saved-list]")
        assert saved.is_visible()
        assert saved.locator("a").first.inner_text() == LESSON_TITLE
        assert saved.locator("a").first.get_attribute("href") == world.lesson.url

        phone.goto(f"{base}/en{world.other.url}")
        assert phone.locator("html").get_attribute("lang") == "en"
        assert phone.locator("h1").inner_text() == "You are offline"
    finally:
        phone.context.set_offline(False)

    # Back online, the home page lists what this phone keeps for offline reading.
    phone.goto(f"{base}/")
    saved = phone.locator("[data-saved-list]")
    saved.wait_for()
    assert saved.locator("a").first.inner_text() == LESSON_TITLE
