"""Field-app forms. Validation messages come from volunteers.messages; services re-check."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import add_validation_errors
from core.parsing import BoundedDateField, BoundedDateTimeField
from courses.models import skill_names

from . import messages
from .models import Area, Household, Service, Visit
from .services.households import household_consent_check
from .services.visits import visit_errors
from .vocabulary import VULNERABILITY_GROUPS

DEFAULT_CONSENT_SCOPE = _(
    "The household agrees that the digital team stores its name, address, phone and visits "
    "to help it use online public services, and may ask to see or erase them at any time."
)


def add_vulnerability_fields(form: forms.Form, *, learner: bool = False) -> None:
    """One checkbox per vulnerability group of the registry (a learner's groups only)."""
    for group in VULNERABILITY_GROUPS:
        if group.on_learner or not learner:
            form.fields[group.field] = forms.BooleanField(label=group.label, required=False)


def household_size_field() -> forms.IntegerField:
    """The household size input, bounded by the model's validators (which enforce them)."""
    low, high = Household.size_limits()
    return forms.IntegerField(
        label=_("People in household"), min_value=low, max_value=high, initial=1
    )


class HouseholdRegisterForm(forms.Form):
    """Consent first: the consent fields come before any personal field.

    The consent rule itself is the service's (household_create): the view
    shows its errors on this form.
    """

    consent_confirmed = forms.BooleanField(
        label=_("The household agreed to let us store its data"), required=False
    )
    consent_given_by = forms.CharField(label=_("Who agreed"), max_length=160, required=False)
    consent_scope = forms.CharField(
        label=_("What was agreed"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        initial=DEFAULT_CONSENT_SCOPE,
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, empty_label=None)
    area = forms.ModelChoiceField(
        label=_("Village"),
        queryset=None,
        empty_label=_("Choose the village"),
        help_text=_("Households are counted in their village, so pick the village itself."),
        error_messages={"required": _("Choose the household's village.")},
    )
    head_name = forms.CharField(label=_("Head of household"), max_length=160)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )

    def __init__(self, *args, teams, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["size"] = household_size_field()
        add_vulnerability_fields(self)
        self.fields["team"].queryset = teams
        self.fields["area"].queryset = areas
        self.fields["area"].choices = village_choices(areas, self.fields["area"].empty_label)

    def clean(self):
        data = super().clean()
        if not self.errors:
            return data  # household_create applies the consent rule (and shows it, via the view)
        # Other fields are wrong: show the consent rule's errors with them, not one round later.
        consent = {name: data.get(name) or "" for name in Household.CONSENT_FIELDS[:2]}
        household = Household(
            **{name: data.get(name) or "" for name in Household.PERSONAL_FIELDS},
            **consent,
            consent_at=timezone.now() if data.get("consent_confirmed") else None,
        )
        try:
            household_consent_check(household)
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                field = self.SERVICE_FIELDS.get(name, name)
                if field not in self.errors:
                    self.add_error(field, errors)
        return data

    # The service's consent record has a date where the form has a box: its error goes on the box.
    SERVICE_FIELDS = {"consent_at": "consent_confirmed"}

    def add_service_errors(self, error: ValidationError) -> None:
        """Show household_create's ValidationError here, each message next to its field."""
        if hasattr(error, "error_dict"):
            error = ValidationError(
                {
                    self.SERVICE_FIELDS.get(name, name): errors
                    for name, errors in error.error_dict.items()
                }
            )
        add_validation_errors(self, error)

    def household_fields(self) -> dict[str, Any]:
        """The cleaned data as household_create's arguments: consent ticked means consent now."""
        data = dict(self.cleaned_data)
        data["consent_at"] = timezone.now() if data.pop("consent_confirmed") else None
        return data


def village_choices(areas, empty_label) -> list:
    """Choices for the village picker: areas without sub-areas, grouped under their parent.

    An area with villages is a group heading, never a choice, so nothing
    defaults to the commune; the service checks the same rule
    (household_create: AREA_NEEDS_VILLAGE) for a posted commune. One query.
    """
    rows = list(areas.order_by("path"))
    by_path = {area.path: area for area in rows}
    parents = {area.path[: -Area.steplen] for area in rows}
    choices: list = [("", empty_label)]
    groups: dict[str, list] = {}
    for area in rows:
        if area.path in parents:
            continue
        parent = by_path.get(area.path[: -Area.steplen])
        if parent is None:
            choices.append((area.pk, area.name))
            continue
        if parent.path not in groups:
            groups[parent.path] = []
            choices.append((parent.name, groups[parent.path]))
        groups[parent.path].append((area.pk, area.name))
    return choices


class LearnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        min_value=1900,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_vulnerability_fields(self, learner=True)


class VisitForm(forms.Form):
    """Big controls, defaults filled in; `uuid` is made when the form is rendered."""

    uuid = forms.UUIDField(widget=forms.HiddenInput)
    visited_at = BoundedDateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )
    duration_minutes = forms.IntegerField(
        label=_("How long (minutes)"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 480}),
        error_messages={
            "required": messages.DURATION_OUT_OF_RANGE,
            "invalid": messages.DURATION_OUT_OF_RANGE,
        },
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Visit.Outcome.choices, widget=forms.RadioSelect
    )
    follow_up_on = BoundedDateField(
        label=_("Follow-up date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills practised"),
        help_text=_("What the household tried themselves today, with you beside them."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Services completed"),
        help_text=_(
            "Online public services finished during the visit (the application sent, "
            "the account working)."
        ),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied was the household?"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": messages.SATISFACTION_OUT_OF_RANGE},
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, empty_label=None)
    volunteers = forms.ModelMultipleChoiceField(
        label=_("Also present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, skills, teams, teammates, last_visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_same_as_last(last_visit)
        self.fields["skills"].queryset = skills
        names = skill_names()  # the default language's skills, shown in the page's language
        self.fields["skills"].label_from_instance = lambda skill: names.get(skill.pk, skill.name)
        self.fields["services"].queryset = Service.objects.all()
        self.fields["team"].queryset = teams
        self.fields["volunteers"].queryset = teammates
        self.fields["volunteers"].label_from_instance = volunteer_label
        if not self.is_bound:
            self.initial.setdefault("uuid", uuid.uuid4())
            self.initial.setdefault(
                "visited_at", timezone.localtime().replace(second=0, microsecond=0)
            )
            self.initial.setdefault("duration_minutes", 30)
            self.initial.setdefault("outcome", Visit.Outcome.DONE)

    def _add_same_as_last(self, last_visit: Visit | None) -> None:
        """An explicit "same as last visit" choice: nothing is ticked unless the volunteer asks.

        Offered when the household's latest visit practised skills or completed
        services; `last_skills` / `last_services` are what ticking it adds.
        """
        self.last_visit = last_visit
        self.last_skills = list(last_visit.skills.all()) if last_visit else []
        self.last_services = list(last_visit.services.all()) if last_visit else []
        if self.last_skills or self.last_services:
            self.fields["same_as_last"] = forms.BooleanField(
                label=_("Same skills and services as the last visit"),
                required=False,
                widget=forms.CheckboxInput(
                    attrs={
                        "aria-describedby": "id_same_as_last_helptext",
                        # visit-form.js ticks these boxes when the volunteer ticks this one.
                        "data-skills": " ".join(str(row.pk) for row in self.last_skills),
                        "data-services": " ".join(str(row.pk) for row in self.last_services),
                    }
                ),
            )

    def _with_last(self, chosen, last: list):
        """`chosen` (a queryset of ticked rows) plus `last`, as a list without duplicates."""
        rows = {row.pk: row for row in chosen or ()}
        for row in last:
            rows.setdefault(row.pk, row)
        return list(rows.values())

    def clean(self):
        data = super().clean()
        if data.get("same_as_last"):
            skill_ids = set(self.fields["skills"].queryset.values_list("pk", flat=True))
            data["skills"] = self._with_last(
                data.get("skills"), [s for s in self.last_skills if s.pk in skill_ids]
            )
            data["services"] = self._with_last(data.get("services"), self.last_services)
        errors = visit_errors(
            visited_at=data.get("visited_at"),
            duration_minutes=data.get("duration_minutes"),
            outcome=data.get("outcome", ""),
            follow_up_on=data.get("follow_up_on"),
            satisfaction=data.get("satisfaction"),
        )
        for field, field_errors in errors.items():
            if field not in self.errors:
                for error in field_errors:
                    self.add_error(field, error)
        return data


def volunteer_label(user) -> str:
    """A volunteer's display name (select_related("volunteer") avoids a query each)."""
    profile = getattr(user, "volunteer", None)
    return profile.display_name if profile else (user.get_full_name() or user.get_username())


class CertifyForm(forms.Form):
    """Pick the learner and tick every checklist item of the chosen skill."""

    learner = forms.ModelChoiceField(
        label=_("Learner"), queryset=None, empty_label=None, widget=forms.RadioSelect
    )
    ticked = forms.MultipleChoiceField(
        label=_("The learner showed"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, learners, skill, **kwargs):
        super().__init__(*args, **kwargs)
        self.skill = skill
        self.fields["learner"].queryset = learners
        self.fields["ticked"].choices = [(item, item) for item in skill.checklist_items]

    def clean_ticked(self):
        ticked = self.cleaned_data["ticked"]
        if not set(self.skill.checklist_items) <= set(ticked):
            raise forms.ValidationError(messages.CHECKLIST_INCOMPLETE)
        return ticked


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it revoked?"),
        max_length=255,
        error_messages={"required": messages.REVOKE_REASON_REQUIRED},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(messages.REVOKE_REASON_REQUIRED)
        return reason


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
