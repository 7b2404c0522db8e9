"""The one versioned JSON API, mounted at /api/v1/ (docs/sync-api.md).

Session login and CSRF exactly like the pages (the front end sends the
``csrftoken`` cookie's value in ``X-CSRFToken``); anonymous requests get a
401. Every error is JSON ``{"detail": <translated>, "code": <machine code>}``:
bad input is a 4xx, never a 500. The OpenAPI schema is public at
/api/v1/openapi.json; there is no interactive docs page.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import SessionAuth

from volunteers.api import errors, max_body_bytes
from volunteers.api import router as volunteers_router

logger = logging.getLogger(__name__)


class SessionLogin(SessionAuth):
    """Django's session; CSRF checked on unsafe methods, after the login (anonymous: 401).

    The body size is checked here, before anything reads the body, so an
    oversized request is a 413 with the limit, not Django's HTML 400.
    """

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        result = super().__call__(request)
        if result is not None and request.method not in ("GET", "HEAD", "OPTIONS"):
            _check_body_size(request)
        return result


def _check_body_size(request: HttpRequest) -> None:
    limit = max_body_bytes()
    length = 0
    with contextlib.suppress(TypeError, ValueError):
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > limit:
        raise errors.ApiError(
            413, "body_too_large", errors.BODY_TOO_LARGE % {"limit": limit}, limit=limit
        )


api = NinjaAPI(
    title="Digital literacy field API",
    version="1",
    description="The offline field app's sync API: see docs/sync-api.md.",
    urls_namespace="api",
    auth=SessionLogin(),
    docs_url=None,
)
api.add_router("/", volunteers_router)

try:  # the progress figures live in reports (the indicator registry), added when present
    from reports.api import router as reports_router
except ImportError:  # pragma: no cover - until reports/api.py exists
    reports_router = None
if reports_router is not None:
    api.add_router("/", reports_router)


def _json(status: int, code: str, message: Any, **extra: Any) -> HttpResponse:
    return JsonResponse({"detail": str(message), "code": code, **extra}, status=status)


@api.exception_handler(errors.ApiError)
def _api_error(request: HttpRequest, exc: errors.ApiError) -> HttpResponse:
    return JsonResponse(exc.body(), status=exc.status)


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    # Only where and what: pydantic's "input" would echo the hostile value back.
    details = [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors[:50]
    ]
    return _json(422, "invalid_request", errors.INVALID_REQUEST, errors=details)


@api.exception_handler(AuthenticationError)
def _anonymous(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _json(401, "not_authenticated", errors.NOT_AUTHENTICATED)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if exc.status_code == 403 and "CSRF" in message:
        return _json(403, "csrf_failed", errors.CSRF_FAILED)
    if exc.status_code == 400 and message.startswith("Cannot parse"):
        return _json(400, "malformed_json", errors.MALFORMED_JSON)
    if exc.status_code == 401:
        return _json(401, "not_authenticated", errors.NOT_AUTHENTICATED)
    if exc.status_code == 403:
        return _json(403, "forbidden", errors.FORBIDDEN)
    return _json(exc.status_code, "error", message)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _json(404, "not_found", errors.NOT_FOUND)


def unknown_url(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other URL under /api/v1/: the JSON 404 (not an HTML page, not a slash redirect)."""
    return _not_found(request, Http404())
