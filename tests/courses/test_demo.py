"""The learner-side demo: runs, is idempotent, and produces a working site."""

import io
import sys

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from courses import demo
from courses.models import CoursePage, FaqPage, HomePage, LessonPage, Skill, Video


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "skills": Skill.objects.count(),
        "videos": Video.objects.count(),
        "images": get_image_model().objects.count(),
        "locales": Locale.objects.count(),
    }


@pytest.mark.django_db
def test_demo_runs_twice_and_the_second_run_creates_nothing(client, django_user_model):
    out = io.StringIO()
    demo.load(stdout=out, password="demo")
    first = counts()
    assert "page" in out.getvalue()

    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    assert Locale.objects.filter(language_code="de").exists()
    assert CoursePage.objects.filter(locale=vi).count() >= 3
    assert LessonPage.objects.filter(locale=vi, live=True).count() >= 12
    assert LessonPage.objects.filter(locale=en, live=True).count() >= 12
    assert Video.objects.filter(locale=vi).count() >= 4
    assert set(Skill.objects.filter(locale=vi).values_list("code", flat=True)) >= {
        "vneid-install",
        "vneid-level2",
        "dvc-birth-registration",
        "evn-bill-pay",
        "scam-spot",
        "video-call",
        "zalo-safety",
        "password-safety",
    }
    assert all(len(skill.checklist_items) >= 3 for skill in Skill.objects.all())
    editor = django_user_model.objects.get(username="editor")
    assert editor.check_password("demo") and editor.groups.filter(name="Editors").exists()
    home = HomePage.objects.get(locale=vi)
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(depth=2, slug="home").exists()  # Wagtail's welcome page

    again = io.StringIO()
    demo.load(stdout=again, password="other")
    assert counts() == first
    assert "nothing new" in again.getvalue()
    assert django_user_model.objects.get(username="editor").check_password("demo")

    # The site works: home, a lesson in both languages, search without diacritics, FAQ.
    assert client.get("/").status_code == 200
    assert "Continue where you left off" in client.get("/en/").content.decode()
    lesson = LessonPage.objects.get(locale=vi, slug="dang-ky-khai-sinh")
    html = client.get(lesson.url).content.decode()
    assert "Đăng ký khai sinh trực tuyến" in html and 'alt="' in html
    assert client.get(lesson.get_translation(en).url).status_code == 200
    assert lesson.url in client.get("/search/", {"q": "dang ky khai sinh"}).content.decode()
    faq = FaqPage.objects.get(locale=vi)
    assert client.get(faq.url).status_code == 200
    video = Video.objects.filter(locale=vi).first()
    assert video.file.size > 1000 and video.captions.read().startswith(b"WEBVTT")


@pytest.mark.django_db
def test_demo_command_calls_the_courses_loader(monkeypatch):
    """`manage.py demo` finds courses.demo.load; the other apps' loaders are left out here."""
    calls = []
    monkeypatch.setattr(demo, "load", lambda **kwargs: calls.append(kwargs))
    monkeypatch.setitem(sys.modules, "volunteers.demo", None)  # import raises: skipped
    monkeypatch.setitem(sys.modules, "reports.demo", None)
    call_command("demo", stdout=io.StringIO())
    assert calls and calls[0]["password"] == "demo"
