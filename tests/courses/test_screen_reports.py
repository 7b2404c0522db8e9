""" "My screen looks different" (issue 12): anonymous learners and volunteers report a step,
rate-limited, with an optional photo checked like any upload; editors see one queue
grouped per step; the lesson says it is being updated, also from the page cache."""

import io

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from courses.models import ScreenReport
from courses.services.screen_reports import screen_report_queue
from literacy import page_cache
from tests.world import WorldBuilder

from . import factories
from .test_editors import people  # noqa: F401 (the demo editor and moderator)

NOTE = "Nút bây giờ tên là “Tiếp tục”, không còn “Đăng nhập”."


@pytest.fixture
def lesson(course):
    return factories.LessonPageFactory(
        parent=course,
        title="Đăng nhập VNeID",
        steps=[
            factories.step(title="Mở ứng dụng", instruction="Chạm vào VNeID."),
            factories.step(title="Bấm Đăng nhập", instruction="Bấm nút Đăng nhập."),
        ],
    )


@pytest.fixture(autouse=True)
def fresh_limits():
    caches["default"].clear()  # django-ratelimit counts in the default cache
    yield
    caches["default"].clear()


def step_id(lesson, number: int) -> str:
    return [block.id for block in lesson.steps if block.block_type == "step"][number - 1]


def report_url(lesson, number: int = 2) -> str:
    return reverse("courses:screen_report", args=[lesson.pk, step_id(lesson, number)])


