"""Fixtures of the reports tests: worlds from tests/world.py."""

import pytest

from tests.world import report_district, seeded_district


@pytest.fixture
def district_world(db):
    return seeded_district()


@pytest.fixture
def report_world(db):
    return report_district()
