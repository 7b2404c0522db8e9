"""The import screen: upload a file, see what was created and which rows had problems.

The work is volunteers.imports'; who may import is volunteers.access.can_import.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from volunteers import access, imports

MSG_IMPORT_DONE = _("%(created)s created, %(updated)s updated, %(failed)s row(s) with problems.")
MSG_IMPORT_FORBIDDEN = _("You may not import this kind of data.")

IMPORT_SESSION_KEY = "volunteers_import_errors"
SESSION_MAX_ERRORS = 5000


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


class ImportView(MayImportMixin, WagtailAdminTemplateMixin, FormView):
    """Upload a file, run the import, show counts and the table of problems."""

    template_name = "volunteers/admin/import.html"
    form_class = ImportForm
    page_title = _("Import areas and households")
    header_icon = "upload"
    errors_url_name = ""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        kind = form.cleaned_data["kind"]
        report = imports.IMPORTERS[kind](file=form.cleaned_data["file"], user=self.request.user)
        self.request.session[IMPORT_SESSION_KEY] = [
            (error.row, error.column, error.message) for error in report.errors[:SESSION_MAX_ERRORS]
        ]
        summary = MSG_IMPORT_DONE % {
            "created": report.created,
            "updated": report.updated,
            "failed": report.failed_rows,
        }
        (messages.warning if report.errors else messages.success)(self.request, summary)
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(initial={"kind": kind}, user=self.request.user), report=report
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["area_columns"] = imports.AREA_COLUMNS
        context["household_columns"] = imports.HOUSEHOLD_COLUMNS
        context["errors_url"] = reverse(self.errors_url_name)
        return context


class ImportErrorsView(MayImportMixin, View):
    """The problems of the user's last import as a CSV file."""

    def get(self, request):
        report = imports.ImportReport(kind="")
        for row, column, message in request.session.get(IMPORT_SESSION_KEY, []):
            report.add_error(row, column, message)
        response = HttpResponse(report.errors_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="import-problems.csv"'
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
        view = ImportView.as_view(errors_url_name=self.get_url_name("errors"))
        return [
            path("", view, name="index"),
            path("problems.csv", ImportErrorsView.as_view(), name="errors"),
        ]

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index"))
