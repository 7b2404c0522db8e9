"""Fixtures of the reports tests: worlds from tests/world.py."""

import pytest

from tests.world import report_district, seeded_district


@pytest.fixture
def district_world(db):
    return seeded_district()


@pytest.fixture
def report_world(db):
    return report_district()


@pytest.fixture(autouse=True)
def _rollups_follow_every_write(settings):
    """The reports tests write rows and read dashboards at once: refresh on each write."""
    settings.ROLLUPS_EAGER = True
