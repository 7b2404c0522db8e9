"""The import screen: upload a file, follow its job, see what was created and which rows had problems.

The work is volunteers.imports' (a django-q2 job for all but small files);
who may import is volunteers.access.can_import; a job is seen only by the
person who started it (anyone else: 404).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.converters import register_id_converter
from volunteers import access, imports
from volunteers.imports.jobs import import_job_create, import_job_report, import_job_run
from volunteers.imports.reader import MAX_UPLOAD_BYTES
from volunteers.models import ImportJob

MSG_IMPORT_DONE = _("%(created)s created, %(updated)s updated, %(failed)s row(s) with problems.")
MSG_IMPORT_FORBIDDEN = _("You may not import this kind of data.")

MSG_FILE_TOO_LARGE = _("The file is larger than %(max)s MB.")
# Files up to this size are imported in the request (well under a second); larger ones by a job.
INLINE_MAX_BYTES = 64 * 1024


class ImportForm(forms.Form):
    KIND_CHOICES = [("households", _("Households")), ("areas", _("Areas"))]

    kind = forms.ChoiceField(label=_("What the file holds"), choices=KIND_CHOICES)
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        help_text=_("The first row names the columns; see the list of columns below."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(MSG_FILE_TOO_LARGE % {"max": MAX_UPLOAD_BYTES // 2**20})
        return upload

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if not access.can_import(self.user, kind):
            raise forms.ValidationError(MSG_IMPORT_FORBIDDEN)
        return kind


class MayImportMixin(UserPassesTestMixin):
    """The screen and its CSV are for users who may import something (else PermissionDenied)."""

    raise_exception = True

    def test_func(self):
        return access.can_import(self.request.user)


def _job_or_404(request, pk: int) -> ImportJob:
    job = ImportJob.objects.filter(pk=pk, created_by=request.user).first()
    if job is None:
        raise Http404("No such import")
    return job


class ImportView(MayImportMixin, WagtailAdminTemplateMixin, FormView):
    """Upload a file: small ones are imported at once, the others queued; then the job's page."""

    template_name = "volunteers/admin/import.html"
    form_class = ImportForm
    page_title = _("Import areas and households")
    header_icon = "upload"
    url_names: dict[str, str] = {}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        kind, upload = form.cleaned_data["kind"], form.cleaned_data["file"]
        queue = upload.size > INLINE_MAX_BYTES
        job = import_job_create(user=self.request.user, kind=kind, upload=upload, queue=queue)
        if queue:
            return redirect(self.url_names["job"], pk=job.pk)
        job = import_job_run(job=job)
        self._flash(job)
        return self.render_to_response(self.get_context_data(job=job))

    def _flash(self, job):
        summary = MSG_IMPORT_DONE % {
            "created": job.created,
            "updated": job.updated,
            "failed": job.failed_rows,
        }
        (messages.warning if job.errors else messages.success)(self.request, summary)

    def get_context_data(self, job=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if job is not None:
            context["job"] = job
            context["report"] = import_job_report(job) if job.finished or job.interrupted else None
            context["status_url"] = reverse(self.url_names["status"], args=[job.pk])
            context["errors_url"] = reverse(self.url_names["job_errors"], args=[job.pk])
            context["form"] = ImportForm(initial={"kind": job.kind}, user=self.request.user)
        context["area_columns"] = imports.AREA_COLUMNS
        context["household_columns"] = imports.HOUSEHOLD_COLUMNS
        return context


class ImportJobView(ImportView):
    """One job: its progress while it runs (the page polls the status view), then its report."""

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data(job=_job_or_404(request, pk)))


class ImportJobStatusView(MayImportMixin, View):
    """The job's progress as JSON, for the polling script of the job page."""

    def get(self, request, pk):
        job = _job_or_404(request, pk)
        response = JsonResponse(
            {
                "status": job.status,
                "finished": job.finished or job.interrupted,
                "rows_total": job.rows_total,
                "rows_done": job.rows_done,
                "percent": job.percent,
            }
        )
        response["Cache-Control"] = "no-store"
        return response


class ImportErrorsView(MayImportMixin, View):
    """The problems of one of the user's imports (default: the latest) as a CSV file."""

    def get(self, request, pk=None):
        if pk is None:
            job = ImportJob.objects.filter(created_by=request.user).first()
            if job is None:
                raise Http404("No import yet")
        else:
            job = _job_or_404(request, pk)
        response = HttpResponse(
            import_job_report(job).errors_csv(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="import-problems.csv"'
        response["Cache-Control"] = "no-store"
        return response


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_import(request.user)


class ImportViewSet(ViewSet):
    """The import screen as a menu item of the Coordination group."""

    name = "coordination_import"
    icon = "upload"
    menu_label = _("Import")
    url_prefix = "coordination/import"
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        register_id_converter()  # the admin's URLs load before the root URLconf registers it
        url_names = {
            name: self.get_url_name(name) for name in ("index", "job", "status", "job_errors")
        }
        index = ImportView.as_view(url_names=url_names)
        job = ImportJobView.as_view(url_names=url_names)
        return [
            path("", index, name="index"),
            path("problems.csv", ImportErrorsView.as_view(), name="errors"),
            path("jobs/<id:pk>/", job, name="job"),
            path("jobs/<id:pk>/status/", ImportJobStatusView.as_view(), name="status"),
            path("jobs/<id:pk>/problems.csv", ImportErrorsView.as_view(), name="job_errors"),
        ]

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index"))
