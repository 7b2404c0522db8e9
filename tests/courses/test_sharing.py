"""Links that preview in chat: Open Graph and Twitter card tags, meta description and
hreflang alternates, checked by parsing the rendered pages; the Share button."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from . import factories


class Head(HTMLParser):
    """The <meta> and <link rel=alternate> tags of a page, and its Share button."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.alternates: dict[str, str] = {}
        self.share: dict | None = None
        self.scripts: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel") == "alternate":
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "button" and "data-share" in attrs:
            self.share = attrs
        elif tag == "script":
            self.scripts.append(attrs)

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]


def head(client, url: str) -> Head:
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.fixture
def pages(course, library, faq):
    image = factories.ImageFactory(file__width=1600, file__height=1000)
    lesson = factories.LessonPageFactory(
        parent=course,
        title="Cài đặt VNeID",
        intro="VNeID là ứng dụng định danh điện tử.",
        steps=[factories.step(image=image, alt="Màn hình CH Play")],
    )
    poster = factories.ImageFactory(file__width=1280, file__height=720)
    video = factories.VideoFactory(title="Cài VNeID trong một phút", poster=poster)
    return {"lesson": lesson, "course": course, "library": library, "faq": faq, "video": video}


def assert_card(found: Head, *, title: str, url: str, image_prefix: str):
    assert found.one("og:title") == title
    assert found.one("twitter:title") == title
    assert found.one("og:url") == f"http://testserver{url}"
    assert found.one("og:description") and found.one("description")
    assert found.one("og:image").startswith(image_prefix)
    assert found.one("twitter:image") == found.one("og:image")
    assert (found.one("og:image:width"), found.one("og:image:height")) == ("1200", "630")
    assert found.one("twitter:card") == "summary_large_image"
    assert found.one("og:locale") == "vi_VN"


@pytest.mark.django_db
def test_lesson_course_video_and_faq_pages_carry_a_card(client, pages):
    lesson, course = pages["lesson"], pages["course"]
    found = head(client, lesson.url)
    assert_card(
        found, title="Cài đặt VNeID", url=lesson.url, image_prefix="http://testserver/media/"
    )
    assert ".fill-1200x630" in found.one("og:image")
    assert found.one("og:type") == "article"
    assert found.one("description") == "VNeID là ứng dụng định danh điện tử."
    assert found.one("og:image:alt") == "Màn hình CH Play"
    # The course shows its first lesson's screenshot; the library its first poster.
    found = head(client, course.url)
    assert_card(found, title=course.title, url=course.url, image_prefix="http://testserver/media/")
    found = head(client, pages["library"].url)
    assert_card(
        found,
        title=pages["library"].title,
        url=pages["library"].url,
        image_prefix="http://testserver/media/",
    )
    # The FAQ has no picture: the default card.
    found = head(client, pages["faq"].url)
    assert_card(
        found,
        title=pages["faq"].title,
        url=pages["faq"].url,
        image_prefix="http://testserver/static/img/share-card",
    )


@pytest.mark.django_db
def test_translations_are_alternates_with_x_default(client, pages, english):
    home = pages["course"].get_parent().get_parent().specific
    home.copy_for_translation(english).save_revision().publish()
    found = head(client, "/en/")
    assert found.alternates == {
        "vi": "http://testserver/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/",
    }
    assert found.one("og:locale") == "en_GB"
    assert found.meta["og:locale:alternate"] == ["vi_VN"]
    # An untranslated lesson links only the language it exists in.
    found = head(client, pages["lesson"].url)
    assert found.alternates == {
        "vi": f"http://testserver{pages['lesson'].url}",
        "x-default": f"http://testserver{pages['lesson'].url}",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/search/?q=vneid", "/en/ask/?q=vneid", "/accounts/login/", "/offline/"]
)
def test_every_public_page_has_a_description_and_language_alternates(client, pages, url):
    found = head(client, url)
    assert found.one("description")
    path = url.split("?")[0].removeprefix("/en")
    assert found.alternates["vi"].startswith(f"http://testserver{path}")
    assert found.alternates["de"].startswith(f"http://testserver/de{path}")
    assert found.alternates["x-default"] == found.alternates["vi"]


@pytest.mark.django_db
def test_a_page_outside_the_language_prefixes_has_no_alternates(client, db):
    found = head(client, reverse("volunteers:verify_form"))
    assert found.one("description")
    assert found.alternates == {}


@pytest.mark.django_db
def test_share_button_is_a_static_script_not_inline(client, pages):
    for name in ("lesson", "course", "library", "faq"):
        found = head(client, pages[name].url)
        assert found.share is not None, name
        assert found.share["data-share-url"] == f"http://testserver{pages[name].url}"
        assert found.share["data-copied"] == "Đã sao chép liên kết"
        assert all(script.get("src") for script in found.scripts), "no inline script"
        assert any(script["src"].endswith("courses/share.js") for script in found.scripts)


@pytest.mark.django_db
def test_a_picture_smaller_than_the_card_gives_the_default_card(client, course):
    small = factories.ImageFactory(file__width=480, file__height=860)
    lesson = factories.LessonPageFactory(
        parent=course, steps=[factories.step(image=small, alt="Màn hình")]
    )
    found = head(client, lesson.url)
    assert found.one("og:image").startswith("http://testserver/static/img/share-card")
    assert (found.one("og:image:width"), found.one("og:image:height")) == ("1200", "630")
