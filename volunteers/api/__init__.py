"""The offline field app's sync API: changes since a cursor, and a batch of outbox items.

Mounted by literacy/api.py under /api/v1/. Thin: the download is read by
volunteers.api.changes, every item is applied by volunteers.services.sync,
and volunteers.access decides every scope (docs/sync-api.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from ninja import Query, Router, Schema
from pydantic import Field

from volunteers.services.sync import BatchItem, batch_apply, device_synced

from . import changes as changes_module
from .errors import BAD_CURSOR, TOO_MANY_ITEMS, ApiError
from .schemas import BatchIn, BatchOut, ChangesOut, ErrorOut

router = Router(tags=["sync"])

ERRORS = {401: ErrorOut, 403: ErrorOut, 413: ErrorOut, 422: ErrorOut, 400: ErrorOut}


def max_items() -> int:
    return getattr(settings, "SYNC_MAX_ITEMS", 200)


def max_body_bytes() -> int:
    return getattr(settings, "SYNC_MAX_BODY_BYTES", 1_000_000)


def max_changes() -> int:
    return getattr(settings, "SYNC_MAX_CHANGES", 1000)


def limits() -> dict[str, int]:
    return {
        "max_items": max_items(),
        "max_body_bytes": max_body_bytes(),
        "max_limit": max_changes(),
    }


class ChangesQuery(Schema):
    cursor: str = Field(default="", max_length=4000)
    limit: int = Field(default=500, ge=1, le=1000)
    device_id: uuid.UUID | None = None


@router.get("/changes", response={200: ChangesOut, **ERRORS}, summary="Changes since a cursor")
def changes(request: HttpRequest, query: Query[ChangesQuery]):
    """One page of the households (and reference lists) changed since `cursor`; loop while `more`."""
    try:
        data = changes_module.changes_for_user(
            user=request.user, cursor_text=query.cursor, limit=min(query.limit, max_changes())
        )
    except changes_module.BadCursor as error:
        raise ApiError(400, "bad_cursor", BAD_CURSOR) from error
    data["limits"] = limits()
    if not data["more"]:
        device_synced(user=request.user, device_id=query.device_id)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})


@router.post("/batch", response={200: BatchOut, **ERRORS}, summary="Send outbox items")
def batch(request: HttpRequest, payload: BatchIn):
    """Apply the items in order; one result per item (created, duplicate, conflict, rejected)."""
    limit = max_items()
    if len(payload.items) > limit:
        raise ApiError(413, "too_many_items", TOO_MANY_ITEMS % {"limit": limit}, limit=limit)
    items = [
        BatchItem(
            client_id=item.client_id,
            kind=item.kind,
            made_at=item.made_at,
            data=item.data.model_dump(),
        )
        for item in payload.items
    ]
    results = batch_apply(user=request.user, device_id=payload.device_id, items=items)
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
