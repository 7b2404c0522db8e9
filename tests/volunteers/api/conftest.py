"""Fixtures of the sync API tests: the two-district world and a JSON client per user."""

from __future__ import annotations

import datetime
import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from tests.world import two_districts


class ApiClient:
    """A logged-in client that speaks JSON to /api/v1/."""

    def __init__(self, user, *, enforce_csrf: bool = False) -> None:
        self.client = Client(enforce_csrf_checks=enforce_csrf)
        if user is not None:
            self.client.force_login(user)
        self.device_id = str(uuid.uuid4())

    def changes(self, cursor: str = "", **params):
        return self.client.get("/api/v1/changes", {"cursor": cursor, **params})

    def download(self, cursor: str = "", limit: int = 500) -> tuple[dict, str]:
        """Every page of one round; returns (merged answer, final cursor)."""
        households, removed, answer = [], [], {}
        while True:
            response = self.changes(cursor, limit=limit)
            assert response.status_code == 200, response.content
            answer = response.json()
            households += answer["households"]
            removed += answer["removed_household_ids"]
            cursor = answer["cursor"]
            if not answer["more"]:
                break
        return {**answer, "households": households, "removed_household_ids": removed}, cursor

    def post_raw(self, body: bytes | str, **extra):
        return self.client.post("/api/v1/batch", body, content_type="application/json", **extra)

    def batch(self, items: list[dict], **extra):
        body = json.dumps({"device_id": self.device_id, "items": items})
        return self.post_raw(body, **extra)

    def results(self, items: list[dict]) -> list[dict]:
        response = self.batch(items)
        assert response.status_code == 200, response.content
        return response.json()["results"]


def now_iso(minutes: int = 0) -> str:
    return (timezone.now() + datetime.timedelta(minutes=minutes)).isoformat()


def item(kind: str, data: dict, client_id: str | None = None) -> dict:
    return {
        "client_id": client_id or str(uuid.uuid4()),
        "kind": kind,
        "made_at": now_iso(),
        "data": data,
    }


def visit(household_id=None, *, household_client_id=None, client_id=None, **data) -> dict:
    body = {"visited_at": now_iso(-30), "duration_minutes": 20, **data}
    if household_client_id:
        body["household_client_id"] = household_client_id
    else:
        body["household_id"] = household_id
    return item("visit", body, client_id)


@pytest.fixture
def world(db):
    return two_districts()


@pytest.fixture
def village(world):
    return world.household.area


@pytest.fixture
def api(world):
    return ApiClient(world.users["volunteer"])


@pytest.fixture
def leader_api(world):
    return ApiClient(world.users["leader"])
