"""A shared cache for the pages anonymous learners read.

Lesson, course, video-library and FAQ pages are the same for every
anonymous visitor in a language, and they are most of the traffic. Without
a cache a lesson page costs about 18 queries and 24 ms of rendering; from the
cache it costs one or two cache reads.

What is cached: a 200 answer of Wagtail's page view (``wagtail_serve``, so
a page's sub-routes such as the print view too) to a GET without a query
string from a visitor who is not logged in, that set no cookie and used no
CSRF token. The key holds the host, the path and the active language.

Invalidation: any change to pages, snippets, images or documents (publish,
unpublish, move, delete, a saved snippet) bumps one generation number kept
in the same cache, so every process sees the change at once; older entries
are never read again and expire by themselves.

The cache is ``CACHES["pages"]``: Redis when REDIS_URL is set, else files
on disk, which every process on the machine shares. ``PAGE_CACHE_SECONDS``
= 0 turns it off (the tests do, except where they test it).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import translation

GENERATION_KEY = "pages:generation"
# Apps whose rows can appear on a learner page.
CONTENT_APPS = frozenset(
    {
        "wagtailcore",
        "courses",
        "wagtailimages",
        "wagtaildocs",
        "wagtailredirects",
        "wagtail_localize",
    }
)
CACHED_VIEW = "wagtail_serve"
HIT_HEADER = "X-Page-Cache"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _generation(cache) -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate() -> None:
    """Make every cached page stale (one write; entries expire by themselves)."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: nothing is cached under one
        cache.add(GENERATION_KEY, 2, timeout=None)


def _invalidate_on_content_change(sender, **kwargs) -> None:
    # A model marked `page_cache_neutral` (screen reports, read counts) never changes
    # a page by being saved; it sends core.signals.learner_pages_changed when it does.
    if sender._meta.app_label in CONTENT_APPS and not getattr(sender, "page_cache_neutral", False):
        invalidate()


def connect_signals() -> None:
    """Called once from the project's AppConfig.ready()."""
    post_save.connect(_invalidate_on_content_change, dispatch_uid="page_cache_save")
    post_delete.connect(_invalidate_on_content_change, dispatch_uid="page_cache_delete")
    from core.signals import learner_pages_changed

    learner_pages_changed.connect(
        lambda **kwargs: invalidate(), weak=False, dispatch_uid="page_cache_learner_pages"
    )
    # Publishing, unpublishing and moving save the page row (post_save above);
    # these signals also fire when only the tree or live state changes.
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(
            lambda **kwargs: invalidate(), weak=False, dispatch_uid=f"page_cache_{signal}"
        )


class AnonymousPageCacheMiddleware:
    """Serves anonymous learner pages from the shared cache (see the module docstring).

    Sits after the locale and authentication middleware, so the key has the
    visitor's language and logged-in people are never served a shared copy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        cache = page_cache()
        key = self._key(request, _generation(cache))
        stored = cache.get(key)
        if stored is not None:
            return self._rebuild(stored)
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            cache.set(key, self._freeze(response), timeout=seconds)
            response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.META.get("QUERY_STRING")
            and not request.user.is_authenticated
        )

    @staticmethod
    def _cacheable_response(request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        cache_control = response.get("Cache-Control", "")
        return (
            match is not None
            and match.url_name == CACHED_VIEW
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def _key(request, generation: int) -> str:
        return (
            f"pages:{generation}:{translation.get_language()}:{request.get_host()}:{request.path}"
        )

    @staticmethod
    def _freeze(response) -> dict:
        headers = {k: v for k, v in response.items() if k.lower() != "set-cookie"}
        return {"status": response.status_code, "headers": headers, "content": response.content}

    @staticmethod
    def _rebuild(stored: dict) -> HttpResponse:
        response = HttpResponse(stored["content"], status=stored["status"])
        for name, value in stored["headers"].items():
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response
