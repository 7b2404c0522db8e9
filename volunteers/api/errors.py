"""The sync API's errors: a status, a machine code and a translated message (docs/sync-api.md)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

NOT_AUTHENTICATED = _("Log in again: your session has ended.")
CSRF_FAILED = _("The page's security token is missing or old: reload the page and try again.")
MALFORMED_JSON = _("The request is not valid JSON.")
INVALID_REQUEST = _("The request does not have the expected fields or types.")
TOO_MANY_ITEMS = _("Send at most %(limit)s items at a time.")
BODY_TOO_LARGE = _("A request may hold at most %(limit)s bytes: send fewer items at a time.")
BAD_CURSOR = _("The download position is not valid: start the download again.")
NOT_FOUND = _("There is nothing at this address.")
FORBIDDEN = _("You may not do this.")


class ApiError(Exception):
    """Answered as ``{"detail": message, "code": code, **extra}`` with `status`."""

    def __init__(self, status: int, code: str, message: Any, **extra: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"detail": str(self.message), "code": self.code, **self.extra}
