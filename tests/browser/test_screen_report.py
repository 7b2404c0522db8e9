"""A learner on a 360 px phone reports that a step looks different; an editor with the
demo permissions sees it in the admin queue, and the lesson tells learners it is being updated."""

from courses import demo
from courses.models import ScreenReport
from tests.browser.conftest import login
from tests.browser.test_learner_journey import LESSON_TITLE, build_learner_site

PASSWORD = "screen-report-1"
NOTE = "Nút bây giờ tên là “Tiếp tục”, không còn “Đăng nhập”."


def test_learner_reports_a_changed_screen_and_an_editor_sees_it(live_server, browser, phone):
    world = build_learner_site()
    loader = demo.Loader(PASSWORD)
    loader.ensure_locales()
    loader.ensure_editor()
    base = live_server.url

    # The learner, not logged in, on a phone: step 2's "My screen looks different".
    phone.goto(f"{base}{world.lesson.url}")
    step = phone.locator("#step-2")
    link = step.get_by_role("link", name="Màn hình của tôi khác")
    assert link.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    link.click()
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text() == "Màn hình của tôi khác"
    phone.fill("textarea[name=note]", NOTE)
    phone.fill("input[name=version_seen]", "2.3")
    phone.get_by_role("button", name="Gửi báo cáo").click()
    phone.wait_for_load_state()
    assert "Cảm ơn bạn" in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    report = ScreenReport.objects.get()
    assert report.step_number == 2 and report.reporter is None

    # Back on the lesson, step 2 says it is being updated.
    phone.get_by_role("link", name="Quay lại bước 2").click()
    phone.wait_for_load_state()
    assert phone.locator("#step-2 .step-updating").is_visible()
    assert phone.locator(".being-updated").is_visible()

    # The editor (demo permissions) sees the step in Reports → Screens that look different.
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    admin = context.new_page()
    login(admin, base, "editor", PASSWORD)
    admin.goto(f"{base}/admin/")
    # The Reports menu lists the queue for an editor (the admin may speak Vietnamese or English).
    queue = admin.locator("a[href$='/admin/reports/screens-look-different/']")
    assert queue.count() >= 1
    admin.goto(f"{base}/admin/reports/screens-look-different/")
    row = admin.locator(f"[data-screen-report-step='{report.step_id}']")
    text = row.inner_text()
    assert LESSON_TITLE in text and NOTE in text and "2.3" in text
    row.locator("form button[type=submit]").click()
    admin.wait_for_load_state()
    assert admin.locator("[data-screen-report-step]").count() == 0
    context.close()
    report.refresh_from_db()
    assert report.resolved_at is not None
