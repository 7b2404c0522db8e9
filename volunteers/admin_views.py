"""Views and forms behind the "Coordination" admin screens (declared in wagtail_hooks.py).

Every list asks `volunteers.access` for its rows; every object view (edit,
delete, inspect, history, usage) looks the object up in the same scope, so an
id outside it answers 404. Django model permissions still decide which
actions a user may take at all; the access module decides on which rows.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BooleanField, Case, Count, ProtectedError, Q, QuerySet, Value, When
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from core.text import fold

from . import access, imports
from . import messages as volunteer_messages
from .masking import initials
from .models import Area, Household, Membership, Official, Target, Team
from .vocabulary import VULNERABILITY_FIELDS, VULNERABILITY_GROUPS, any_vulnerability_q

Scope = Callable[[object], QuerySet]

MSG_IMPORT_DONE = _("%(created)s created, %(updated)s updated, %(failed)s row(s) with problems.")
MSG_IMPORT_FORBIDDEN = _("You may not import this kind of data.")
MSG_DELETE_PROTECTED = _(
    "This cannot be deleted while households, teams, visits or certificates still refer to it."
)


# --- scoping ------------------------------------------------------------------


class ScopedIndexView(generic.IndexView):
    """A list whose rows come from `read_scope(user)`; `editable_q` marks the rows the user may change."""

    read_scope: Scope | None = None
    write_scope: Scope | None = None
    list_select_related: tuple[str, ...] = ()

    def get_base_queryset(self):
        queryset = self.read_scope(self.request.user)
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.write_scope is not None:
            editable = self.write_scope(self.request.user)
            queryset = queryset.annotate(
                is_editable=Case(
                    When(pk__in=editable.values("pk"), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
        return queryset

    def _editable(self, instance) -> bool:
        return self.write_scope is None or getattr(instance, "is_editable", False)

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if self._editable(instance) else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if self._editable(instance) else None

    def get_copy_url(self, instance):
        return None


class ScopedObjectMixin:
    """Look the object up in the view's scope: outside it, 404 (never 403, ids cannot be probed)."""

    object_scope: Scope | None = None

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        pk = unquote(
            str(self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"), self.kwargs.get("pk")))
        )
        return get_object_or_404(self.object_scope(self.request.user), pk=pk)


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, MSG_DELETE_PROTECTED)
            return HttpResponseRedirect(self.get_success_url())


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Learners are added in the field app (learner_add: consent and household checks)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Lists and inspection only: visits and certificates change through the field services."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


# --- filters --------------------------------------------------------------------


def _areas_for(request):
    return access.visible_areas(request.user).order_by("path") if request else Area.objects.none()


def _teams_for(request):
    return access.visible_teams(request.user).order_by("name") if request else Team.objects.none()


