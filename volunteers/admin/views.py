"""Per-model admin views: list columns and search, and saving households and areas through the services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.log_actions import log

from core.forms import add_validation_errors
from core.text import fold
from volunteers import access, services
from volunteers.services.households import learner_update

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
