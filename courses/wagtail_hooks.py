"""Admin screens for the learning snippets."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import App, AutosavedDraft, SearchSynonym, Skill, UnansweredQuestion, Video
from .models.drafts import free_slug_of_abandoned_drafts
from .models.pages import learner_slug


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


class AppViewSet(SnippetViewSet):
    """The apps lessons teach and their current versions (issue 12: lessons that stay true)."""

    model = App
    icon = "mobile-alt"
    menu_label = _("Apps")
    add_to_admin_menu = True
    menu_order = 225
    list_display = ["name", "current_version", "version_changed_on"]
    search_fields = ["name"]


register_snippet(AppViewSet)


class UnansweredQuestionViewSet(SnippetViewSet):
    """Questions the "Ask a question" box found no answer for, most asked first: what
    editors turn into FAQ entries (or paraphrases of one). Folded text only, no personal
    data. Editors may mark a question answered or delete it; nobody adds one by hand."""

    model = UnansweredQuestion
    icon = "help"
    menu_label = _("Unanswered questions")
    add_to_admin_menu = True
    menu_order = 235
    list_display = [
        "text",
        "language",
        "times_asked",
        "last_asked_at",
        BooleanColumn(  # a tick, not "False"
            "resolved", label=capfirst(UnansweredQuestion._meta.get_field("resolved").verbose_name)
        ),
    ]
    list_filter = ["language", "resolved"]
    copy_view_enabled = False
    panels = [FieldPanel("text", read_only=True), FieldPanel("resolved")]


register_snippet(UnansweredQuestionViewSet)
register_snippet(SkillViewSet)
register_snippet(SearchSynonymViewSet)
register_snippet(VideoViewSet)


# --- Autosaved drafts of abandoned pages must not block the slug (issue 11) ---------
# Wagtail 8's autosave creates the page (a JSON POST to the create view) before the
# editor saves anything. Such pages are marked; a manual save, submit or publish (an
# HTML POST to the edit view) removes the mark; a new page with the same slug by the
# same user under the same parent deletes the still-marked abandoned draft first.


def _is_autosave(request) -> bool:
    return not request.accepts("text/html")


@hooks.register("after_create_page")
def mark_autosaved_draft(request, page):
    if _is_autosave(request) and not page.live:
        AutosavedDraft.objects.get_or_create(page=page, defaults={"user": request.user})


@hooks.register("after_edit_page")
def unmark_saved_draft(request, page):
    if not _is_autosave(request):
        AutosavedDraft.objects.filter(page=page).delete()


@hooks.register("before_create_page")
def free_slug_for_new_page(request, parent_page, page_class):
    slug = request.POST.get("slug", "").strip() if request.method == "POST" else ""
    if slug:
        free_slug_of_abandoned_drafts(parent_page, learner_slug(slug) or slug, request.user)


# --- translations out of date ---------------------------------------------------


def out_of_date_report(request):
    """Reports → Translations out of date: pages changed since their translations were synced."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import render

    from .translations import out_of_date_translations

    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    return render(
        request,
        "courses/admin/translations_out_of_date.html",
        {"rows": out_of_date_translations(), "header_title": _("Translations out of date")},
    )


@hooks.register("register_admin_urls")
def translations_report_urls():
    from django.urls import path

    return [
        path(
            "reports/translations-out-of-date/",
            out_of_date_report,
            name="translations_out_of_date",
        )
    ]


@hooks.register("register_reports_menu_item")
def translations_report_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    # Editors, not only administrators, keep translations true.
    return MenuItem(
        _("Translations out of date"),
        reverse("translations_out_of_date"),
        icon_name="doc-empty-inverse",
        order=700,
    )


# --- lessons that stay true (issue 12) -------------------------------------------


@hooks.register("register_admin_urls")
def lessons_that_stay_true_urls():
    from django.urls import path

    from core.converters import register_id_converter

    from . import admin_views

    register_id_converter()
    return [
        path(
            "reports/lessons-to-review/",
            admin_views.LessonsToReviewView.as_view(),
            name="lessons_to_review",
        ),
        path(
            "reports/screens-look-different/",
            admin_views.ScreenReportQueueView.as_view(),
            name="screen_report_queue",
        ),
        path(
            "reports/screens-look-different/<id:lesson_id>/<uuid:step_id>/resolve/",
            admin_views.screen_reports_resolve_view,
            name="screen_reports_resolve",
        ),
        path(
            "reports/screens-look-different/photo/<id:report_id>/",
            admin_views.screen_report_photo_view,
            name="screen_report_photo",
        ),
        path(
            "reports/find-in-steps/",
            admin_views.StepPhraseSearchView.as_view(),
            name="step_phrase_search",
        ),
    ]


class _PermittedMenuItem:
    """A Reports menu item shown only to who may open it."""

    @staticmethod
    def make(label, url_name, icon, order, is_allowed):
        from django.urls import reverse
        from wagtail.admin.menu import MenuItem

        class Item(MenuItem):
            def is_shown(self, request):
                return is_allowed(request.user)

        return Item(label, reverse(url_name), icon_name=icon, order=order)


def _edits_pages(user) -> bool:
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def lessons_to_review_menu_item():
    return _PermittedMenuItem.make(
        _("Lessons to review"), "lessons_to_review", "time", 710, _edits_pages
    )


@hooks.register("register_reports_menu_item")
def screen_report_queue_menu_item():
    from .admin_views import can_handle_screen_reports

    return _PermittedMenuItem.make(
        _("Screens that look different"),
        "screen_report_queue",
        "warning",
        720,
        can_handle_screen_reports,
    )


@hooks.register("register_reports_menu_item")
def step_phrase_search_menu_item():
    return _PermittedMenuItem.make(
        _("Find a phrase in lesson steps"), "step_phrase_search", "search", 730, _edits_pages
    )
