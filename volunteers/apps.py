from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_schedules(sender, using="default", **kwargs):
    """After migrate: the retention schedule exists (idempotent)."""
    from django.db import connections
    from django_q.models import Schedule

    if Schedule._meta.db_table not in connections[using].introspection.table_names():
        return
    from .schedules import ensure_schedules

    ensure_schedules()


class VolunteersConfig(AppConfig):
    name = "volunteers"

    def ready(self):
        from django.db.models.signals import pre_save

        from .models import Household
        from .services.sync import record_household_departure

        # Phones drop a household that left their team (volunteers/api changes).
        pre_save.connect(
            record_household_departure, sender=Household, dispatch_uid="volunteers.departure"
        )
        post_migrate.connect(
            _ensure_schedules, sender=self, dispatch_uid="volunteers.ensure_schedules"
        )
