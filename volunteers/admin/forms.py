"""The add and edit forms of the Coordination screens.

Pickers offer only what the user may see or manage (volunteers.access);
household and area forms are saved by their views through volunteers.services,
whose rules (consent, the team's area, where areas may be added) show up
as errors on the form.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from courses.models import Skill
from volunteers import access
from volunteers.models import Area, Household, Membership, Official, Target, Team


def area_picker(field: forms.ModelChoiceField, user) -> None:
    """Offer the areas the user may see, as an indented tree with their official codes."""
    field.queryset = access.visible_areas(user).order_by("path")
    field.label_from_instance = lambda area: area.indented_label(detail="code")


class AreaCreateForm(WagtailAdminModelForm):
    """New area: name, level, code and where in the tree (services.area_create places it)."""

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
        area_picker(self.fields["parent"], for_user)


class AreaEditForm(WagtailAdminModelForm):
    class Meta:
        model = Area
        fields = ["name", "level", "code"]


class TeamForm(WagtailAdminModelForm):
    contact_url = forms.URLField(
        label=Team._meta.get_field("contact_url").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Team
        fields = ["name", "area", "contact_url", "mentor_skills"]
        widgets = {"mentor_skills": forms.CheckboxSelectMultiple}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        area_picker(self.fields["area"], for_user)
        # Certificates are issued for the default language's skills (translations share them).
        self.fields["mentor_skills"].queryset = Skill.objects.filter(
            locale=Locale.get_default()
        ).order_by("name")


class MembershipForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["user", "team", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["team"].queryset = access.editable_teams(for_user)
        self.fields["user"].queryset = access.assignable_users(for_user)


class OfficialForm(WagtailAdminModelForm):
    class Meta:
        model = Official
        fields = ["user", "area", "role", "can_see_names"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        area_picker(self.fields["area"], for_user)


class TargetForm(WagtailAdminModelForm):
    class Meta:
        model = Target
        fields = ["area", "indicator", "value", "period_start", "period_end"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        area_picker(self.fields["area"], for_user)


class HouseholdForm(WagtailAdminModelForm):
    """A household's fields; saved by services.household_create / household_update."""

    class Meta:
        model = Household
        fields = [
            "area",
            "team",
            *Household.DETAIL_FIELDS,
            "consent_given_by",
            "consent_at",
            "consent_scope",
        ]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["team"].queryset = access.recordable_teams(for_user)
        area_picker(self.fields["area"], for_user)


def reorganise_picker(field: forms.ModelChoiceField, user, area: Area) -> None:
    """Offer the areas `user` may reorganise (access.can_reorganise_areas), outside `area`'s subtree."""
    candidates = access.visible_areas(user).exclude(path__startswith=area.path).order_by("path")
    allowed = [each.pk for each in candidates if access.can_reorganise_areas(user, each)]
    field.queryset = Area.objects.filter(pk__in=allowed).order_by("path")
    field.label_from_instance = lambda each: each.indented_label(detail="code")


class AreaMoveForm(forms.Form):
    """Where `area` (with everything below it) goes; saved by services.area_moves.area_move."""

    new_parent = forms.ModelChoiceField(queryset=Area.objects.none(), label=_("New parent area"))

    def __init__(self, *args, user, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        reorganise_picker(self.fields["new_parent"], user, area)


class AreaMergeForm(forms.Form):
    """The area `area` is merged into; saved by services.area_moves.area_merge."""

    target = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        label=_("Merge into"),
        help_text=_(
            "Sub-areas, households, teams and officials move to this area; "
            "the merged area is then deleted."
        ),
    )

    def __init__(self, *args, user, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        reorganise_picker(self.fields["target"], user, area)
