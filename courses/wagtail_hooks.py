"""Admin screens for the learning snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym, Skill, Video


class SkillViewSet(SnippetViewSet):
    model = Skill
    icon = "tick-inverse"
    menu_label = _("Skills")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "code"]


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["title", "topic", "duration_label", "locale"]
    list_filter = ["topic", "locale"]


class SearchSynonymViewSet(SnippetViewSet):
    """Abbreviations learners type in search ("cccd"), kept by editors per language."""

    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = True
    menu_order = 230
    list_display = ["term", "phrase", "locale"]
    list_filter = ["locale"]
    search_fields = ["term", "phrase"]


register_snippet(SkillViewSet)
register_snippet(SearchSynonymViewSet)
register_snippet(VideoViewSet)
