import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105  # nosec
DEBUG = False
ALLOWED_HOSTS = ["*"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="literacy-test-media-"))  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="literacy-test-private-"))  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process in tests unless a test starts a real cluster.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
WAGTAILADMIN_BASE_URL = SITE_BASE_URL = "http://testserver"
# The page cache outlives a test's database: only tests/literacy/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}  # noqa: F405
# Most tests log officials in with force_login; tests/literacy/test_two_factor.py turns it on.
TWO_FACTOR_REQUIRED = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
DEMO_DATA_ALLOWED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
# Security (issue 9): test clients log in without a request (force_login, client.login), which
# django-axes refuses; tests/literacy/test_login.py switches it on for the login tests.
AXES_ENABLED = False
