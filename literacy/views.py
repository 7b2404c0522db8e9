from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse


@login_required
def after_login(request):
    """Send each person to the screen they came for: field app, dashboard or admin."""
    from volunteers import access

    user = request.user
    targets = []
    if access.is_official(user):
        targets.append("reports:dashboard")
    if access.is_volunteer(user):
        targets.append("volunteers:home")
    for name in targets:
        try:
            return redirect(reverse(name))
        except NoReverseMatch:
            continue
    if user.is_staff:
        return redirect("wagtailadmin_home")
    return redirect("/")


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
