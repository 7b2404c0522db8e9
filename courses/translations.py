"""Translations whose source page has changed since they were last brought up to date.

wagtail-localize records when it last read a source page
(``TranslationSource.last_updated_at``: at "Translate this page" and at each
"Sync translated pages"). A translation is out of date when its source page
was published after that: the translated page may still show last year's
screens or steps. Editors see the list in Reports → Translations out of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, OuterRef, Subquery
from wagtail.models import Page
from wagtail_localize.models import Translation


@dataclass(frozen=True)
class StaleTranslation:
    source: Page
    target_language: str
    source_published_at: datetime
    synced_at: datetime


def out_of_date_translations() -> list[StaleTranslation]:
    """Enabled page translations whose source was published after their last sync, oldest sync first.

    Two queries, whatever the number of pages.
    """
    source_page = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale=OuterRef("source__locale")
    )
    rows = list(
        Translation.objects.filter(enabled=True)
        .annotate(
            source_page_id=Subquery(source_page.values("pk")[:1]),
            source_published_at=Subquery(source_page.values("last_published_at")[:1]),
        )
        .filter(source_published_at__gt=F("source__last_updated_at"))
        .select_related("source", "target_locale")
        .order_by("source__last_updated_at")
    )
    pages = Page.objects.in_bulk([row.source_page_id for row in rows])
    return [
        StaleTranslation(
            source=pages[row.source_page_id],
            target_language=row.target_locale.get_display_name(),
            source_published_at=row.source_published_at,
            synced_at=row.source.last_updated_at,
        )
        for row in rows
        if row.source_page_id in pages
    ]
