"""Bad requests to the sync API: a 4xx with a JSON reason, never a 500; login and CSRF."""

from __future__ import annotations

import json
import uuid

import pytest

from volunteers.models import SyncItem, Visit

from .conftest import ApiClient, item, now_iso, visit

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_json(world):
    anonymous = ApiClient(None)
    for response in (anonymous.changes(), anonymous.batch([])):
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated" and response.json()["detail"]


def test_a_session_post_needs_the_csrf_token(world):
    strict = ApiClient(world.users["volunteer"], enforce_csrf=True)
    one = visit(world.household.pk)
    response = strict.batch([one])
    assert response.status_code == 403 and response.json()["code"] == "csrf_failed"
    assert not Visit.objects.filter(uuid=one["client_id"]).exists()
    strict.client.get("/field/")  # the page sets the csrftoken cookie
    token = strict.client.cookies["csrftoken"].value
    response = strict.batch([one], HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content
    assert Visit.objects.filter(uuid=one["client_id"]).exists()


@pytest.mark.parametrize(
    "body",
    [b"{", b"\xff\xfe", b"[1, 2", b'{"device_id": "x"}\x00'],
    ids=["truncated", "not-utf8", "bad-list", "trailing-nul"],
)
def test_malformed_json_is_400(api, body):
    response = api.post_raw(body)
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_json" and response.json()["detail"]


def bad_bodies(world):
    household = world.household.pk
    good = visit(household)

    def with_data(**data):
        return {**good, "data": {**good["data"], **data}}

    device = str(uuid.uuid4())
    return {
        "not-an-object": [1, 2],
        "no-items": {"device_id": device},
        "unknown-top-field": {"device_id": device, "items": [], "extra": 1},
        "unknown-item-field": {"device_id": device, "items": [{**good, "extra": 1}]},
        "unknown-data-field": {"device_id": device, "items": [with_data(sneaky=True)]},
        "unknown-kind": {"device_id": device, "items": [{**good, "kind": "payment"}]},
        "bad-uuid": {"device_id": device, "items": [{**good, "client_id": "1"}]},
        "id-as-string": {"device_id": device, "items": [with_data(household_id=str(household))]},
        "id-too-large": {"device_id": device, "items": [with_data(household_id=2**63)]},
        "id-zero": {"device_id": device, "items": [with_data(household_id=0)]},
        "id-negative": {"device_id": device, "items": [with_data(household_id=-1)]},
        "id-float": {"device_id": device, "items": [with_data(household_id=1.5)]},
        "id-bool": {"device_id": device, "items": [with_data(household_id=True)]},
        "year-1-date": {"device_id": device, "items": [with_data(follow_up_on="0001-01-01")]},
        "year-1-datetime": {
            "device_id": device,
            "items": [with_data(visited_at="0001-01-01T00:00:00+00:00")],
        },
        "year-9999": {"device_id": device, "items": [with_data(follow_up_on="9999-12-31")]},
        "naive-datetime": {
            "device_id": device,
            "items": [with_data(visited_at="2026-01-01T10:00")],
        },
        "nul-in-notes": {"device_id": device, "items": [with_data(notes="a\x00b")]},
        "notes-too-long": {"device_id": device, "items": [with_data(notes="x" * 4001)]},
        "skill-ids-not-list": {"device_id": device, "items": [with_data(skill_ids=5)]},
        "duration-huge": {"device_id": device, "items": [with_data(duration_minutes=10**30)]},
        "items-null": {"device_id": device, "items": None},
        "data-missing": {
            "device_id": device,
            "items": [{k: v for k, v in good.items() if k != "data"}],
        },
    }


@pytest.mark.parametrize(
    "name",
    [
        "not-an-object", "no-items", "unknown-top-field", "unknown-item-field",
        "unknown-data-field", "unknown-kind", "bad-uuid", "id-as-string", "id-too-large",
        "id-zero", "id-negative", "id-float", "id-bool", "year-1-date", "year-1-datetime",
        "year-9999", "naive-datetime", "nul-in-notes", "notes-too-long", "skill-ids-not-list",
        "duration-huge", "items-null", "data-missing",
    ],
)  # fmt: skip
def test_wrong_shapes_are_422_with_where(api, world, name):
    response = api.post_raw(json.dumps(bad_bodies(world)[name]))
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_request" and body["detail"] and body["errors"]
    assert "\x00" not in response.content.decode()
    assert SyncItem.objects.count() == 0


def test_too_many_items_is_413_with_the_limit(api, world, settings):
    settings.SYNC_MAX_ITEMS = 3
    before = Visit.objects.count()
    response = api.batch([visit(world.household.pk) for _ in range(4)])
    assert response.status_code == 413
    assert response.json()["code"] == "too_many_items" and response.json()["limit"] == 3
    assert "3" in response.json()["detail"]
    assert Visit.objects.count() == before


def test_too_large_a_body_is_413_with_the_limit(api, world, settings):
    settings.SYNC_MAX_BODY_BYTES = 2000
    items = [item("visit", {**visit(world.household.pk)["data"], "notes": "x" * 3000})]
    response = api.batch(items)
    assert response.status_code == 413
    assert response.json() == {
        "detail": response.json()["detail"],
        "code": "body_too_large",
        "limit": 2000,
    }


def test_bad_query_parameters_are_4xx(api):
    for params in ({"limit": "0"}, {"limit": "abc"}, {"limit": str(2**64)}, {"device_id": "x"}):
        response = api.client.get("/api/v1/changes", params)
        assert response.status_code == 422, (params, response.content)
    assert api.client.get("/api/v1/changes", {"cursor": "\x00"}).status_code == 400


def test_a_future_visit_is_rejected_by_the_services_rule(api, world):
    result = api.results([visit(world.household.pk, visited_at=now_iso(60 * 24))])[0]
    assert result["status"] == "rejected" and "visited_at" in result["errors"]


def test_the_openapi_schema_is_published_and_the_docs_page_is_not(api):
    schema = api.client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/changes", "/api/v1/batch"} <= set(schema["paths"])
    assert api.client.get("/api/v1/docs/").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/nope/", "/api/v1/changes/extra"])
def test_an_unknown_api_url_answers_json_404_without_a_redirect(api, path):
    response = api.client.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
