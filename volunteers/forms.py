"""Field-app forms. Validation messages come from volunteers.messages; services re-check."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import messages
from .models import Service, Visit
from .services.visits import visit_errors

DEFAULT_CONSENT_SCOPE = _(
    "The household agrees that the digital team stores its name, address, phone and visits "
    "to help it use online public services, and may ask to see or erase them at any time."
)


class HouseholdRegisterForm(forms.Form):
    """Consent first: the consent fields come before any personal field."""

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
    area = forms.ModelChoiceField(label=_("Village or area"), queryset=None, empty_label=None)
    head_name = forms.CharField(label=_("Head of household"), max_length=160)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    size = forms.IntegerField(label=_("People in household"), min_value=1, max_value=50, initial=1)
    is_elderly = forms.BooleanField(label=_("Elderly"), required=False)
    has_disability = forms.BooleanField(label=_("Disability"), required=False)
    is_low_income = forms.BooleanField(label=_("Low income"), required=False)
    is_ethnic_minority = forms.BooleanField(label=_("Ethnic minority"), required=False)

    def __init__(self, *args, teams, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["area"].queryset = areas
        self.fields["area"].label_from_instance = lambda area: area.name

    def clean(self):
        data = super().clean()
        if not (
            data.get("consent_confirmed")
            and (data.get("consent_given_by") or "").strip()
            and (data.get("consent_scope") or "").strip()
        ):
            raise forms.ValidationError(messages.CONSENT_REQUIRED, code="consent_required")
        return data


class LearnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        min_value=1900,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    is_elderly = forms.BooleanField(label=_("Elderly"), required=False)
    has_disability = forms.BooleanField(label=_("Disability"), required=False)


class VisitForm(forms.Form):
    """Big controls, defaults filled in; `uuid` is made when the form is rendered."""

    uuid = forms.UUIDField(widget=forms.HiddenInput)
    visited_at = forms.DateTimeField(
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
    follow_up_on = forms.DateField(
        label=_("Follow-up date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills practised"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Services completed"),
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

    def __init__(self, *args, skills, teams, teammates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = skills
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

    def clean(self):
        data = super().clean()
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
