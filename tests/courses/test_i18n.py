"""Language switching: translated pages link to each other; lang attributes are right."""

import pytest

from . import factories


@pytest.fixture
def translated(course, english):
    """The course tree translated into English, the way the demo does it."""
    index = course.get_parent()
    home = index.get_parent()
    home_en = home.specific.copy_for_translation(english)
    home_en.title = "Learn digital skills"
    home_en.save_revision().publish()
    index.specific.copy_for_translation(english).save_revision().publish()
    course_en = course.copy_for_translation(english)
    course_en.title = "Public services online"
    course_en.save_revision().publish()
    lesson = factories.LessonPageFactory(parent=course, title="Cài đặt VNeID", slug="cai-dat-vneid")
    lesson_en = lesson.copy_for_translation(english)
    lesson_en.title = "Installing VNeID"
    lesson_en.save_revision().publish()
    return {"lesson": lesson, "lesson_en": lesson_en.specific, "home": home, "home_en": home_en}


@pytest.mark.django_db
def test_vietnamese_lesson_links_to_its_english_translation(client, translated):
    lesson, lesson_en = translated["lesson"], translated["lesson_en"]
    assert lesson_en.url == "/en/" + lesson.url.lstrip("/")
    html = client.get(lesson.url).content.decode()
    assert '<html lang="vi"' in html
    assert 'lang="vi" data-lesson=' in html  # the content's own language
    assert f'<a href="{lesson_en.url}" hreflang="en" lang="en">English</a>' in html
    # Absolute, as search engines and chat previews want (courses/templatetags/sharing.py).
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{lesson_en.url}">' in html
    assert 'hreflang="vi" lang="vi" aria-current="true"' in html


@pytest.mark.django_db
def test_english_lesson_renders_in_english(client, translated):
    lesson, lesson_en = translated["lesson"], translated["lesson_en"]
    response = client.get(lesson_en.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "<h1>Installing VNeID</h1>" in html
    assert 'lang="en" data-lesson=' in html
    assert f'<a href="{lesson.url}" hreflang="vi" lang="vi">Tiếng Việt</a>' in html
    assert "Check yourself" in html and "Step 1" in html


@pytest.mark.django_db
def test_english_home_at_en_prefix(client, translated):
    html = client.get("/en/").content.decode()
    assert "Learn digital skills" in html and '<html lang="en"' in html
    assert "Học kỹ năng số" in client.get("/").content.decode()


@pytest.mark.django_db
def test_untranslated_page_falls_back_and_marks_content_language(client, course):
    """No German translation: /de/... shows the Vietnamese lesson, German interface, lang="vi" content."""
    lesson = factories.LessonPageFactory(parent=course, title="Bài chưa dịch", slug="bai-chua-dich")
    html = client.get("/de" + lesson.url).content.decode()
    assert '<html lang="de"' in html
    assert 'lang="vi" data-lesson=' in html
    assert (
        f'<a href="/de{lesson.url}" hreflang="de" lang="de" aria-current="true">Deutsch</a>' in html
    )
