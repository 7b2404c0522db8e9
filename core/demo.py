"""Helpers for the demo data loaders of every app."""

from django.contrib.auth import get_user_model


def ensure_user(username: str, password: str, **fields):
    """Create (or leave as is) a demo login; returns the user."""
    user, created = get_user_model().objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user
