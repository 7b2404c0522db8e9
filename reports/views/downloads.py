"""My reports: ask for a workbook, watch it being built, download it, subscribe monthly.

Thin views over reports.services; access through volunteers.access. A
report belongs to the person who asked for it: anyone else (or anyone who
has since lost sight of its area) gets 404, never 403.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from volunteers import access
from volunteers import services as volunteer_services
from volunteers.models import AccessLog

from .. import selectors, services
from ..models import ReportRequest

LIST_LIMIT = 50
# The pickers list the user's own areas and two levels below; deeper areas are
# asked for from the dashboard, where one drills down to them.
PICKER_DEPTH = 2
PICKER_LIMIT = 500


def _area_choices(user) -> list[tuple[int, str]]:
    areas = access.visible_areas(user)
    top = areas.order_by("depth").values_list("depth", flat=True).first()
    if top is None:
        return []
    rows = areas.filter(depth__lte=top + PICKER_DEPTH).order_by("path")[:PICKER_LIMIT]
    return [(area.pk, area.indented_label(top_depth=top, detail="")) for area in rows]


def _language_choices():
    return [(code, name) for code, name in settings.LANGUAGES]


class ReportRequestForm(forms.Form):
    """Area (its primary key, never its official code) and period; the dashboard posts the same."""

    area = forms.IntegerField(label=gettext_lazy("Area"))
    start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=gettext_lazy("Language of the workbook"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()
        self.fields["area"].widget = forms.Select(choices=_area_choices(user))
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("start", today.replace(day=1))
            self.initial.setdefault("end", today)
            self.initial.setdefault("language", translation.get_language())


class SubscriptionForm(forms.Form):
    """Shown on the same page as ReportRequestForm: fields are prefixed "sub-"."""

    prefix = "sub"
    area = forms.IntegerField(label=gettext_lazy("Area"))
    language = forms.ChoiceField(label=gettext_lazy("Language of the workbook"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()
        self.fields["area"].widget = forms.Select(choices=_area_choices(user))
        self.initial.setdefault("language", translation.get_language())


def _render_list(request, *, form=None, subscription_form=None, status=200):
    user = request.user
    reports = list(selectors.reports_for_user(user)[:LIST_LIMIT])
    busy = any(
        r.status in (ReportRequest.Status.QUEUED, ReportRequest.Status.RUNNING) for r in reports
    )
    can_subscribe = access.can_subscribe(user)
    subscriptions = selectors.subscriptions_for_user(user) if can_subscribe else []
    context = {
        "reports": reports,
        "busy": busy,
        "form": form or ReportRequestForm(user=user),
        "can_subscribe": can_subscribe,
        "subscriptions": subscriptions,
        "subscription_form": subscription_form or SubscriptionForm(user=user),
    }
    return render(request, "reports/report_list.html", context, status=status)


@login_required
@require_GET
def report_list(request):
    return _render_list(request)


@login_required
@require_POST
def report_request(request):
    """Ask for a workbook (from this page or the dashboard); then back to the list."""
    form = ReportRequestForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_request_create(
                user=request.user,
                area=data["area"],
                start=data["start"],
                end=data["end"],
                language=data["language"] or translation.get_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            report.refresh_from_db()
            if report.status == ReportRequest.Status.READY:
                messages.success(request, _("Your report is ready to download."))
            else:
                messages.success(
                    request, _("Your report is being built. This page refreshes until it is ready.")
                )
            return redirect("reports:list")
    return _render_list(request, form=form, status=400)


@login_required
@require_POST
def report_retry(request, public_id):
    report = get_object_or_404(selectors.reports_for_user(request.user), public_id=public_id)
    try:
        services.report_request_retry(request=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your report is being built again."))
    return redirect("reports:list")


@login_required
@require_GET
def report_download(request, public_id):
    """The finished workbook, as an attachment; 404 for anyone but its owner or if not ready."""
    report = get_object_or_404(selectors.reports_for_user(request.user), public_id=public_id)
    path = services.report_file_path(report)
    if path is None:
        raise Http404("Report not ready")
    if report.include_names:
        volunteer_services.access_log_record(
            user=request.user,
            action=AccessLog.Action.EXPORT,
            detail=f"report {report.public_id} ({report.area.code})",
            area=report.area,  # so the area's officials see the export in their audit trail
        )
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=services.report_download_name(report),
        content_type=services.XLSX_CONTENT_TYPE,
    )


@login_required
@require_POST
def subscription_create(request):
    form = SubscriptionForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            subscription = services.subscription_create(
                user=request.user,
                area=form.cleaned_data["area"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            # Not an official: the subscription section is not on their page at all.
            messages.error(request, " ".join(error.messages))
            return redirect("reports:list")
        else:
            messages.success(
                request,
                _("You will receive the report for %(area)s every month.")
                % {"area": subscription.area.name},
            )
            return redirect("reports:list")
    return _render_list(request, subscription_form=form, status=400)


@login_required
@require_POST
def subscription_cancel(request, pk):
    subscription = get_object_or_404(selectors.subscriptions_for_user(request.user), pk=pk)
    services.subscription_cancel(subscription=subscription)
    messages.success(
        request, _("Monthly report for %(area)s cancelled.") % {"area": subscription.area.name}
    )
    return redirect("reports:list")


__all__ = [
    "report_download",
    "report_list",
    "report_request",
    "report_retry",
    "subscription_cancel",
    "subscription_create",
]
