"""Fixtures of the coordination tests: the two-district world from tests/world.py."""

import pytest

from tests.world import two_districts


@pytest.fixture
def world(db):
    """Two districts, a team in each with one household, learner, visit and certificate.

    users: volunteer, leader (same team), volunteer2 (other district),
    official / official2 (district officials), superuser, outsider (no role).
    """
    return two_districts()
