"""The viewsets of the "Coordination" admin menu, grouped in CoordinationGroup.

Each list's rows and each object view come from volunteers.access (read and
write scopes, see scoped.py); households and areas are saved through
volunteers.services (views.py).
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from volunteers import access
from volunteers.models import (
    AccessLog,
    Area,
    Certification,
    Household,
    Learner,
    Membership,
    Official,
    Service,
    Target,
    Team,
    Visit,
)
from volunteers.vocabulary import VULNERABILITY_GROUPS

from . import filters, forms, views
from .imports import ImportViewSet
from .scoped import ScopedViewSet


class AreaViewSet(ScopedViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    read_scope = staticmethod(access.visible_areas)
    write_scope = staticmethod(access.visible_areas)
    index_view_class = views.AreaIndexView
    add_view_class = views.AreaCreateView
    edit_view_class = views.AreaEditView
    list_display = [
        "name",
        Column("level", label=_("Level"), accessor="get_level_display"),
        Column("code", label=_("Official code")),
        Column("numchild", label=_("Sub-areas")),
    ]
    filterset_class = filters.AreaFilterSet
    search_fields = ["name", "code"]

    def get_form_class(self, for_update=False):
        return forms.AreaEditForm if for_update else forms.AreaCreateForm

    def get_urlpatterns(self):
        # Moving and merging (services.area_moves), for areas access.can_reorganise_areas allows.
        conv = self.pk_path_converter
        index = self.get_url_name("index")
        return [
            *super().get_urlpatterns(),
            path(
                f"move/<{conv}:pk>/",
                views.AreaMoveView.as_view(index_url_name=index),
                name="move",
            ),
            path(
                f"merge/<{conv}:pk>/",
                views.AreaMergeView.as_view(index_url_name=index),
                name="merge",
            ),
        ]


class TeamViewSet(ScopedViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    read_scope = staticmethod(access.visible_teams)
    write_scope = staticmethod(access.editable_teams)
    index_view_class = views.TeamIndexView
    list_select_related = ("area",)
    list_display = [
        "name",
        Column("area", label=_("Area"), accessor="area.name"),
        Column("member_count", label=_("Members")),
        "contact_url",
    ]
    filterset_class = filters.TeamFilterSet
    search_fields = ["name"]

    def get_form_class(self, for_update=False):
        return forms.TeamForm


class MembershipViewSet(ScopedViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    read_scope = staticmethod(access.visible_memberships)
    write_scope = staticmethod(access.editable_memberships)
    list_select_related = ("user", "team")
    list_display = [
        Column("user", label=_("Volunteer"), accessor="user"),
        Column("team", label=_("Team"), accessor="team.name"),
        Column("role", label=_("Role"), accessor="get_role_display"),
    ]
    filterset_class = filters.MembershipFilterSet
    search_fields = ["user__username", "user__first_name", "team__name"]

    def get_form_class(self, for_update=False):
        return forms.MembershipForm


class HouseholdViewSet(ScopedViewSet):
    model = Household
    icon = "home"
    menu_label = _("Households")
    read_scope = staticmethod(access.visible_households)
    write_scope = staticmethod(access.editable_households)
    index_view_class = views.HouseholdIndexView
    add_view_class = views.HouseholdCreateView
    edit_view_class = views.HouseholdEditView
    list_select_related = ("area", "team")
    mask_rows = True
    list_display = [
        "code",
        Column("head_name", label=_("Head of household"), accessor="head_name"),
        Column("area", label=_("Area"), accessor="area.name"),
        Column("team", label=_("Team"), accessor="team.name"),
        Column("size", label=_("People")),
        *(BooleanColumn(group.field, label=group.label) for group in VULNERABILITY_GROUPS),
    ]
    filterset_class = filters.HouseholdFilterSet
    search_fields = ["search_text"]
    inspect_view_fields = [
        "area",
        "team",
        *Household.DETAIL_FIELDS,
        "consent_given_by",
        "consent_scope",
        "consent_at",
        "erased_at",
    ]

    def get_form_class(self, for_update=False):
        return forms.HouseholdForm


class LearnerViewSet(ScopedViewSet):
    """No add screen (NoAddPermissionPolicy): learners are added in the field app."""

    model = Learner
    icon = "user"
    menu_label = _("Learners")
    read_scope = staticmethod(access.visible_learners)
    write_scope = staticmethod(access.editable_learners)
    index_view_class = views.LearnerIndexView
    edit_view_class = views.LearnerEditView
    list_select_related = ("household__area",)
    mask_rows = True
    list_display = [
        "name",
        Column("household", label=_("Household"), accessor="household.code"),
        "birth_year",
    ]
    search_fields = ["name", "household__code"]
    form_fields = [
        "name",
        "birth_year",
        *(group.field for group in VULNERABILITY_GROUPS if group.on_learner),
    ]


class OfficialViewSet(ScopedViewSet):
    model = Official
    icon = "user"
    menu_label = _("Officials")
    read_scope = staticmethod(access.visible_officials)
    write_scope = staticmethod(access.editable_officials)
    list_select_related = ("user", "area")
    list_display = [
        Column("user", label=_("User"), accessor="user"),
        Column("area", label=_("Area"), accessor="area.name"),
        Column("role", label=_("Role"), accessor="get_role_display"),
        BooleanColumn("can_see_names", label=_("May see names")),
    ]
    search_fields = ["user__username", "area__name"]

    def get_form_class(self, for_update=False):
        return forms.OfficialForm


class TargetViewSet(ScopedViewSet):
    model = Target
    icon = "pick"
    menu_label = _("Targets")
    read_scope = staticmethod(access.visible_targets)
    write_scope = staticmethod(access.editable_targets)
    list_select_related = ("area",)
    list_display = [
        Column("area", label=_("Area"), accessor="area.name"),
        Column("indicator", label=_("Indicator"), accessor="get_indicator_display"),
        "value",
        DateColumn("period_start", label=_("From")),
        DateColumn("period_end", label=_("To")),
    ]
    filterset_class = filters.TargetFilterSet
    search_fields = ["area__name", "area__code"]

    def get_form_class(self, for_update=False):
        return forms.TargetForm


class ServiceViewSet(ModelViewSet):
    model = Service
    icon = "tick-inverse"
    menu_label = _("Services")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name"]
    copy_view_enabled = False


class VisitViewSet(ScopedViewSet):
    """Read-only (ReadOnlyPermissionPolicy): visits are written by the field services."""

    model = Visit
    icon = "date"
    menu_label = _("Visits")
    read_scope = staticmethod(access.visible_visits)
    list_select_related = ("household", "team")
    list_display = [
        Column("household", label=_("Household"), accessor="household.code"),
        Column("team", label=_("Team"), accessor="team.name"),
        DateColumn("visited_at", label=_("Time of visit")),
        Column("outcome", label=_("Outcome"), accessor="get_outcome_display"),
        Column("duration_minutes", label=_("Minutes")),
        Column("satisfaction", label=_("Satisfaction")),
        DateColumn("follow_up_on", label=_("Follow-up")),
    ]
    filterset_class = filters.VisitFilterSet
    search_fields = ["household__code"]
    form_fields = ["outcome"]
    inspect_view_fields = [
        "household",
        "team",
        "recorded_by",
        "visited_at",
        "duration_minutes",
        "outcome",
        "follow_up_on",
        "satisfaction",
        "notes",
    ]


class CertificationViewSet(ScopedViewSet):
    """Read-only (ReadOnlyPermissionPolicy): certificates are issued and revoked in the field app."""

    model = Certification
    icon = "success"
    menu_label = _("Certifications")
    read_scope = staticmethod(access.visible_certifications)
    list_select_related = ("learner__household", "skill", "team")
    list_display = [
        "code",
        Column("skill", label=_("Skill"), accessor="skill.name"),
        Column("household", label=_("Household"), accessor="learner.household.code"),
        Column("team", label=_("Team"), accessor="team.name"),
        DateColumn("certified_on", label=_("Date")),
        Column("revoked_at", label=_("Revoked")),
    ]
    search_fields = ["code"]
    form_fields = ["revoked_reason"]
    inspect_view_fields = [
        "code",
        "skill",
        "team",
        "certified_by",
        "certified_on",
        "revoked_at",
        "revoked_reason",
    ]


class AccessLogViewSet(ScopedViewSet):
    """The audit trail: who viewed, changed, exported or erased personal data, and when.

    Read-only for everyone (AuditLogPermissionPolicy, and the model refuses
    changes); officials see their areas' entries (access.visible_access_logs).
    """

    model = AccessLog
    icon = "history"
    menu_label = _("Access log")
    read_scope = staticmethod(access.visible_access_logs)
    list_select_related = ("user", "household", "area")
    list_display = [
        DateColumn("at", label=_("When")),
        Column("user", label=_("User"), accessor="user"),
        Column("action", label=_("Action"), accessor="get_action_display"),
        Column("household", label=_("Household"), accessor="household.code"),
        Column("area", label=_("Area"), accessor="area.name"),
        Column("detail", label=_("Detail")),
    ]
    filterset_class = filters.AccessLogFilterSet
    search_fields = ["household__code", "user__username"]
    inspect_view_fields = ["at", "user", "action", "household", "area", "detail"]
    form_fields = ["detail"]


class CoordinationGroup(ViewSetGroup):
    menu_label = _("Coordination")
    menu_icon = "group"
    menu_order = 250
    items = (
        AreaViewSet("coordination_areas"),
        TeamViewSet("coordination_teams"),
        MembershipViewSet("coordination_memberships"),
        HouseholdViewSet("coordination_households"),
        LearnerViewSet("coordination_learners"),
        OfficialViewSet("coordination_officials"),
        TargetViewSet("coordination_targets"),
        ServiceViewSet("coordination_services"),
        VisitViewSet("coordination_visits"),
        CertificationViewSet("coordination_certifications"),
        AccessLogViewSet("coordination_access_log"),
        ImportViewSet(),
    )
