"""Anonymous learner pages come from the shared page cache, and every change to content shows at once."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from literacy import page_cache
from tests.courses.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
)


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def lesson(db):
    home = HomePageFactory()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home), title="Dịch vụ công")
    return LessonPageFactory(parent=course, title="Cài đặt VNeID")


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_the_second_anonymous_view_is_served_from_the_cache(client, cached, lesson):
    first, first_queries = get(client, lesson.url)
    second, second_queries = get(client, lesson.url)
    assert first.status_code == second.status_code == 200
    assert first[page_cache.HIT_HEADER] == "miss" and second[page_cache.HIT_HEADER] == "hit"
    assert second.content == first.content
    assert first_queries > 5 and second_queries == 0


def test_publishing_shows_the_new_text_at_once(client, cached, lesson):
    client.get(lesson.url)
    lesson.title = "Cài đặt VNeID mức 2"
    lesson.save_revision().publish()
    response = client.get(lesson.url)
    assert response[page_cache.HIT_HEADER] == "miss"
    assert "Cài đặt VNeID mức 2" in response.content.decode()


@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_unpublished_or_deleted_pages_leave_the_cache(client, cached, lesson, change):
    url = lesson.url
    assert client.get(url).status_code == 200
    if change == "unpublish":
        lesson.unpublish()
    else:
        lesson.delete()
    assert client.get(url).status_code == 404


def test_moving_a_page_leaves_no_stale_course_listing(client, cached, lesson):
    course = lesson.get_parent().specific
    other = CoursePageFactory(parent=course.get_parent(), title="Khóa khác")
    assert "Cài đặt VNeID" in client.get(course.url).content.decode()
    lesson.move(other, pos="last-child")
    assert "Cài đặt VNeID" not in client.get(course.url).content.decode()


def test_each_language_has_its_own_copy(client, cached, lesson):
    vietnamese = client.get(lesson.url)
    english = client.get("/en" + lesson.url)
    assert vietnamese[page_cache.HIT_HEADER] == english[page_cache.HIT_HEADER] == "miss"
    assert 'lang="en"' in english.content.decode()
    assert 'lang="vi"' in client.get(lesson.url).content.decode()
    assert client.get("/en" + lesson.url)[page_cache.HIT_HEADER] == "hit"


def test_app_screens_are_never_cached(client, cached, lesson):
    assert page_cache.HIT_HEADER not in client.get("/verify/")
    assert page_cache.HIT_HEADER not in client.get("/accounts/login/")


def test_logged_in_people_and_query_strings_are_never_served_a_shared_copy(
    client, cached, lesson, django_user_model
):
    client.get(lesson.url)
    assert page_cache.HIT_HEADER not in client.get(lesson.url + "?q1=0")
    client.force_login(django_user_model.objects.create_user("editor2", password="pw"))
    response = client.get(lesson.url)
    assert response.status_code == 200 and page_cache.HIT_HEADER not in response


def test_a_page_that_set_a_cookie_or_used_a_csrf_token_is_not_stored(rf, cached, lesson):
    middleware = page_cache.AnonymousPageCacheMiddleware(lambda request: None)
    request = rf.get(lesson.url)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    request.resolver_match = type("Match", (), {"url_name": "wagtail_serve"})()
    assert not middleware._cacheable_response(request, HttpResponse("x"))
    del request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("a", "b")
    assert not middleware._cacheable_response(request, with_cookie)
    assert middleware._cacheable_response(request, HttpResponse("x"))


def test_turned_off_nothing_is_cached(client, settings, lesson):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(lesson.url)
    assert page_cache.HIT_HEADER not in client.get(lesson.url)