class AreaSubtreeFilter(django_filters.ModelChoiceFilter):
    """Rows in the chosen area or anywhere below it."""

    def __init__(self, *args, prefix: str = "area__", **kwargs):
        self.area_prefix = prefix
        super().__init__(*args, queryset=_areas_for, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(value.subtree_q(self.area_prefix))


VULNERABILITY_CHOICES = [
    ("any", _("Any vulnerability")),
    *((group.field, group.label) for group in VULNERABILITY_GROUPS),
]


class HouseholdFilterSet(WagtailFilterSet):
    area = AreaSubtreeFilter(label=_("Area"))
    team = django_filters.ModelChoiceFilter(queryset=_teams_for, label=_("Team"))
    vulnerability = django_filters.ChoiceFilter(
        choices=VULNERABILITY_CHOICES, method="filter_vulnerability", label=_("Vulnerability")
    )

    class Meta:
        model = Household
        fields = []

    def filter_vulnerability(self, queryset, name, value):
        if value == "any":
            return queryset.filter(any_vulnerability_q())
        if value in VULNERABILITY_FIELDS:
            return queryset.filter(**{value: True})
        return queryset


class TeamFilterSet(WagtailFilterSet):
    area = AreaSubtreeFilter(label=_("Area"))

    class Meta:
        model = Team
        fields = []


class MembershipFilterSet(WagtailFilterSet):
    team = django_filters.ModelChoiceFilter(queryset=_teams_for, label=_("Team"))

    class Meta:
        model = Membership
        fields = ["role"]


class VisitFilterSet(WagtailFilterSet):
    area = AreaSubtreeFilter(label=_("Area"), prefix="household__area__")
    team = django_filters.ModelChoiceFilter(queryset=_teams_for, label=_("Team"))

    class Meta:
        from .models import Visit

        model = Visit
        fields = ["outcome"]


class AreaFilterSet(WagtailFilterSet):
    class Meta:
        model = Area
        fields = ["level"]


class TargetFilterSet(WagtailFilterSet):
    area = AreaSubtreeFilter(label=_("Area"))

    class Meta:
        model = Target
        fields = ["indicator"]


# --- per-model index views --------------------------------------------------------


class HouseholdIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        # Diacritic-free search on the folded text Household.save() keeps.
        if not self.is_searching:
            return queryset
        return queryset.filter(search_text__contains=fold(self.search_query))

    @cached_property
    def columns(self):
        # Officials without the names right see initials (DESIGN: codes, not names).
        columns = list(super().columns)
        if not access.can_see_names(self.request.user):
            for index, column in enumerate(columns):
                if column.name == "head_name":
                    # list_display columns are shared by every request: change a copy.
                    columns[index] = copy.copy(column)
                    columns[index].accessor = lambda household: initials(household.head_name)
        return columns


class AreaIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(
            Q(name__icontains=self.search_query) | Q(code__icontains=self.search_query)
        )

    def get_base_queryset(self):
        return super().get_base_queryset().order_by("path")

    @cached_property
    def columns(self):
        columns = super().columns
        # The title column (links to edit/inspect) shows the name indented by depth.
        columns[0].accessor = _indented_name
        columns[0].label = _("Area")
        columns[0].sort_key = None
        return columns


class TeamIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return (
            super().get_base_queryset().annotate(member_count=Count("memberships", distinct=True))
        )


# --- areas: create under a parent ---------------------------------------------------


class AreaCreateForm(WagtailAdminModelForm):
    """New area: name, level, code and where in the tree (treebeard places it)."""

    parent = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        required=False,
        label=_("Parent area"),
        help_text=_("Leave empty for a new top-level area (administrators only)."),
    )

    class Meta:
        model = Area
        fields = ["parent", "name", "level", "code"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["parent"].queryset = access.visible_areas(for_user).order_by("path")
        self.fields["parent"].label_from_instance = _indented
        if not (for_user and for_user.is_superuser):
            self.fields["parent"].required = True


class TeamForm(WagtailAdminModelForm):
    contact_url = forms.URLField(
        label=Team._meta.get_field("contact_url").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Team
        fields = ["name", "area", "contact_url"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["area"].queryset = access.visible_areas(for_user).order_by("path")
        self.fields["area"].label_from_instance = _indented


class AreaEditForm(WagtailAdminModelForm):
    class Meta:
        model = Area
        fields = ["name", "level", "code"]


def _indented_name(area: Area) -> str:
    return f"{'— ' * (area.depth - 1)}{area.name}"


def _indented(area: Area) -> str:
    return f"{'— ' * (area.depth - 1)}{area.name} · {area.code}"


class AreaCreateView(generic.CreateView):
    def save_instance(self):
        area = self.form.instance
        parent = self.form.cleaned_data.get("parent")
        with transaction.atomic():
            if parent is None:
                area = Area.add_root(instance=area)
            else:
                parent.refresh_from_db()  # treebeard needs the current path and numchild
                area = parent.add_child(instance=area)
            log(
                instance=area, action="wagtail.create", user=self.request.user, content_changed=True
            )
        return area


# --- memberships and officials: choices inside the user's scope ------------------------


class MembershipForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["user", "team", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["team"].queryset = access.editable_teams(for_user)


class OfficialForm(WagtailAdminModelForm):
    class Meta:
        model = Official
        fields = ["user", "area", "role", "can_see_names"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["area"].queryset = access.visible_areas(for_user).order_by("path")
        self.fields["area"].label_from_instance = _indented


class TargetForm(WagtailAdminModelForm):
    class Meta:
        model = Target
        fields = ["area", "indicator", "value", "period_start", "period_end"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["area"].queryset = access.visible_areas(for_user).order_by("path")
        self.fields["area"].label_from_instance = _indented


class HouseholdForm(WagtailAdminModelForm):
    class Meta:
        model = Household
        fields = [
            "area",
            "team",
            "code",
            "address",
            "head_name",
            "phone",
            "size",
            "is_elderly",
            "has_disability",
            "is_low_income",
            "is_ethnic_minority",
            "consent_given_by",
            "consent_at",
            "consent_scope",
        ]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        self.fields["team"].queryset = access.recordable_teams(for_user)
        self.fields["area"].queryset = access.visible_areas(for_user).order_by("path")
        self.fields["area"].label_from_instance = _indented

    def clean(self):
        """The rules of the field service: consent before personal data; an area the team serves."""
        data = super().clean()
        personal = any(data.get(name) for name in ("address", "head_name", "phone"))
        consent = all(
            data.get(name) for name in ("consent_given_by", "consent_at", "consent_scope")
        )
        if personal and not consent and not self.instance.erased_at:
            self.add_error("consent_given_by", volunteer_messages.CONSENT_REQUIRED)
        team, area = data.get("team"), data.get("area")
        if team and area and not area.path.startswith(team.area.path):
            self.add_error("area", volunteer_messages.AREA_OUTSIDE_TEAM)
        return data

    def save(self, commit=True):
        if self.instance.consent_at and "consent_at" in self.changed_data:
            self.instance.consent_recorded_by = self.for_user
        return super().save(commit=commit)


# --- the import screen ---------------------------------------------------------------


class ImportForm(forms.Form):
    KIND_CHOICES = [("households", _("Households")), ("areas", _("Areas"))]

    kind = forms.ChoiceField(label=_("What the file holds"), choices=KIND_CHOICES)
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        help_text=_("The first row names the columns; see the list of columns below."),
    )


IMPORT_SESSION_KEY = "volunteers_import_errors"


class ImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a file, run the import, show counts and the table of problems."""

    template_name = "volunteers/admin/import.html"
    form_class = ImportForm
    page_title = _("Import areas and households")
    header_icon = "upload"
    errors_url_name = ""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not (
            request.user.has_perm("volunteers.add_household")
            or request.user.has_perm("volunteers.add_area")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        kind = form.cleaned_data["kind"]
        if not self.request.user.has_perm(
            f"volunteers.add_{'area' if kind == 'areas' else 'household'}"
        ):
            form.add_error("kind", MSG_IMPORT_FORBIDDEN)
            return self.form_invalid(form)
        run = imports.areas_import if kind == "areas" else imports.households_import
        report = run(file=form.cleaned_data["file"], user=self.request.user)
        self.request.session[IMPORT_SESSION_KEY] = [
            (error.row, error.column, error.message) for error in report.errors[:5000]
        ]
        summary = MSG_IMPORT_DONE % {
            "created": report.created,
            "updated": report.updated,
            "failed": report.failed_rows,
        }
        (messages.warning if report.errors else messages.success)(self.request, summary)
        return self.render_to_response(
            self.get_context_data(form=ImportForm(initial={"kind": kind}), report=report)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["area_columns"] = imports.AREA_COLUMNS
        context["household_columns"] = imports.HOUSEHOLD_COLUMNS
        context["errors_url"] = reverse(self.errors_url_name)
        return context


def import_errors_csv(request):
    """The problems of the user's last import as a CSV file."""
    if not (
        request.user.has_perm("volunteers.add_household")
        or request.user.has_perm("volunteers.add_area")
    ):
        raise PermissionDenied
    report = imports.ImportReport(kind="")
    for row, column, message in request.session.get(IMPORT_SESSION_KEY, []):
        report.add_error(row, column, message)
    response = HttpResponse(report.errors_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="import-problems.csv"'
    return response


class ImportViewSet(ViewSet):
    """The import screen as a menu item of the Coordination group."""

    name = "coordination_import"
    icon = "upload"
    menu_label = _("Import")
    url_prefix = "coordination/import"

    def get_urlpatterns(self):
        view = ImportView.as_view(errors_url_name=self.get_url_name("errors"))
        return [
            path("", view, name="index"),
            path("problems.csv", import_errors_csv, name="errors"),
        ]

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index"))

    @property
    def menu_item_class(self):
        class ImportMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perm("volunteers.add_household") or request.user.has_perm(
                    "volunteers.add_area"
                )

        return ImportMenuItem
