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
