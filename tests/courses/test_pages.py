"""Page type rules and rendering of every page and block type."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import (
    CourseIndexPage,
    CoursePage,
    FaqPage,
    HomePage,
    LessonPage,
    VideoLibraryPage,
)

from . import factories


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_only_under_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {CourseIndexPage, VideoLibraryPage, FaqPage})

    def test_course_tree(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_library_and_faq_are_leaves_under_home(self):
        for model in (VideoLibraryPage, FaqPage):
            self.assertAllowedParentPageTypes(model, {HomePage})
            self.assertAllowedSubpageTypes(model, set())

    def test_cannot_put_lesson_under_home(self):
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)
        self.assertCanCreateAt(CoursePage, LessonPage)
        self.assertCanCreateAt(HomePage, FaqPage)


class AdminCreateTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.HomePageFactory()
        cls.course = factories.CoursePageFactory(
            parent=factories.CourseIndexPageFactory(parent=cls.home)
        )

    def setUp(self):
        self.login()

    def test_editor_can_create_a_lesson_in_the_admin(self):
        data = {
            "title": "Cài đặt VNeID",
            "slug": "cai-dat-vneid",
            "intro": "Cài ứng dụng.",
            "audience": "citizen",
            "level": "beginner",
            "estimated_minutes": 5,
            "app_name": "VNeID",
            "steps-count": "1",
            "steps-0-type": "step",
            "steps-0-deleted": "",
            "steps-0-order": "0",
            "steps-0-value-title": "Mở CH Play",
            "steps-0-value-instruction": "Chạm vào biểu tượng CH Play.",
            "steps-0-value-image": "",
            "steps-0-value-image_alt": "",
            "steps-0-value-app": "",
            "steps-0-value-app_version": "",
            "steps-0-value-video": "",
            "steps-0-value-callout-kind": "tip",
            "steps-0-value-callout-text": "",
            "questions-count": "0",
        }
        self.assertCanCreate(self.course, LessonPage, data)


@pytest.mark.django_db
def test_every_page_renders(client, home, course, library, faq):
    lesson = factories.LessonPageFactory(parent=course)
    for page in (home, course.get_parent(), course, lesson, library, faq):
        response = client.get(page.url)
        assert response.status_code == 200, page
        assert page.title in response.content.decode()


@pytest.mark.django_db
def test_lesson_renders_every_block_type(client, course):
    image = factories.ImageFactory()
    video = factories.VideoFactory(title="Video cài VNeID", transcript="Bấm Cài đặt.")
    lesson = factories.LessonPageFactory(
        parent=course,
        steps=[
            factories.step(
                title="Mở CH Play",
                image=image,
                alt="Màn hình CH Play với nút Cài đặt",
                video=video,
                callout={"kind": "warning", "text": "Chỉ tải từ CH Play."},
                app=factories.AppFactory(name="VNeID", current_version="2.1"),
                app_version="2.1",
            ),
            {"type": "video", "value": {"video": video.pk, "caption": "Xem cả bài"}},
            {"type": "callout", "value": {"kind": "tip", "text": "Nhờ con cháu giúp."}},
            factories.step(title="Đăng nhập"),
        ],
    )
    html = client.get(lesson.url).content.decode()
    # Step block: numbered heading, instruction, responsive WebP screenshot with alt text.
    assert 'id="step-1"' in html and 'id="step-2"' in html
    assert "Mở CH Play" in html and "Đăng nhập" in html
    assert 'alt="Màn hình CH Play với nút Cài đặt"' in html
    assert "srcset=" in html and ".webp" in html and 'loading="lazy"' in html
    assert 'width="' in html and 'height="' in html
    # Callout inside a step and on its own.
    assert "callout-warning" in html and "Chỉ tải từ CH Play." in html
    assert "callout-tip" in html and "Nhờ con cháu giúp." in html
    # Video block: native player, captions track, no autoload, transcript.
    assert '<video controls preload="none"' in html
    assert '<track kind="captions"' in html and ".vtt" in html
    assert "Xem cả bài" in html and "Bấm Cài đặt." in html
    # Self-check question and the offline button.
    assert "Có nên đọc mã OTP cho người lạ?" in html
    assert "data-save-offline hidden" in html
    assert "VNeID 2.1" in html  # the app and version the step's screenshot shows


def test_step_requires_alt_text_with_an_image():
    from django.core.exceptions import ValidationError

    from courses.models.blocks import StepBlock

    block = StepBlock()
    value = block.to_python(factories.step(image=None)["value"])
    block.clean(value)  # no screenshot: no alt text needed

    class FakeImage:
        pk = 1

    value["image"] = FakeImage()
    with pytest.raises(ValidationError):
        block.clean(value)


def test_question_needs_a_correct_answer():
    from django.core.exceptions import ValidationError

    from courses.models.blocks import QuestionBlock

    block = QuestionBlock()
    raw = factories.question(answers=[("a", False, "x"), ("b", False, "y")])["value"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python(raw))


@pytest.mark.django_db
def test_faq_questions_have_anchors(client, faq):
    html = client.get(faq.url).content.decode()
    assert 'id="faq-toi-quen-mat-khau-vneid-thi-lam-sao"' in html
    assert 'href="#faq-toi-quen-mat-khau-vneid-thi-lam-sao"' in html
    assert "<b>Quên mật khẩu</b>" in html
