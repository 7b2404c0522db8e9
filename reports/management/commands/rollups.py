"""``manage.py rollups refresh|rebuild|check``: keep, rebuild and verify the rollup tables."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports import rollups
from volunteers.models import Area


class Command(BaseCommand):
    help = (
        "refresh: bring the rollups up to date from the watermark; rebuild: rebuild them from "
        "the raw rows, day by day (resumable, with progress); check: compare every indicator "
        "with the raw definitions (exit status 1 on a difference)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh", "rebuild", "check"])
        parser.add_argument("--restart", action="store_true", help="rebuild: start over")
        parser.add_argument("--area", help="check: official code of the area (default: roots)")
        parser.add_argument("--days", type=int, default=365, help="check: the last N days")
        parser.add_argument("--start", type=datetime.date.fromisoformat, help="check: from")
        parser.add_argument("--end", type=datetime.date.fromisoformat, help="check: to")
        parser.add_argument("--depth", type=int, default=2, help="check: areas down to depth N")

    def handle(self, *args, action: str, **options):
        if action == "refresh":
            count = rollups.refresh()
            self.stdout.write(
                f"refreshed {max(count, 0)} buckets; data as of {rollups.data_as_of()}"
            )
        elif action == "rebuild":
            rollups.rebuild(self.stdout.write, restart=options["restart"])
        else:
            self._check(options)

    def _check(self, options):
        if options["area"]:
            area = Area.objects.filter(code=options["area"]).first()
            if area is None:
                raise CommandError(f"no area with official code {options['area']!r}")
            areas = [area]
        else:
            areas = list(Area.objects.filter(depth__lte=options["depth"]).order_by("path"))
        rollups.refresh()
        end = options["end"] or timezone.localdate()
        start = options["start"] or end - datetime.timedelta(days=options["days"])
        if start > end:
            raise CommandError("--start is after --end")
        periods = [(start, end), (max(start, end.replace(day=1)), end)]
        problems: list[str] = []
        for area in areas:
            for start, stop in periods:
                problems += rollups.differences(area=area, start=start, end=stop)
        for line in problems:
            self.stderr.write(line)
        self.stdout.write(
            f"checked {len(areas)} areas x {len(periods)} periods: "
            + ("rollups equal the raw counts" if not problems else f"{len(problems)} differ")
        )
        if problems:
            raise CommandError("rollups differ from the raw rows")
