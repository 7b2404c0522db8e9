"""factory_boy factories for the learner side (courses app)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory, FileField
from wagtail.models import Locale, Page

from courses.models import (
    App,
    CourseIndexPage,
    CoursePage,
    FaqPage,
    HomePage,
    LessonPage,
    Skill,
    Video,
    VideoLibraryPage,
)

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nM\xe1\xbb\x9f \xe1\xbb\xa9ng d\xe1\xbb\xa5ng\n"


def default_locale():
    return Locale.get_default()


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Ảnh màn hình {n}")


class AppFactory(DjangoModelFactory):
    class Meta:
        model = App
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Ứng dụng {n}")
    current_version = "2.1"


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill

    code = factory.Sequence(lambda n: f"skill-{n}")
    name = factory.Sequence(lambda n: f"Kỹ năng {n}")
    description = "Người học tự làm được."
    checklist = factory.LazyFunction(lambda: [("check", "Mở ứng dụng"), ("check", "Đăng nhập")])
    locale = factory.LazyFunction(default_locale)


class VideoFactory(DjangoModelFactory):
    class Meta:
        model = Video
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Video hướng dẫn {n}")
    description = "Xem cách làm từng bước."
    file = FileField(filename="clip.mp4", data=b"\x00\x00\x00\x18ftypmp42")
    captions = FileField(filename="clip.vtt", data=VTT)
    poster = factory.SubFactory(ImageFactory)
    duration_seconds = 65
    transcript = "Mở ứng dụng và làm theo hướng dẫn."
    topic = Video.Topic.PUBLIC_SERVICES
    locale = factory.LazyFunction(default_locale)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


def step(
    *,
    title="Mở ứng dụng",
    instruction="Chạm vào biểu tượng.",
    image=None,
    alt="",
    video=None,
    callout=None,
    app=None,
    app_version="",
) -> dict:
    """Raw StreamField data for one step block (`app`: an App the screenshot shows)."""
    return {
        "type": "step",
        "value": {
            "title": title,
            "instruction": instruction,
            "image": image.pk if image else None,
            "image_alt": alt,
            "app": app.pk if app else None,
            "app_version": app_version,
            "video": video.pk if video else None,
            "callout": callout or {"kind": "tip", "text": ""},
        },
    }


def question(text="Có nên đọc mã OTP cho người lạ?", answers=None) -> dict:
    """Raw StreamField data for one self-check question (first answer wrong, second right)."""
    answers = answers or [
        ("Có, nếu họ là công an", False, "Công an không bao giờ hỏi mã OTP."),
        ("Không bao giờ", True, "Đúng: mã OTP chỉ dành cho bạn."),
    ]
    return {
        "type": "question",
        "value": {
            "question": text,
            "answers": [{"text": t, "correct": c, "explanation": e} for t, c, e in answers],
        },
    }


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Học kỹ năng số"
    intro = "Bài học ngắn, từng bước, cho mọi người."
    parent = factory.LazyFunction(Page.get_first_root_node)


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Khóa học"
    parent = factory.SubFactory(HomePageFactory)


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Khóa học {n}")
    intro = "Những việc cần biết."
    parent = factory.SubFactory(CourseIndexPageFactory)


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Bài học {n}")
    intro = "Làm theo từng bước."
    steps = factory.LazyFunction(lambda: [step()])
    questions = factory.LazyFunction(lambda: [question()])
    app_name = "VNeID"
    estimated_minutes = 10
    parent = factory.SubFactory(CoursePageFactory)


class VideoLibraryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VideoLibraryPage

    title = "Thư viện video"
    parent = factory.SubFactory(HomePageFactory)


class FaqPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FaqPage

    title = "Câu hỏi thường gặp"
    items = factory.LazyFunction(
        lambda: [
            {
                "type": "item",
                "value": {
                    "question": "Tôi quên mật khẩu VNeID thì làm sao?",
                    "answer": "<p>Chọn <b>Quên mật khẩu</b> và nhập mã OTP.</p>",
                },
            }
        ]
    )
    parent = factory.SubFactory(HomePageFactory)
