"""Shared fixtures. Browser fixtures live in tests/browser/conftest.py."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Rate limits (/verify/, password reset) and cached pages count in the caches: each
    test starts with empty ones, so an earlier test's requests never throttle a later one."""
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
