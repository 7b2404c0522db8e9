"""The list filters of the Coordination screens; area and team choices inside the user's scope."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from volunteers import access
from volunteers.models import AccessLog, Area, Household, Membership, Target, Team, Visit
from volunteers.vocabulary import GROUP_BY_FIELD, VULNERABILITY_GROUPS, any_vulnerability_q

VULNERABILITY_ANY = "any"
VULNERABILITY_CHOICES = [
    (VULNERABILITY_ANY, _("Any vulnerability")),
    *((group.field, group.label) for group in VULNERABILITY_GROUPS),
]


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
        if value == VULNERABILITY_ANY:
            return queryset.filter(any_vulnerability_q())
        if value in GROUP_BY_FIELD:
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


class AccessLogFilterSet(WagtailFilterSet):
    area = AreaSubtreeFilter(label=_("Area"))

    class Meta:
        model = AccessLog
        fields = ["action"]
