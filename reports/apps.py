from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_schedules(sender, using="default", **kwargs):
    """After migrate: the monthly reports schedule exists (idempotent)."""
    from django.db import connections
    from django_q.models import Schedule

    if Schedule._meta.db_table not in connections[using].introspection.table_names():
        return
    from .schedules import ensure_schedules

    ensure_schedules()


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from . import receivers  # noqa: F401  (connects reports' signal receivers)

        post_migrate.connect(
            _ensure_schedules, sender=self, dispatch_uid="reports.ensure_schedules"
        )
        from .rollups.signals import connect

        connect()
