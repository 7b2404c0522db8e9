"""Settings shared by every environment; safe for production on their own.

Secrets, hosts, the database, the cache and the job broker come from the
environment. `dev` and `test` switch conveniences on.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "literacy",
    "core",
    "courses",
    "volunteers",
    "reports",
    "wagtail_localize",
    # Two-step login: TOTP apps and one-time recovery codes (literacy/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Security (issue 9): login throttling, Content-Security-Policy.
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL in a query string or form field is a 400, never a database error (core/middleware.py).
    "core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's GZip middleware pads responses against BREACH; lesson pages
    # must stay under 50 KB over the wire on 3G.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "literacy.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-step login for officials and administrators (literacy/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "literacy.two_factor.TwoFactorRequiredMiddleware",
    # Lesson reads per day, counted outside the page cache so cached reads count too.
    "courses.middleware.LessonReadsMiddleware",
    # Anonymous learner pages from the shared page cache (literacy/page_cache.py).
    "literacy.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Security (issue 9): CSP first so the headers middleware below can hand it the admin's
    # policy; axes last (it must see the authenticated user and the login response).
    "csp.middleware.CSPMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "literacy.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "literacy.wsgi.application"

# Database: SQLite by default (embedded), PostgreSQL via DATABASE_URL.
# The SQLite options stop django-q2's ORM broker from losing tasks to
# "database is locked" under bursts (STACK-NOTES). secure_delete (privacy,
# issue 9): erased personal data is overwritten in the file, not just unlinked.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
    ),
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "600"))
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": SQLITE_OPTIONS,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and job broker: Redis when REDIS_URL is set, else local memory and the ORM.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache for anonymous learner pages (literacy/page_cache.py): shared by
# every process, so Redis when there is one, else files on this machine.
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Lesson reads are counted in memory per process and written this often (courses.services.reads).
LESSON_READS_FLUSH_SECONDS = int(os.environ.get("LESSON_READS_FLUSH_SECONDS", "60"))
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "literacy",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / ".cache" / "pages")),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }

Q_CLUSTER = {
    "name": "literacy",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": int(os.environ.get("Q_TIMEOUT", "1800")),
    "retry": int(os.environ.get("Q_RETRY", "1900")),  # must exceed timeout
    "max_attempts": 1,
    "save_limit": 250,
    "catch_up": False,
    "label": _("Background jobs"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "after-login"
LOGOUT_REDIRECT_URL = "/"

# Languages: interface in Vietnamese, English and German.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Files that must never be reachable by URL (report workbooks): served only
# through views that check access.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Rollups (issue 10, reports/rollups/): dashboards and workbook summaries read
# the rollup tables ("raw" reads the raw rows); a refresh re-reads rows changed
# within the safe window before the watermark. ROLLUPS_EAGER refreshes on
# every write (tests and demo data only, never at scale).
REPORTS_INDICATOR_SOURCE = os.environ.get("REPORTS_INDICATOR_SOURCE", "rollups")
ROLLUP_SAFE_WINDOW_SECONDS = int(os.environ.get("ROLLUP_SAFE_WINDOW_SECONDS", "600"))
ROLLUPS_EAGER = False

# Security: secure by default; HTTPS-only switches behind environment flags.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
if not SECURE_HSTS_SECONDS:
    # HSTS is sticky in browsers for its whole max-age; it is switched on
    # deliberately (DJANGO_HSTS_SECONDS) once TLS is known to work.
    SILENCED_SYSTEM_CHECKS = ["security.W004"]

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "noreply@localhost")

# Wagtail
WAGTAIL_SITE_NAME = "Digital Literacy"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "xlsx", "vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp"}
# Learner languages and editors (issue 11): the admin keeps the letters of a
# Vietnamese title in the slug it proposes, and courses.LearnerPage turns them
# into ASCII with anyascii ("cài-đặt" -> "cai-dat"), instead of the admin's
# own transliteration mangling them ("cai-djt"). A translation made with
# "Translate this page" stays a draft until it is translated and published.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Public base URL printed into QR codes (posters, certificates, cards). Empty:
# the host of the request that asks for the code (`manage.py check` warns
# about that in production, where a proxy may pass an internal host name).
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "")

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail 8 runs search-index and reference-index updates as
        # django-tasks; their per-task INFO lines drown everything else.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}

# `manage.py demo` creates demo logins; never in production.
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", False)
# Serve /media/ from Django (development, browser tests); production uses the web server.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", False)

# Privacy (issue 9): households with no visit, certificate or change for this
# many days lose their personal data to a nightly django-q2 task
# (volunteers/schedules.py); aggregate counts stay.
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "1095"))

# --- Security (issue 9): login throttling, headers, rate limits, uploads -----------------
# Login throttling (django-axes): a lockout needs the same username AND address, so a
# shared mobile-network address (a whole commune behind one carrier NAT) cannot lock out
# everyone, and one username cannot be guessed from many addresses unthrottled either.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its banner on stdout would break scripts that read manage.py's output
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The real client address: behind a reverse proxy, the header it sets (e.g.
# HTTP_X_FORWARDED_FOR); REMOTE_ADDR when the app is reached directly (the safe default:
# a header a client can set itself must never be trusted without a proxy that overwrites it).
CLIENT_IP_META_KEY = os.environ.get("CLIENT_IP_META_KEY", "REMOTE_ADDR")
AXES_IPWARE_META_PRECEDENCE_ORDER = [CLIENT_IP_META_KEY]
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
# django-ratelimit (/verify/): counts in the default cache (Redis when REDIS_URL is set, so
# every process shares one count) keyed on the same client address.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = CLIENT_IP_META_KEY

# Sessions on shared phones: 12 hours from login at most, gone when the browser closes;
# logout deletes the session row on the server. (Not saved on every request: that would
# add two queries to every page, against the constant-query budget.)
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(12 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# Content-Security-Policy (django-csp 4): no inline script on public and field pages.
# Inline style attributes stay allowed (progress bars); they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
    }
}
# The Wagtail admin runs inline scripts and styles of its own (core.middleware).
CSP_ADMIN_PREFIX = "/admin/"
CSP_ADMIN_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "frame-ancestors": ["'self'"],  # the page editor's live preview
        "frame-src": ["'self'", "https:"],
    }
}
PERMISSIONS_POLICY = (
    "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)  # camera: the field app scans household QR cards
NO_STORE_PATH_PREFIXES = ("/field/", "/dashboard/", "/reports/", "/admin/", "/accounts/")

# Uploads: a 121 MP PNG took the admin to 850 MB and 21 s; 40 MP covers any phone photo.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("WAGTAILIMAGES_MAX_IMAGE_PIXELS", "40000000"))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
VIDEO_MAX_UPLOAD_BYTES = int(os.environ.get("VIDEO_MAX_UPLOAD_BYTES", str(200 * 1024 * 1024)))

# Two-step login (literacy/two_factor.py): officials, staff and superusers must
# confirm a code from an authenticator app after their password.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Ky nang so"
