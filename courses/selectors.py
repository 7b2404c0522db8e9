"""Reads for the learner side: search ignoring Vietnamese diacritics."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Locale

from core.text import fold

from .models import FaqPage, LessonPage, SearchSynonym, Video
from .models.pages import language_url

MAX_RESULTS = 20


@dataclass(frozen=True)
class SearchResult:
    kind: str  # "lesson", "video" or "faq"
    title: str
    url: str
    summary: str


def search_terms(*, query: str, locales: list[Locale]) -> list[list[str]]:
    """Each word of `query`, folded, with the phrases editors listed as its synonyms
    in `locales` ("cccd" -> ["cccd", "can cuoc cong dan"]). One query."""
    words = fold(query).split()
    if not words:
        return []
    phrases: dict[str, list[str]] = {}
    for term, phrase in SearchSynonym.objects.filter(
        locale__in=locales, term__in=set(words)
    ).values_list("term", "phrase"):
        phrases.setdefault(term, []).append(fold(phrase))
    return [[word, *phrases.get(word, [])] for word in words]


def _match_all(queryset, terms: list[list[str]]):
    # Every word (or one of its synonyms) must appear in the folded text; the folded
    # column is lower-case ASCII, so a case-sensitive LIKE behaves the same on SQLite
    # and PostgreSQL.
    for alternatives in terms:
        match = Q()
        for alternative in alternatives:
            match |= Q(search_text__contains=alternative)
        queryset = queryset.filter(match)
    return queryset


def _matches(text: str, terms: list[list[str]]) -> bool:
    haystack = fold(text)
    return all(any(alt in haystack for alt in alternatives) for alternatives in terms)


def _search_locale(terms, locale: Locale, request, *, untranslated_in=None) -> list[SearchResult]:
    """Results in `locale`; with `untranslated_in`, only pages not live in that locale."""
    results: list[SearchResult] = []
    lessons = _match_all(LessonPage.objects.live().filter(locale=locale), terms)
    faqs = _match_all(FaqPage.objects.live().filter(locale=locale), terms)
    if untranslated_in is not None:
        for model in (LessonPage, FaqPage):
            translated = model.objects.live().filter(locale=untranslated_in)
            keys = translated.values("translation_key")
            if model is LessonPage:
                lessons = lessons.exclude(translation_key__in=keys)
            else:
                faqs = faqs.exclude(translation_key__in=keys)
    for lesson in lessons.order_by("path")[:MAX_RESULTS]:
        results.append(
            SearchResult("lesson", lesson.title, lesson.get_url(request=request), lesson.intro)
        )
    if untranslated_in is None:  # a library page lists its own language's videos only
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
    for faq in faqs[:MAX_RESULTS]:
        page_url = faq.get_url(request=request)
        for item in faq.faq_items():
            if _matches(f"{item['question']} {item['paraphrases']} {item['text']}", terms):
                results.append(
                    SearchResult(
                        "faq", item["question"], f"{page_url}#{item['anchor']}", item["text"]
                    )
                )
    return results


def learning_search(
    *, query: str, locale: Locale, fallback: Locale | None = None, request=None
) -> list[SearchResult]:
    """Lessons, videos and FAQ answers in `locale` whose text contains every word of `query`
    (or a synonym editors listed for it), compared without diacritics ("dang ky khai sinh"
    finds "Đăng ký khai sinh").

    With `fallback` (the source language), lessons and FAQ pages that have no live
    translation in `locale` are searched there too, and linked under `locale`'s prefix.
    Four queries without fallback, about twice that with it, whatever the number of results.
    """
    locales = [locale] if fallback is None or fallback == locale else [locale, fallback]
    terms = search_terms(query=query, locales=locales)
    if not terms:
        return []
    results = _search_locale(terms, locale, request)
    if len(locales) == 2:
        for result in _search_locale(terms, fallback, request, untranslated_in=locale):
            url = language_url(result.url, locale.language_code)
            results.append(SearchResult(result.kind, result.title, url, result.summary))
    return results
