"""Search at /search/?q= ignores Vietnamese diacritics, per language, in constant queries."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from courses.selectors import learning_search

from . import factories


@pytest.fixture
def content(course, library, faq):
    lesson = factories.LessonPageFactory(
        parent=course,
        title="Đăng ký khai sinh trực tuyến",
        intro="Khai sinh cho con trên Cổng Dịch vụ công quốc gia.",
    )
    other = factories.LessonPageFactory(parent=course, title="Nhận biết cuộc gọi lừa đảo")
    video = factories.VideoFactory(
        title="Đăng ký khai sinh trong một phút", transcript="Mở Cổng DVC."
    )
    return {"lesson": lesson, "other": other, "video": video, "faq": faq, "library": library}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["dang ky khai sinh", "Đăng ký khai sinh", "DANG KY", "khai   sinh dang"]
)
def test_query_without_diacritics_finds_the_lesson_and_video(client, content, query):
    response = client.get(reverse("courses:search"), {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đăng ký khai sinh trực tuyến" in html
    assert f'href="{content["lesson"].url}"' in html
    assert f'href="{content["library"].url}#{content["video"].anchor}"' in html
    assert "Nhận biết cuộc gọi lừa đảo" not in html


@pytest.mark.django_db
def test_faq_answers_are_found_and_linked_by_anchor(client, content):
    response = client.get(reverse("courses:search"), {"q": "quen mat khau"})
    html = response.content.decode()
    assert "Tôi quên mật khẩu VNeID thì làm sao?" in html
    assert f'href="{content["faq"].url}#faq-toi-quen-mat-khau-vneid-thi-lam-sao"' in html


@pytest.mark.django_db
def test_step_text_is_searchable(content):
    results = learning_search(query="bieu tuong", locale=Locale.get_default())
    assert {r.title for r in results} >= {
        "Đăng ký khai sinh trực tuyến",
        "Nhận biết cuộc gọi lừa đảo",
    }


@pytest.mark.django_db
def test_no_match_and_empty_query(client, content):
    html = client.get(reverse("courses:search"), {"q": "khong co gi ca xyz"}).content.decode()
    assert "Không tìm thấy." in html
    assert client.get(reverse("courses:search")).status_code == 200
    assert learning_search(query="   ", locale=Locale.get_default()) == []


@pytest.mark.django_db
def test_drafts_and_other_languages_are_not_found(content, english):
    lesson = content["lesson"]
    lesson.unpublish()
    kinds = {
        r.kind for r in learning_search(query="dang ky khai sinh", locale=Locale.get_default())
    }
    assert kinds == {"video"}
    assert learning_search(query="dang ky", locale=english) == []


@pytest.mark.django_db
def test_english_search_under_en_prefix(client, content, english):
    home_en = content["lesson"].get_parent().get_parent().get_parent().copy_for_translation(english)
    home_en.save_revision().publish()
    response = client.get("/en/search/", {"q": "anything"})
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_search_page_runs_a_constant_number_of_queries(
    client, course, library, faq, django_assert_max_num_queries
):
    for n in range(25):
        factories.LessonPageFactory(parent=course, title=f"Đăng ký khai sinh bài {n}")
        factories.VideoFactory(title=f"Đăng ký khai sinh video {n}", poster=None)
    url = reverse("courses:search")
    client.get(url, {"q": "dang ky"})  # warm the site-root cache
    with django_assert_max_num_queries(12):
        response = client.get(url, {"q": "dang ky"})
    assert response.content.decode().count('class="card"') == 40  # 20 lessons + 20 videos
