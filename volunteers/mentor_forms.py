"""Forms of the mentor screens (issue 12). The rules are the service's (services/mentors.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services.mentors import USERNAME_MAX


class MentorSkillsForm(forms.Form):
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills a mentor must hold"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A learner with valid certificates for all of these can be invited."),
    )

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = skills


class MentorAcceptForm(forms.Form):
    """What the learner types on the acceptance page; consent is a separate, unticked box."""

    display_name = forms.CharField(
        label=_("Your name, as your team will see it"), max_length=120, required=False
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=32, required=False)
    username = forms.CharField(
        label=_("Choose a login name"),
        max_length=USERNAME_MAX,
        required=False,
        help_text=_("Letters, digits and . @ + - _ only, no spaces."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        max_length=128,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        max_length=128,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to become a mentor of this team. My name and phone are stored with my "
            "account and shown to the team; I can ask the team leader to end it at any time."
        ),
        required=False,
    )
