"""Absolute links for QR codes, mails and cards."""

from django.conf import settings


def absolute_url(path: str, request=None) -> str:
    """`path` on the public site: SITE_BASE_URL, else the host of `request`.

    A `path` that is already absolute is returned as it is.
    """
    if path.startswith(("http://", "https://")):
        return path
    base = (getattr(settings, "SITE_BASE_URL", "") or "").rstrip("/")
    if not base and request is not None:
        base = request.build_absolute_uri("/").rstrip("/")
    return f"{base}{path}"
