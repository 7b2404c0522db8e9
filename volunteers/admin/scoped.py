"""ScopedViewSet: a Wagtail ModelViewSet whose rows come from `volunteers.access`.

Every list asks a scope function (`read_scope(user)`) for its rows; every
object view (edit, delete, inspect, history, usage) looks the object up in the
same scope, so an id outside it answers 404. Django model permissions still
decide which actions a user may take at all; the access module decides on
which rows. Other apps (reports) reuse ScopedViewSet from here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.db.models import BooleanField, Case, ProtectedError, QuerySet, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from volunteers import access, masking
from volunteers.models import AccessLog
from volunteers.services.access_logs import access_log_record

Scope = Callable[[object], QuerySet]

MSG_DELETE_PROTECTED = _(
    "This cannot be deleted while households, teams, visits or certificates still refer to it."
)


class ScopedIndexView(generic.IndexView):
    """A list whose rows come from `read_scope(user)`; `write_scope` marks the rows the user may change.

    With `mask_rows` each row of the page goes through volunteers.masking (the
    one rule for personal data); the rows' household area must be selected
    (`list_select_related`) so masking costs no query.
    """

    read_scope: Scope | None = None
    write_scope: Scope | None = None
    list_select_related: tuple[str, ...] = ()
    mask_rows: bool = False

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        if self.mask_rows:
            object_list = [masking.for_user(self.request.user, row) for row in object_list]
            page.object_list = object_list
        return paginator, page, object_list, is_paginated

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
        if self.object_scope is None:
            # No write scope (read-only models): nothing can be changed or deleted here.
            raise Http404
        pk = unquote(
            str(self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"), self.kwargs.get("pk")))
        )
        return get_object_or_404(self.object_scope(self.request.user), pk=pk)


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        household = masking.household_of(instance)
        # An edit form shows every field: only to those who may see them (else like out of scope).
        if household is not None and not access.can_see_personal_data(self.request.user, household):
            raise Http404
        return instance


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, MSG_DELETE_PROTECTED)
            return HttpResponseRedirect(self.get_success_url())


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    """Shows the object masked for the user; looking at a person's record is logged."""

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        instance = super().get_object(queryset)
        household = masking.household_of(instance)
        if household is not None:
            access_log_record(
                user=self.request.user,
                household=household,
                action=AccessLog.Action.VIEW,
                detail=f"admin {instance._meta.model_name} {instance.pk}",
            )
        return masking.for_user(self.request.user, instance)


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


class ScopedViewSet(ModelViewSet):
    """A ModelViewSet whose lists and object views go through the access module."""

    read_scope: Scope | None = None
    write_scope: Scope | None = None
    list_select_related: tuple[str, ...] = ()
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Lists of rows that show a person: masked row by row (volunteers.masking).
    mask_rows = False
    list_per_page = 50

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            read_scope=type(self).read_scope,
            write_scope=type(self).write_scope,
            list_select_related=self.list_select_related,
            mask_rows=self.mask_rows,
            **kwargs,
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(object_scope=type(self).write_scope, **kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(object_scope=type(self).write_scope, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(object_scope=type(self).read_scope, **kwargs)

    def get_history_view_kwargs(self, **kwargs):
        return super().get_history_view_kwargs(object_scope=type(self).read_scope, **kwargs)

    def get_usage_view_kwargs(self, **kwargs):
        return super().get_usage_view_kwargs(object_scope=type(self).read_scope, **kwargs)


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """No add screen: learners are added in the field app (learner_add: consent and household checks)."""

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


class AuditLogPermissionPolicy(ModelPermissionPolicy):
    """The access log: read by those access.can_view_audit_log allows; never added, changed
    or deleted by anyone through the admin, superusers included (the model refuses too)."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and access.can_view_audit_log(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return self.user_model.objects.none()
