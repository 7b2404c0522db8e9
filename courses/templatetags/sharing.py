"""Tags for links that preview in chat apps and search engines.

`{% share_meta %}` (learner pages): meta description, Open Graph and Twitter card
tags, hreflang alternates with x-default. `{% alternate_links %}` (any other public
page): the same page under each language prefix, when it has one.

A link pasted into Zalo or Facebook shows og:title, og:description and og:image: a
1200×630 JPEG rendition of the page's picture (a lesson's first screenshot, a
course's first lesson's, the video library's first poster) when it is at least that
large, else the default card (literacy/static/img/share-card.png).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.links import absolute_url

register = template.Library()

CARD_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
CARD_SIZE = (1200, 630)
DEFAULT_CARD = "img/share-card.png"
OG_LOCALES = {"vi": "vi_VN", "en": "en_GB", "de": "de_DE"}
DESCRIPTION_LENGTH = 200


def default_description() -> str:
    return _(
        "Free step-by-step lessons with pictures and videos: the e-ID app, public services "
        "online, staying safe from scams, keeping in touch with family."
    )


def _first_step_image(lesson):
    for block in lesson.steps:
        if block.block_type == "step" and block.value.get("image"):
            return block.value["image"], block.value.get("image_alt") or lesson.title
    return None, ""


def page_image(page, context) -> tuple[object | None, str]:
    """The picture that stands for `page` in a card, and its description."""
    from courses.models import CoursePage, LessonPage, VideoLibraryPage

    if isinstance(page, LessonPage):
        return _first_step_image(page)
    if isinstance(page, CoursePage):
        for lesson in context.get("lessons") or []:
            image, alt = _first_step_image(lesson)
            if image is not None:
                return image, alt
    if isinstance(page, VideoLibraryPage):
        videos = context.get("videos")
        for video in videos or []:
            if video.poster_id:
                return video.poster, video.title
    return None, ""


def _card(page, context, request) -> dict:
    image, alt = page_image(page, context) if page is not None else (None, "")
    # Wagtail never enlarges: a picture smaller than the card would make a small,
    # blurred preview, so such pages get the default card.
    if image is not None and image.width >= CARD_SIZE[0] and image.height >= CARD_SIZE[1]:
        try:
            rendition = image.get_rendition(CARD_SPEC)
        except (OSError, ValueError):  # a missing or broken file must not break the page
            rendition = None
        if rendition is not None:
            return {
                "url": absolute_url(rendition.url, request),
                "width": rendition.width,
                "height": rendition.height,
                "alt": alt,
                "type": "image/jpeg",
            }
    return {
        "url": absolute_url(static(DEFAULT_CARD), request),
        "width": CARD_SIZE[0],
        "height": CARD_SIZE[1],
        "alt": _("Digital Literacy: step-by-step lessons"),
        "type": "image/png",
    }


def alternates(context) -> tuple[list[dict], str]:
    """(hreflang links with absolute URLs, the x-default URL) for the page in `context`."""
    request = context.get("request")
    links = context.get("language_links")
    if links:
        found = [
            {"code": link["code"], "url": absolute_url(link["url"], request)}
            for link in links
            if link.get("translated")
        ]
    elif request is not None:
        urls = {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES}
        if len(set(urls.values())) < len(urls):
            return [], ""  # not a page with a version per language
        found = [{"code": code, "url": absolute_url(url, request)} for code, url in urls.items()]
    else:
        return [], ""
    default = next((a["url"] for a in found if a["code"] == settings.LANGUAGE_CODE), "")
    return found, default or (found[0]["url"] if found else "")


@register.inclusion_tag("courses/includes/share_meta.html", takes_context=True)
def share_meta(context) -> dict:
    from courses.models import LessonPage

    request = context.get("request")
    page = context.get("page")
    description = ""
    if page is not None:
        description = page.search_description or getattr(page, "intro", "") or ""
    description = description or context.get("meta_description") or default_description()
    title = (page.seo_title or page.title) if page is not None else context.get("meta_title", "")
    language = get_language() or settings.LANGUAGE_CODE
    links, default = alternates(context)
    return {
        "description": Truncator(" ".join(description.split())).chars(DESCRIPTION_LENGTH),
        "title": title or _("Digital Literacy"),
        "url": absolute_url(request.path, request) if request is not None else "",
        "type": "article" if isinstance(page, LessonPage) else "website",
        "image": _card(page, context, request),
        "locale": OG_LOCALES.get(language, language),
        "locale_alternates": [
            OG_LOCALES.get(link["code"], link["code"]) for link in links if link["code"] != language
        ],
        "alternates": links,
        "x_default": default,
    }


@register.inclusion_tag("courses/includes/alternate_links.html", takes_context=True)
def alternate_links(context) -> dict:
    links, default = alternates(context)
    return {"alternates": links, "x_default": default}


@register.inclusion_tag("courses/includes/share_button.html", takes_context=True)
def share_button(context) -> dict:
    """A "Share" button (Web Share API, else copy the link); hidden until share.js runs."""
    request = context.get("request")
    page = context.get("page")
    return {
        "url": absolute_url(request.path, request) if request is not None else "",
        "title": (page.seo_title or page.title) if page is not None else "",
    }
