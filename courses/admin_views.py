"""Admin reports that keep lessons true (issue 12): lessons to review, the screen reports
queue, and a phrase search across every step. Listed under Reports in the admin menu."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import LessonPage, ScreenReport

MESSAGE_RESOLVED = _(
    "Step %(number)s of “%(lesson)s” is marked as checked; learners no longer see the notice."
)

screen_report_policy = ModelPermissionPolicy(ScreenReport)


def can_handle_screen_reports(user) -> bool:
    """Editors and moderators (the demo gives them the permission); photos may show personal data."""
    return screen_report_policy.user_has_permission(user, "change")


class LessonsToReviewView(ReportView):
    """Lessons whose steps show an older app version, or past their review-by date."""

    page_title = _("Lessons to review")
    header_icon = "time"
    results_template_name = "courses/admin/lessons_to_review_results.html"
    index_url_name = "lessons_to_review"
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 100

    def get_queryset(self):
        from .freshness import lessons_to_review

        return lessons_to_review()

    def get_filtered_queryset(self):
        return self.get_queryset()


class ScreenReportQueueView(ReportView):
    """One row per step with open "my screen looks different" reports, newest first."""

    page_title = _("Screens that look different")
    header_icon = "warning"
    results_template_name = "courses/admin/screen_report_queue_results.html"
    index_url_name = "screen_report_queue"
    permission_policy = screen_report_policy
    permission_required = "change"
    paginate_by = 50

    def get_queryset(self):
        from .services.screen_reports import screen_report_queue

        return screen_report_queue()

    def get_filtered_queryset(self):
        return self.get_queryset()


class StepPhraseSearchView(ReportView):
    """Every step of every lesson, in every language, that mentions a phrase."""

    page_title = _("Find a phrase in lesson steps")
    header_icon = "search"
    results_template_name = "courses/admin/step_phrase_search_results.html"
    index_url_name = "step_phrase_search"
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 100

    @property
    def phrase(self) -> str:
        return self.request.GET.get("phrase", "").strip()[:100]

    def get_queryset(self):
        from .phrase_search import steps_mentioning

        return steps_mentioning(self.phrase) if self.phrase else []

    def get_filtered_queryset(self):
        return self.get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["phrase"] = self.phrase
        return context


@require_POST
def screen_reports_resolve_view(request, lesson_id: int, step_id: str):
    """Mark the open reports of one step resolved (the editor checked or fixed the step)."""
    from .services.screen_reports import lesson_step, screen_reports_resolve

    if not can_handle_screen_reports(request.user):
        raise PermissionDenied
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    count = screen_reports_resolve(lesson=lesson, step_id=str(step_id), user=request.user)
    if count:
        step = lesson_step(lesson, str(step_id))
        number = step.number if step else "?"
        messages.success(request, MESSAGE_RESOLVED % {"number": number, "lesson": lesson.title})
    return redirect("screen_report_queue")


def screen_report_photo_view(request, report_id: int):
    """A report's photo, for those who handle reports only (never a public media URL)."""
    if not can_handle_screen_reports(request.user):
        raise PermissionDenied
    report = get_object_or_404(ScreenReport, pk=report_id)
    if not report.photo:
        raise Http404
    try:
        handle = report.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response
