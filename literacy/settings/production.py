from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY for production.")

MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")  # noqa: F405
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):  # noqa: F405
    # S3-compatible media (install django-storages[s3]); reports stay private.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}  # noqa: F405
DEMO_DATA_ALLOWED = False
