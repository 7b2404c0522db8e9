from django.core.management.base import BaseCommand

from reports.schedules import ensure_schedules


class Command(BaseCommand):
    help = "Create the django-q2 schedules of the reports app (idempotent; migrate also does it)."

    def handle(self, *args, **options):
        for schedule in ensure_schedules():
            self.stdout.write(
                f"{schedule.name}: {schedule.func}, next run {schedule.next_run:%Y-%m-%d %H:%M}"
            )
