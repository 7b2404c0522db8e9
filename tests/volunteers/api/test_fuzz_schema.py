"""Property-based: requests drawn from the published OpenAPI schema never get a 5xx.

The strategy is built from /api/v1/openapi.json itself (types, required keys,
enums, discriminated unions), with the nasty values of tests/test_fuzz_inputs.py
mixed in and keys sometimes dropped or added. About 30 examples each: CI stays short.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.volunteers.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(
    ["²", "١٢", 2**63, 2**64, -1, 0, "0001-01-01", "9999-12-31", "", "\x00", 1e309, None, True]
)
FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def from_schema(schema: dict, components: dict, depth: int = 0) -> st.SearchStrategy:
    """Values for a JSON schema, often valid, sometimes not."""
    if "$ref" in schema:
        return from_schema(components[schema["$ref"].split("/")[-1]], components, depth)
    if "oneOf" in schema or "anyOf" in schema:
        options = schema.get("oneOf") or schema.get("anyOf")
        return st.one_of([from_schema(o, components, depth) for o in options])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    kind = schema.get("type")
    if kind == "object" and depth < 5:
        props = schema.get("properties", {})
        required = set(schema.get("required", ()))
        fields = {
            name: from_schema(sub, components, depth + 1) | NASTY for name, sub in props.items()
        }
        return st.fixed_dictionaries(
            {k: v for k, v in fields.items() if k in required},
            optional={k: v for k, v in fields.items() if k not in required} | {"zz": NASTY},
        )
    if kind == "array" and depth < 5:
        items = from_schema(schema.get("items", {}), components, depth + 1)
        return st.lists(items, max_size=3)
    if kind == "integer":
        return st.integers(min_value=-(2**64), max_value=2**64)
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        if schema.get("format") == "uuid":
            return st.uuids().map(str)
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())
        if schema.get("format") == "date":
            return st.dates().map(str)
        return st.text(max_size=20)
    return NASTY


@pytest.fixture
def schema(client):
    return client.get("/api/v1/openapi.json").json()


@pytest.fixture
def api(world):
    return ApiClient(world.users["volunteer"])


@FUZZ
@given(data=st.data())
def test_batches_from_the_schema_never_500(api, schema, data):
    components = schema["components"]["schemas"]
    body = data.draw(from_schema(components["BatchIn"], components))
    response = api.post_raw(json.dumps(body))
    assert response.status_code < 500, response.content
    assert "code" in response.json() or "results" in response.json()


@FUZZ
@given(
    cursor=st.one_of(st.text(max_size=30), NASTY.map(str)),
    limit=st.one_of(st.integers(-5, 2**64), NASTY.map(str)),
)
def test_changes_never_500(api, cursor, limit):
    response = api.client.get("/api/v1/changes", {"cursor": cursor, "limit": limit})
    assert response.status_code < 500, response.content
