from django.conf import settings
from django.core.checks import Warning as CheckWarning
from django.core.checks import register


@register()
def site_base_url_check(app_configs=None, **kwargs):
    """Without SITE_BASE_URL, QR codes encode the host each request came in on: fine on a
    laptop, but behind a proxy in production it may be an internal name nobody can open."""
    if settings.DEBUG or getattr(settings, "SITE_BASE_URL", ""):
        return []
    return [
        CheckWarning(
            "SITE_BASE_URL is not set: QR codes on prints, posters and cards use the host "
            "name of each request.",
            hint="Set SITE_BASE_URL to the public address, e.g. https://hoc.example.vn",
            id="courses.W001",
        )
    ]
