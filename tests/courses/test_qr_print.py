"""Print views and QR codes: decoded with a real decoder (zxing-cpp)."""

import io

import pytest
import zxingcpp
from PIL import Image

from core.qr import qr_svg
from courses.models.pages import page_absolute_url

from . import factories


def decode(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.fixture
def lesson(course):
    image = factories.ImageFactory()
    return factories.LessonPageFactory(
        parent=course,
        title="Cài đặt VNeID",
        slug="cai-dat-vneid",
        steps=[
            factories.step(title="Mở CH Play", image=image, alt="Màn hình CH Play"),
            factories.step(
                title="Tìm VNeID", callout={"kind": "warning", "text": "Không cài từ link lạ."}
            ),
        ],
    )


@pytest.mark.django_db
def test_lesson_qr_png_opens_the_online_lesson(client, lesson):
    response = client.get(lesson.url + "qr/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert decode(response.content) == ["http://testserver" + lesson.url]


@pytest.mark.django_db
def test_lesson_print_view_has_every_step_picture_and_the_same_qr(client, lesson):
    response = client.get(lesson.url + "print/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "courses/print.css" in html
    assert "Bước 1" in html and "Mở CH Play" in html and "Tìm VNeID" in html
    assert 'alt="Màn hình CH Play"' in html and ".webp" in html
    assert "Không cài từ link lạ." in html
    url = page_absolute_url(lesson)
    assert url == "http://testserver" + lesson.url
    # The inline SVG is exactly the QR of that URL, whose PNG form decodes to it.
    assert (qr_svg(url)) in html
    assert "<?xml" not in html
    assert f'<span class="url">{url}</span>' in html


@pytest.mark.django_db
def test_lesson_links_to_its_print_view(client, lesson):
    html = client.get(lesson.url).content.decode()
    assert f'href="{lesson.url}print/"' in html


@pytest.mark.django_db
def test_course_poster_and_qr(client, course, lesson):
    response = client.get(course.url + "poster/")
    html = response.content.decode()
    assert response.status_code == 200
    assert course.title in html and lesson.title in html
    assert (qr_svg("http://testserver" + course.url)) in html
    assert decode(client.get(course.url + "qr/").content) == ["http://testserver" + course.url]
    assert f'href="{course.url}poster/"' in client.get(course.url).content.decode()


@pytest.mark.django_db
def test_qr_uses_the_request_host_without_site_base_url(client, lesson, settings):
    settings.SITE_BASE_URL = ""
    response = client.get(lesson.url + "qr/", HTTP_HOST="example.org")
    assert decode(response.content) == ["http://example.org" + lesson.url]
