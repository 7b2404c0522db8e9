"""Reads for the learner side: search ignoring Vietnamese diacritics."""

from dataclasses import dataclass

from wagtail.models import Locale

from core.text import fold

from .models import FaqPage, LessonPage, Video

MAX_RESULTS = 20


@dataclass(frozen=True)
class SearchResult:
    kind: str  # "lesson", "video" or "faq"
    title: str
    url: str
    summary: str


def _match_all(queryset, terms: list[str]):
    # Every term must appear in the folded text; the folded column is lower-case
    # ASCII, so a case-sensitive LIKE behaves the same on SQLite and PostgreSQL.
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def learning_search(*, query: str, locale: Locale, request=None) -> list[SearchResult]:
    """Lessons, videos and FAQ answers in `locale` whose text contains every word of `query`,
    compared without diacritics ("dang ky khai sinh" finds "Đăng ký khai sinh").

    Three queries whatever the number of results.
    """
    terms = fold(query).split()
    if not terms:
        return []
    results: list[SearchResult] = []
    lessons = _match_all(LessonPage.objects.live().filter(locale=locale), terms)
    for lesson in lessons.order_by("path")[:MAX_RESULTS]:
        results.append(
            SearchResult("lesson", lesson.title, lesson.get_url(request=request), lesson.intro)
        )
    videos = _match_all(Video.objects.filter(locale=locale), terms)[:MAX_RESULTS]
    library = None
    for video in videos:
        if library is None:
            from .models import VideoLibraryPage

            library = VideoLibraryPage.objects.live().filter(locale=locale).first()
        base = library.get_url(request=request) if library else ""
        results.append(
            SearchResult("video", video.title, f"{base}#{video.anchor}", video.description)
        )
    for faq in _match_all(FaqPage.objects.live().filter(locale=locale), terms)[:MAX_RESULTS]:
        page_url = faq.get_url(request=request)
        for item in faq.faq_items():
            haystack = fold(f"{item['question']} {item['text']}")
            if all(term in haystack for term in terms):
                results.append(
                    SearchResult(
                        "faq", item["question"], f"{page_url}#{item['anchor']}", item["text"]
                    )
                )
    return results
