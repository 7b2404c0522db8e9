from django.conf import settings
from django.shortcuts import render
from wagtail.models import Locale

from .models.pages import language_url
from .selectors import learning_search


def search(request):
    """Search page: /search/?q=... over lessons, videos and FAQs in the current language,
    and over the source language's pages that have no translation yet."""
    query = request.GET.get("q", "").strip()[:200]
    default = Locale.get_default()
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = default
    results = (
        learning_search(query=query, locale=locale, fallback=default, request=request)
        if query
        else []
    )
    path = request.get_full_path()
    language_links = [
        {"code": code, "name": name, "url": language_url(path, code), "translated": True}
        for code, name in settings.LANGUAGES
    ]
    return render(
        request,
        "courses/search.html",
        {"query": query, "results": results, "language_links": language_links},
    )
