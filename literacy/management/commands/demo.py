"""Load the demo site: logins, lessons, videos, skills, coordination data, reports.

Idempotent: running it twice changes nothing. Each app owns its part in
`<app>/demo.py` with a `load(*, stdout, password)` function; they run in
dependency order (courses, volunteers, reports).
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo import ensure_user

DEMO_APPS = ("courses", "volunteers", "reports")


class Command(BaseCommand):
    help = "Create the demo content and logins (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is disabled in these settings (DEMO_DATA_ALLOWED).")
        password = settings.DEMO_PASSWORD
        with transaction.atomic():
            ensure_user(
                "admin",
                password,
                is_staff=True,
                is_superuser=True,
                first_name="Admin",
                email="admin@example.org",
            )
        for app in DEMO_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError:
                continue
            module.load(stdout=self.stdout, password=password)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
