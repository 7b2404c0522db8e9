"""Form helpers shared by the field app, the admin and the imports."""

from django.core.exceptions import ValidationError


def add_validation_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on `form`: each field's messages on that
    field where the form has it, the rest at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def validation_messages(error: ValidationError) -> list[tuple[str, str | None, str]]:
    """(field, code, message) for each message of `error`; field "" is the whole object."""
    if hasattr(error, "error_dict"):
        items = [
            ("" if field == "__all__" else field, each)
            for field, errors in error.error_dict.items()
            for each in errors
        ]
    else:
        items = [("", each) for each in error.error_list]
    return [(field, each.code, message) for field, each in items for message in each.messages]
