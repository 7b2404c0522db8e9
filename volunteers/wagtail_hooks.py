"""The "Coordination" admin menu: areas, teams, memberships, households, learners, officials,
targets, services, visits and certifications, and the import screen.

Each list's rows come from `volunteers.access` (see admin_views.py); object
views outside the user's scope answer 404.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import access
from . import admin_views as views
from .models import (
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


class ScopedViewSet(ModelViewSet):
    """A ModelViewSet whose lists and object views go through the access module."""

    read_scope = None
    write_scope = None
    list_select_related = ()
    index_view_class = views.ScopedIndexView
    edit_view_class = views.ScopedEditView
    delete_view_class = views.ScopedDeleteView
    inspect_view_class = views.ScopedInspectView
    history_view_class = views.ScopedHistoryView
    usage_view_class = views.ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            read_scope=type(self).read_scope,
            write_scope=type(self).write_scope,
            list_select_related=self.list_select_related,
            **kwargs,
        )

    def _object_kwargs(self, scope, **kwargs):
        return {"object_scope": scope, **kwargs}

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(**self._object_kwargs(type(self).write_scope, **kwargs))

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(
            **self._object_kwargs(type(self).write_scope, **kwargs)
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            **self._object_kwargs(type(self).read_scope, **kwargs)
        )

    def get_history_view_kwargs(self, **kwargs):
        return super().get_history_view_kwargs(
            **self._object_kwargs(type(self).read_scope, **kwargs)
        )

    def get_usage_view_kwargs(self, **kwargs):
        return super().get_usage_view_kwargs(**self._object_kwargs(type(self).read_scope, **kwargs))


class AreaViewSet(ScopedViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    read_scope = staticmethod(access.visible_areas)
    write_scope = staticmethod(access.visible_areas)
    index_view_class = views.AreaIndexView
    add_view_class = views.AreaCreateView
    list_display = [
        "name",
        Column("level", label=_("Level"), accessor="get_level_display"),
        Column("code", label=_("Official code")),
        Column("numchild", label=_("Sub-areas")),
    ]
    filterset_class = views.AreaFilterSet
    search_fields = ["name", "code"]

    def get_form_class(self, for_update=False):
        return views.AreaEditForm if for_update else views.AreaCreateForm


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
    filterset_class = views.TeamFilterSet
    search_fields = ["name"]

    def get_form_class(self, for_update=False):
        return views.TeamForm


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
    filterset_class = views.MembershipFilterSet
    search_fields = ["user__username", "user__first_name", "team__name"]

    def get_form_class(self, for_update=False):
        return views.MembershipForm


class HouseholdViewSet(ScopedViewSet):
    model = Household
    icon = "home"
    menu_label = _("Households")
    read_scope = staticmethod(access.visible_households)
    write_scope = staticmethod(access.editable_households)
    index_view_class = views.HouseholdIndexView
    list_select_related = ("area", "team")
    list_display = [
        "code",
        Column("head_name", label=_("Head of household"), accessor="head_name"),
        Column("area", label=_("Area"), accessor="area.name"),
        Column("team", label=_("Team"), accessor="team.name"),
        Column("size", label=_("People")),
        BooleanColumn("is_elderly", label=_("Elderly")),
        BooleanColumn("has_disability", label=_("Disability")),
        BooleanColumn("is_low_income", label=_("Low income")),
        BooleanColumn("is_ethnic_minority", label=_("Ethnic minority")),
    ]
    filterset_class = views.HouseholdFilterSet
    search_fields = ["search_text"]
    inspect_view_fields = [
        "code",
        "area",
        "team",
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
        "erased_at",
    ]

    def get_form_class(self, for_update=False):
        return views.HouseholdForm


class LearnerViewSet(ScopedViewSet):
    model = Learner
    icon = "user"
    menu_label = _("Learners")
    read_scope = staticmethod(access.visible_learners)
    write_scope = staticmethod(access.editable_learners)
    list_select_related = ("household",)
    list_display = [
        "name",
        Column("household", label=_("Household"), accessor="household.code"),
        "birth_year",
    ]
    search_fields = ["name", "household__code"]
    form_fields = ["name", "birth_year", "is_elderly", "has_disability"]


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
        return views.OfficialForm


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
    filterset_class = views.TargetFilterSet
    search_fields = ["area__name", "area__code"]

    def get_form_class(self, for_update=False):
        return views.TargetForm


class ServiceViewSet(ModelViewSet):
    model = Service
    icon = "tick-inverse"
    menu_label = _("Services")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name"]
    copy_view_enabled = False


class ReadOnlyViewSet(ScopedViewSet):
    """Visits and certificates are written by the field services, only read here."""


register_permission_policy(Learner, views.NoAddPermissionPolicy(Learner), exact_class=True)
register_permission_policy(Visit, views.ReadOnlyPermissionPolicy(Visit), exact_class=True)
register_permission_policy(
    Certification, views.ReadOnlyPermissionPolicy(Certification), exact_class=True
)


class VisitViewSet(ReadOnlyViewSet):
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
    filterset_class = views.VisitFilterSet
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


class CertificationViewSet(ReadOnlyViewSet):
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
        views.ImportViewSet(),
    )


@hooks.register("register_admin_viewset")
def register_coordination_viewsets():
    return CoordinationGroup()
