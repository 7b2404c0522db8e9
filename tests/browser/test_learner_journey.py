"""A new learner on a phone: search without diacritics, follow a lesson, check
themselves, come back later, print it and scan its QR, switch language; the
same self-check without JavaScript; the lesson by keyboard only."""

import io
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
from wagtail.models import Page, Site

from tests.browser.conftest import screenshot
from tests.courses import factories

LESSON_TITLE = "Đăng ký khai sinh trực tuyến"


def build_learner_site() -> SimpleNamespace:
    """A small learner site: home, a course with two lessons, videos, FAQ (not the demo)."""
    home = factories.HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    index = factories.CourseIndexPageFactory(parent=home)
    course = factories.CoursePageFactory(parent=index, title="Dịch vụ công trực tuyến")
    skill = factories.SkillFactory(name="Đăng ký khai sinh")
    video = factories.VideoFactory(title="Đăng ký khai sinh trong 1 phút", skills=[skill])
    shot = factories.ImageFactory(title="Cổng dịch vụ công")
    lesson = factories.LessonPageFactory(
        parent=course,
        title=LESSON_TITLE,
        intro="Khai sinh cho con trên Cổng dịch vụ công quốc gia.",
        steps=[
            factories.step(
                title="Mở Cổng dịch vụ công",
                instruction="Vào dichvucong.gov.vn và chọn Đăng nhập.",
                image=shot,
                alt="Trang chủ Cổng dịch vụ công với nút Đăng nhập",
            ),
            factories.step(
                title="Đăng nhập bằng VNeID", instruction="Quét mã QR bằng ứng dụng VNeID."
            ),
            factories.step(
                title="Điền tờ khai",
                instruction="Nhập thông tin của bé và của cha mẹ.",
                video=video,
                callout={"kind": "warning", "text": "Kiểm tra kỹ họ tên trước khi gửi."},
            ),
        ],
        questions=[
            factories.question(),
            factories.question(
                "Sau khi nộp hồ sơ, bạn theo dõi kết quả ở đâu?",
                [
                    ("Trong mục Hồ sơ của tôi", True, "Đúng: trạng thái hồ sơ hiện ở đó."),
                    ("Gọi cho người lạ", False, "Không: chỉ xem trên Cổng dịch vụ công."),
                ],
            ),
        ],
    )
    other = factories.LessonPageFactory(parent=course, title="Nhận biết cuộc gọi lừa đảo")
    library = factories.VideoLibraryPageFactory(parent=home)
    faq = factories.FaqPageFactory(parent=home)
    return SimpleNamespace(
        home=home,
        index=index,
        course=course,
        lesson=lesson,
        other=other,
        library=library,
        faq=faq,
        video=video,
    )


@pytest.fixture
def world(live_server):
    return build_learner_site()


