"""The short version of bench/load.py: a few people at once for a few seconds, on a real server."""

import pytest

from bench import load
from bench._server import DemoSite

pytestmark = pytest.mark.load


def test_no_server_error_and_every_acknowledged_visit_stored_once():
    with DemoSite(production=True, log=lambda *a: None) as site:
        stats, server_errors, check = load.run_locust(
            site, seconds=12, volunteers=4, officials=1, learners=10
        )
    names = {row["Name"] for row in stats}
    assert "/api/v1/batch (POST)" in names  # visits are sent as the phones send them
    assert "lesson and course pages" in names
    assert server_errors == 0
    assert check["unique"] > 0
    assert check["stored"] == check["unique"]
