"""Per-model admin views: list columns and search, and saving households and areas through the services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import MenuItem
from wagtail.log_actions import log

from core.forms import add_validation_errors
from core.text import fold
from volunteers import access, services
from volunteers.models import Area
from volunteers.services.area_moves import area_merge, area_move
from volunteers.services.households import learner_update

from . import forms
from .scoped import ScopedEditView, ScopedIndexView


class ServiceSaveMixin:
    """`save_instance` calls a service; a ValidationError it raises lands on the form.

    Wagtail saves inside a transaction, so nothing of a refused save is kept.
    """

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_validation_errors(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def _log(self, instance, action: str) -> None:
        log(
            instance=instance,
            action=action,
            user=self.request.user,
            content_changed=self.form.has_changed(),
        )


# --- households ----------------------------------------------------------------


def name_search_q(user, *, by_text: Q, by_code: Q, prefix: str = "") -> Q:
    """`by_text` (names, addresses) only on rows whose personal data the user may see,
    `by_code` everywhere: a search never confirms a masked name."""
    names = access.personal_data_scope_q(user, prefix)
    if names is None:
        return by_text | by_code
    return (by_text & names) | by_code


class HouseholdIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        # Diacritic-free search on the folded text Household.save() keeps.
        if not self.is_searching:
            return queryset
        return queryset.filter(
            name_search_q(
                self.request.user,
                by_text=Q(search_text__contains=fold(self.search_query)),
                by_code=Q(code__icontains=self.search_query.strip()),
            )
        )


class HouseholdCreateView(ServiceSaveMixin, generic.CreateView):
    def save_instance(self):
        household = services.household_create(user=self.request.user, **self.form.cleaned_data)
        self._log(household, "wagtail.create")
        return household


class HouseholdEditView(ServiceSaveMixin, ScopedEditView):
    def save_instance(self):
        household = services.household_update(
            user=self.request.user, household=self.object, **self.form.cleaned_data
        )
        self._log(household, "wagtail.edit")
        return household


# --- areas -----------------------------------------------------------------------


class AreaIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(
            Q(name__icontains=self.search_query) | Q(code__icontains=self.search_query)
        )

    def get_base_queryset(self):
        return super().get_base_queryset().order_by("path")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if access.can_reorganise_areas(self.request.user, instance):
            namespace = self.index_url_name.rsplit(":", 1)[0]
            buttons += [
                MenuItem(
                    _("Move"),
                    url=reverse(f"{namespace}:move", args=[instance.pk]),
                    icon_name="arrow-right-full",
                    priority=25,
                ),
                MenuItem(
                    _("Merge into…"),
                    url=reverse(f"{namespace}:merge", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=26,
                ),
            ]
        return buttons

    @cached_property
    def columns(self):
        columns = super().columns
        # The title column (links to edit/inspect) shows the name indented by depth.
        columns[0].accessor = lambda area: area.indented_label(detail="")
        columns[0].label = _("Area")
        columns[0].sort_key = None
        return columns


class AreaCreateView(ServiceSaveMixin, generic.CreateView):
    def save_instance(self):
        area = services.area_create(user=self.request.user, **self.form.cleaned_data)
        self._log(area, "wagtail.create")
        return area


class AreaEditView(ServiceSaveMixin, ScopedEditView):
    def save_instance(self):
        area = services.area_update(
            user=self.request.user, area=self.object, **self.form.cleaned_data
        )
        self._log(area, "wagtail.edit")
        return area


class AreaReorganiseView(WagtailAdminTemplateMixin, FormView):
    """Move or merge one area (services.area_moves). An area the user may not reorganise
    (access.can_reorganise_areas) answers 404 like one outside their scope."""

    template_name = "volunteers/admin/area_reorganise.html"
    header_icon = "site"
    index_url_name = ""
    submit_label = ""
    done_message = ""

    def dispatch(self, request, *args, **kwargs):
        self.area = get_object_or_404(access.visible_areas(request.user), pk=kwargs["pk"])
        if not access.can_reorganise_areas(request.user, self.area):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.area.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Areas")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.area.name},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "area": self.area}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "area": self.area,
            "submit_label": self.submit_label,
        }

    def form_valid(self, form):
        try:
            result = self.reorganise(form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied:
            raise Http404 from None
        log(instance=result, action="wagtail.edit", user=self.request.user)
        messages.success(
            self.request, self.done_message % {"area": self.area.name, "to": self.destination.name}
        )
        return redirect(self.index_url_name)

    def reorganise(self, data) -> Area:
        raise NotImplementedError


class AreaMoveView(AreaReorganiseView):
    page_title = _("Move area")
    submit_label = _("Move")
    done_message = _("%(area)s moved below %(to)s.")
    form_class = forms.AreaMoveForm

    def reorganise(self, data) -> Area:
        self.destination = data["new_parent"]
        return area_move(user=self.request.user, area=self.area, new_parent=self.destination)


class AreaMergeView(AreaReorganiseView):
    page_title = _("Merge area")
    submit_label = _("Merge")
    done_message = _("%(area)s merged into %(to)s.")
    form_class = forms.AreaMergeForm

    def reorganise(self, data) -> Area:
        self.destination = data["target"]
        return area_merge(user=self.request.user, source=self.area, target=self.destination)


# --- teams -----------------------------------------------------------------------


class TeamIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return (
            super().get_base_queryset().annotate(member_count=Count("memberships", distinct=True))
        )


# --- learners --------------------------------------------------------------------


class LearnerIndexView(ScopedIndexView):
    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(
            name_search_q(
                self.request.user,
                by_text=Q(name__icontains=self.search_query.strip()),
                by_code=Q(household__code__icontains=self.search_query.strip()),
                prefix="household__",
            )
        )


class LearnerEditView(ServiceSaveMixin, ScopedEditView):
    def save_instance(self):
        learner = learner_update(
            user=self.request.user, learner=self.object, **self.form.cleaned_data
        )
        self._log(learner, "wagtail.edit")
        return learner