def png(size=(40, 60)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#b3261e").save(buffer, format="PNG")
    return SimpleUploadedFile("screen.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_every_step_links_to_its_report_form_without_javascript(lesson, client):
    html = client.get(lesson.url).content.decode()
    assert report_url(lesson, 1) in html and report_url(lesson, 2) in html
    form = client.get(report_url(lesson))
    assert form.status_code == 200
    assert "Bấm Đăng nhập" in form.content.decode()


@pytest.mark.django_db
def test_an_anonymous_learner_reports_and_the_lesson_says_it_is_being_updated(lesson, client):
    response = client.post(report_url(lesson), {"note": NOTE, "version_seen": "2.3"})
    assert response.status_code == 200
    assert "Cảm ơn" in response.content.decode()
    report = ScreenReport.objects.get()
    assert (report.step_number, report.reporter, report.note) == (2, None, NOTE)
    html = client.get(lesson.url).content.decode()
    assert html.count("being-updated") == 1 and html.count("step-updating") == 1


@pytest.mark.django_db
def test_a_volunteer_report_names_the_volunteer(lesson, client):
    builder = WorldBuilder()
    district = builder.area("Quận 1", "district")
    volunteer = builder.member(builder.user("volunteer"), builder.team(district))
    client.force_login(volunteer)
    client.post(report_url(lesson), {"note": NOTE})
    assert ScreenReport.objects.get().reporter == volunteer


@pytest.mark.django_db
def test_an_empty_report_is_refused_with_a_reason(lesson, client):
    response = client.post(report_url(lesson), {"note": "  "})
    assert response.status_code == 400
    assert "Hãy cho biết" in response.content.decode()
    assert not ScreenReport.objects.exists()


@pytest.mark.django_db
def test_a_bad_photo_is_refused_in_the_learners_language_and_the_text_is_kept(lesson, client):
    fake = SimpleUploadedFile("screen.png", b"<?php echo 1; ?>", content_type="image/png")
    response = client.post(report_url(lesson), {"note": NOTE, "photo": fake})
    html = response.content.decode()
    assert response.status_code == 400
    assert "không phải là ảnh" in html
    assert "Tiếp tục" in html  # the note is still in the form
    assert not ScreenReport.objects.exists()
    response = client.post(
        "/en" + report_url(lesson), {"note": NOTE, "photo": SimpleUploadedFile("a.jpg", b"x")}
    )
    assert "not a photo we can read" in response.content.decode()


@pytest.mark.django_db
def test_a_photo_is_kept_private_and_without_its_metadata(lesson, client, people):  # noqa: F811
    editor, _moderator = people
    client.post(report_url(lesson), {"note": "", "photo": png()})
    report = ScreenReport.objects.get()
    assert report.photo.name.endswith(".jpg")
    with report.photo.open("rb") as handle:
        kept = Image.open(handle)
        assert kept.format == "JPEG" and not kept.info.get("exif")
    photo_url = reverse("screen_report_photo", args=[report.pk])
    assert client.get(photo_url).status_code in (302, 403)  # a learner cannot see it
    client.force_login(editor)
    response = client.get(photo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_reports_are_rate_limited_per_connection_and_keep_the_text(lesson, client):
    for _ in range(10):
        assert client.post(report_url(lesson), {"note": "khác"}).status_code == 200
    response = client.post(report_url(lesson), {"note": NOTE})
    assert response.status_code == 429
    assert "Tiếp tục" in response.content.decode()
    assert ScreenReport.objects.count() == 10


@pytest.mark.django_db
def test_an_unknown_step_or_lesson_is_a_404(lesson, client):
    url = reverse("courses:screen_report", args=[lesson.pk, "0b7d1f0e-0000-4000-8000-000000000000"])
    assert client.post(url, {"note": NOTE}).status_code == 404
    assert client.get(f"/lessons/{lesson.pk}/steps/not-a-uuid/looks-different/").status_code == 404
    assert (
        client.get(
            f"/lessons/99999999999999999999/steps/{step_id(lesson, 1)}/looks-different/"
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_queue_groups_reports_per_step_newest_first(
    lesson, course, client, django_assert_max_num_queries
):
    other = factories.LessonPageFactory(parent=course, title="Bài khác")
    for _ in range(3):
        client.post(report_url(lesson), {"note": NOTE})
    client.post(report_url(lesson, 1), {"note": "Màn hình đầu khác"})
    client.post(report_url(other, 1), {"note": "Khác hẳn"})
    with django_assert_max_num_queries(3):
        queue = screen_report_queue()
    assert [(item.lesson.title, item.step_number, item.count) for item in queue] == [
        ("Bài khác", 1, 1),
        ("Đăng nhập VNeID", 1, 1),
        ("Đăng nhập VNeID", 2, 3),
    ]


@pytest.mark.django_db
def test_editors_see_the_queue_and_mark_a_step_checked(lesson, client, people):  # noqa: F811
    editor, _moderator = people
    client.post(report_url(lesson), {"note": NOTE})
    client.force_login(editor)
    html = client.get(reverse("screen_report_queue")).content.decode()
    assert "Đăng nhập VNeID" in html and "Tiếp tục" in html
    resolve = reverse("screen_reports_resolve", args=[lesson.pk, step_id(lesson, 2)])
    assert client.get(resolve).status_code == 405
    client.post(resolve)
    assert not ScreenReport.objects.filter(resolved_at__isnull=True).exists()
    assert ScreenReport.objects.get().resolved_by == editor
    client.logout()
    assert "being-updated" not in client.get(lesson.url).content.decode()


@pytest.mark.django_db
def test_people_without_the_permission_cannot_see_or_resolve(lesson, client, django_user_model):
    client.post(report_url(lesson), {"note": NOTE})
    nobody = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(nobody)
    assert client.get(reverse("screen_report_queue")).status_code in (302, 403)
    resolve = reverse("screen_reports_resolve", args=[lesson.pk, step_id(lesson, 2)])
    assert client.post(resolve).status_code in (302, 403)
    assert ScreenReport.objects.filter(resolved_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_cached_lesson_shows_the_notice_and_later_reports_keep_the_cache(
    lesson, client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    try:
        assert client.get(lesson.url)["X-Page-Cache"] == "miss"
        assert client.get(lesson.url)["X-Page-Cache"] == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            client.post(report_url(lesson), {"note": NOTE})
        response = client.get(lesson.url)
        assert response["X-Page-Cache"] == "miss" and "being-updated" in response.content.decode()
        assert client.get(lesson.url)["X-Page-Cache"] == "hit"
        generation = page_cache._generation(caches["pages"])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(report_url(lesson), {"note": "Một lần nữa"})
        assert page_cache._generation(caches["pages"]) == generation  # nothing new to show
        assert client.get(lesson.url)["X-Page-Cache"] == "hit"
    finally:
        caches["pages"].clear()