def decode_qr(page) -> list[str]:
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(page.screenshot(full_page=False)))
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def test_new_learner_finds_follows_checks_prints_and_switches_language(live_server, phone, world):
    base = live_server.url
    lesson_path = world.lesson.url

    phone.goto(f"{base}/")
    assert phone.locator("html").get_attribute("lang") == "vi"
    screenshot(phone, "learner-home")

    # Search without diacritics finds the Vietnamese lesson.
    phone.fill("#home-q", "dang ky khai sinh")
    phone.locator("form:has(#home-q) button[type=submit]").click()
    phone.wait_for_url("**/search/?q=*")
    result = phone.locator(".results a", has_text=LESSON_TITLE)
    assert result.count() == 1
    screenshot(phone, "learner-search")
    result.click()
    phone.wait_for_url(f"**{lesson_path}")
    assert urlparse(phone.url).path == lesson_path
    assert phone.locator("h1").inner_text() == LESSON_TITLE
    screenshot(phone, "learner-lesson")

    # Tick steps (revealed by JS) and answer the self-check: feedback at once.
    phone.locator("label[for=done-1]").click()
    phone.locator("label[for=done-2]").click()
    assert phone.locator("#done-1").is_checked()
    phone.locator("label[for=q1-1]").click()
    assert phone.locator("#q1 .answer.is-right").is_visible()
    assert phone.get_by_text("Đúng: mã OTP chỉ dành cho bạn.").is_visible()
    phone.locator("label[for=q2-1]").click()
    assert phone.locator("#q2 .answer.is-wrong").is_visible()
    assert phone.get_by_text("Không: chỉ xem trên Cổng dịch vụ công.").is_visible()

    # Progress stays on the device.
    phone.reload()
    assert phone.locator("#done-1").is_checked()
    assert phone.locator("#done-2").is_checked()
    assert not phone.locator("#done-3").is_checked()

    phone.goto(f"{base}/")
    box = phone.locator("[data-continue]")
    assert box.is_visible()
    assert box.locator("a").inner_text() == LESSON_TITLE
    assert box.locator("[data-continue-progress]").inner_text().startswith("2 / 3")
    # It opens at the first step not yet ticked.
    assert box.locator("a").get_attribute("href") == f"{lesson_path}#step-3"
    box.locator("a").click()
    phone.wait_for_url(f"**{lesson_path}#step-3")
    assert urlparse(phone.url).path == lesson_path

    # The print view carries a QR code that opens this lesson.
    phone.locator(f"a[href='{lesson_path}print/']").click()
    phone.wait_for_url(f"**{lesson_path}print/")
    phone.wait_for_load_state()
    phone.set_viewport_size({"width": 800, "height": 1000})
    codes = decode_qr(phone)
    assert len(codes) == 1
    assert urlparse(codes[0]).path == lesson_path
    assert codes[0].startswith("http")

    # Switch the language to English.
    phone.set_viewport_size({"width": 360, "height": 740})
    phone.goto(f"{base}{lesson_path}")
    phone.locator(".lang-links a[hreflang=en]").click()
    phone.wait_for_url("**/en/**")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert urlparse(phone.url).path.startswith("/en/")
    assert phone.get_by_role("link", name="Skip to content").count() == 1


def test_self_check_without_javascript_shows_server_rendered_results(live_server, browser, world):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="vi-VN"
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{world.lesson.url}")
        assert page.locator("[data-step-wrap]").first.is_hidden()
        assert page.locator("[data-save-offline]").is_hidden()
        page.locator("label[for=q1-1]").click()
        page.locator("label[for=q2-1]").click()
        with page.expect_navigation():
            page.locator("[data-self-check] button[type=submit]").click()
        assert "q1=1" in page.url and "q2=1" in page.url
        score = page.locator(".score")
        assert score.is_visible()
        assert "1" in score.inner_text() and "2" in score.inner_text()
        assert page.locator("#q1 .answer.is-right").is_visible()
        assert page.locator("#q2 .answer.is-wrong").is_visible()
        assert page.get_by_text("Đúng: mã OTP chỉ dành cho bạn.").is_visible()
        assert page.get_by_text("Không: chỉ xem trên Cổng dịch vụ công.").is_visible()
    finally:
        context.close()


def _focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, id: e.id, cls: e.className, name: e.name || '', type: e.type || ''}; }"
    )


def test_keyboard_only_skip_link_then_main_then_self_check(live_server, desktop, world):
    page = desktop
    page.goto(f"{live_server.url}{world.lesson.url}")
    page.keyboard.press("Tab")
    assert _focused(page)["cls"] == "skip"
    assert page.locator("a.skip").is_visible()
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main"

    for _ in range(100):  # bounded: Tab through the lesson to the first question
        page.keyboard.press("Tab")
        if _focused(page)["name"] == "q1":
            break
    else:
        pytest.fail("Tab never reached the self-check")
    page.keyboard.press("ArrowDown")  # second answer: the right one
    assert page.locator("#q1-1").is_checked()
    assert page.locator("#q1 .answer.is-right").is_visible()
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "q2"
    page.keyboard.press("Space")
    assert page.locator("#q2-0").is_checked()
    page.keyboard.press("Tab")
    assert _focused(page)["type"] == "submit"
    url = page.url
    page.keyboard.press("Enter")  # graded in the page (works offline): no navigation
    assert page.locator(".score").is_visible()
    assert page.url == url
    assert page.locator("#q2 .answer.is-right").is_visible()
    assert page.locator("#q2 [data-right]").is_hidden()  # right: no "the right answer" line
