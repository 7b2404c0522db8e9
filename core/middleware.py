"""Response headers every page gets: Permissions-Policy, no-store on personal pages, the admin's CSP.

Settings (see literacy/settings/base.py, "Security headers"):
PERMISSIONS_POLICY: the header's value;
NO_STORE_PATH_PREFIXES: paths whose responses hold personal data (field app,
dashboards, reports, the admin) and must not stay in a shared phone's cache;
CSP_ADMIN_PREFIX and CSP_ADMIN_POLICY: the looser django-csp policy of the
Wagtail admin (which runs inline scripts of its own).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext_lazy as _lazy


class SecurityHeadersMiddleware:
    """Sits below csp.middleware.CSPMiddleware in MIDDLEWARE so the admin policy reaches it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        path = request.path_info
        personal = any(path.startswith(p) for p in getattr(settings, "NO_STORE_PATH_PREFIXES", ()))
        download = "attachment" in response.get("Content-Disposition", "")
        if (personal or download) and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store, private"
        admin_prefix = getattr(settings, "CSP_ADMIN_PREFIX", "")
        if admin_prefix and path.startswith(admin_prefix):
            # django-csp's middleware reads the directives of this response from here.
            response._csp_config = settings.CSP_ADMIN_POLICY["DIRECTIVES"]
        return response


ERROR_NUL = _lazy("The request holds a NUL character, which no field may contain.")


class RejectNulMiddleware:
    """Answers 400 to a query string or form field holding a NUL character.

    PostgreSQL text columns cannot hold NUL (psycopg raises DataError), so a
    search for "\\x00" would be a 500 wherever a raw query parameter reaches
    a filter; Django's form fields already refuse it, query parameters and
    raw POST values do not. One check at the door covers every view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", "") or _has_nul(request.GET):
            return HttpResponseBadRequest(str(ERROR_NUL), content_type="text/plain; charset=utf-8")
        if (
            request.method == "POST"
            and request.content_type in _FORM_TYPES
            and _has_nul(request.POST)
        ):
            return HttpResponseBadRequest(str(ERROR_NUL), content_type="text/plain; charset=utf-8")
        return self.get_response(request)


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)
