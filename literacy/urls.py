from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django_ratelimit.decorators import ratelimit
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import account
from wagtail.documents import urls as wagtaildocs_urls

from core.converters import register_id_converter
from literacy import ask, two_factor, views
from literacy.api import api, unknown_url

# <id:pk> in the apps' urls.py: a primary key within 64 bits, anything larger is a 404.
register_id_converter()

# At most this many reset mails per client address and per e-mail address (a blocked POST is
# a 403); counted in the default cache, Redis when REDIS_URL is set.
RESET_MAIL_RATE = "5/h"
throttled_password_reset = ratelimit(
    group="password-reset", key="ip", rate=RESET_MAIL_RATE, method="POST", block=True
)(
    ratelimit(
        group="password-reset",
        key="post:email",
        rate=RESET_MAIL_RATE,
        method="POST",
        block=True,
    )(account.PasswordResetView.as_view())
)

urlpatterns = [
    # Password-reset mails throttled per address and per e-mail (issue 9); before the admin's own
    # route of the same path, which it replaces.
    path(
        "admin/password_reset/",
        throttled_password_reset,
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/after-login/", views.after_login, name="after-login"),
    path("accounts/two-factor/", two_factor.verify, name="two-factor-verify"),
    path("accounts/two-factor/setup/", two_factor.setup, name="two-factor-setup"),
    path("healthz", views.healthz, name="healthz"),
    path("sw.js", views.service_worker, name="service-worker"),
    # The versioned JSON API (the offline field app's sync; docs/sync-api.md).
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown_url),  # before APPEND_SLASH redirects it
    path("", include("volunteers.urls")),
    path("", include("reports.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Development and browser tests only; production serves /media/ from the
    # web server or object storage.
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.views.static import serve

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Wagtail pages last: Vietnamese at /, other languages under /en/, /de/.
# Django 5 renders unprefixed URLs in LANGUAGE_CODE whatever the language
# cookie says, so pages a learner reads in their language live here too.
urlpatterns += i18n_patterns(
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("offline/", views.offline, name="offline"),
    path("ask/", ask.ask, name="ask"),  # the "Ask a question" box: /ask/?q=, /en/ask/?q=
    path("", include("courses.urls")),  # /search/, /en/search/
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
