from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit
from wagtail.models import Locale

from core.forms import add_validation_errors

from .forms import ScreenReportForm
from .models import LessonPage
from .models.pages import language_url, learner_url
from .selectors import learning_search
from .services.screen_reports import lesson_step, screen_report_create


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


SCREEN_REPORT_RATE = "10/h"
ERROR_RATE_LIMITED = _("Too many reports from this connection. Please try again in an hour.")


@never_cache
@ratelimit(
    group="screen-report", key="user_or_ip", rate=SCREEN_REPORT_RATE, method="POST", block=False
)
def screen_report(request, lesson_id: int, step_id: str):
    """ "My screen looks different" on one step: a plain form (works without JavaScript),
    for an anonymous learner or a logged-in volunteer; rate-limited like /verify/."""
    lesson = get_object_or_404(LessonPage.objects.live().select_related("locale"), pk=lesson_id)
    step = lesson_step(lesson, str(step_id))
    if step is None:
        raise Http404
    lesson_url = learner_url(lesson, request)
    context = {"lesson": lesson, "step": step, "lesson_url": lesson_url, "sent": False}
    form = ScreenReportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if request.limited:
            form.is_valid()
            form.add_error(None, ERROR_RATE_LIMITED)
            status = 429
        elif form.is_valid():
            try:
                screen_report_create(
                    lesson=lesson,
                    step_id=step.step_id,
                    note=form.cleaned_data["note"],
                    version_seen=form.cleaned_data["version_seen"],
                    photo=form.cleaned_data["photo"],
                    reporter=request.user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
                status = 400
            else:
                context["sent"] = True
                form = ScreenReportForm()
        else:
            status = 400
    context["form"] = form
    response = render(request, "courses/screen_report.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
