from django import forms
from django.core.exceptions import ValidationError

from core.forms import add_validation_errors, validation_messages


class HouseholdishForm(forms.Form):
    size = forms.IntegerField()


def test_field_errors_land_on_their_field_and_the_rest_on_the_form():
    form = HouseholdishForm({"size": "3"})
    assert form.is_valid()
    error = ValidationError({"size": ["Too many people."], "consent_at": ["Consent is required."]})
    add_validation_errors(form, error)
    assert form.errors["size"] == ["Too many people."]
    assert form.non_field_errors() == ["Consent is required."]


def test_a_plain_error_goes_to_the_top_of_the_form():
    form = HouseholdishForm({"size": "3"})
    form.is_valid()
    add_validation_errors(form, ValidationError("Erased.", code="erased"))
    assert form.non_field_errors() == ["Erased."]


def test_validation_messages_name_field_code_and_message():
    error = ValidationError(
        {
            "size": [ValidationError("Too big.", code="max_value")],
            "__all__": [ValidationError("Whole row.", code="row")],
        }
    )
    assert validation_messages(error) == [
        ("size", "max_value", "Too big."),
        ("", "row", "Whole row."),
    ]
    assert validation_messages(ValidationError("Once.", code="c")) == [("", "c", "Once.")]
