"""Shared fixtures. Browser fixtures live in tests/browser/conftest.py."""

import pytest


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
