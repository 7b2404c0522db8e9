import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.cache import cache_control


@login_required
def after_login(request):
    """Send each person to the screen they came for: field app, dashboard or admin."""
    from volunteers import access

    user = request.user
    targets = []
    if access.is_official(user):
        targets.append("reports:dashboard")
    if access.is_volunteer(user):
        targets.append("reports:today")  # the volunteer's home: follow-ups due, the month
        targets.append("volunteers:home")
    for name in targets:
        try:
            return redirect(reverse(name))
        except NoReverseMatch:
            continue
    if user.is_staff or user.has_perm("wagtailadmin.access_admin"):  # editors, moderators
        return redirect("wagtailadmin_home")
    return redirect("/")


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def field_assets() -> list[str]:
    """The static files the offline field shell loads."""
    return [
        static(name)
        for name in (
            "js/early.js",
            "volunteers/field.css",
            "volunteers/field-app.css",
            "volunteers/field-db.js",
            "volunteers/field-app.js",
        )
    ]


def _service_worker_source() -> str:
    """sw.js with the URLs it precaches filled in; the version changes with them."""
    source = (settings.PROJECT_DIR / "static" / "js" / "sw.js").read_text()
    offline_pages = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            offline_pages.append(reverse("offline"))
    precache = [
        *offline_pages,
        static("css/site.css"),
        static("js/site.js"),
        static("js/offline.js"),
        # The field app's shell needs these offline (volunteers/views/field_app.py).
        *field_assets(),
    ]
    field_scripts = [static("volunteers/field-db.js")]
    version = hashlib.sha256((source + json.dumps(precache)).encode()).hexdigest()[:12]
    return (
        source.replace('var VERSION = "dev";', f'var VERSION = "{version}";', 1)
        .replace('var OFFLINE = ["/offline/"];', f"var OFFLINE = {json.dumps(offline_pages)};", 1)
        .replace("var PRECACHE = OFFLINE.slice();", f"var PRECACHE = {json.dumps(precache)};", 1)
        .replace("var FIELD_SCRIPTS = [];", f"var FIELD_SCRIPTS = {json.dumps(field_scripts)};", 1)
    )


_cached_service_worker_source = cache(_service_worker_source)


@cache_control(max_age=300, public=True)
def service_worker(request):
    """The offline-reading service worker, served from the site root so its scope is the whole site."""
    source = _service_worker_source() if settings.DEBUG else _cached_service_worker_source()
    response = HttpResponse(source, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@cache_control(no_cache=True)
def offline(request):
    """What the service worker shows when neither the network nor a saved copy has the page."""
    return render(request, "offline.html")
