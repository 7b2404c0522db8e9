from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key")  # noqa: F405  # nosec
ALLOWED_HOSTS = ["*"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_DATA_ALLOWED = True
# The demo logins work without a phone app; set TWO_FACTOR_REQUIRED=1 to try two-step login.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
