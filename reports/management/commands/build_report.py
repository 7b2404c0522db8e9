"""`manage.py build_report --area CODE --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx`.

The same workbook the site builds, for cron jobs and scripts. Whoever runs
it has the server's rights: every visit of the area counts; names only with
--names. `--area` is the official code, digits or not (province 79 is
``--area 79``); `--area-id` takes the database id instead.
"""

import datetime
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports.services import report_write_file
from volunteers.models import Area


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from error


class Command(BaseCommand):
    help = "Build an area's Excel workbook for a period into a file."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--area", help="the area's official code (e.g. 79)")
        which.add_argument("--area-id", type=int, help="the area's database id")
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="the .xlsx file to write")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
        )
        parser.add_argument(
            "--names", action="store_true", help="include heads of household's names"
        )

    def handle(self, *args, **options):
        if options["area_id"] is not None:
            area = Area.objects.filter(pk=options["area_id"]).first()
            if area is None:
                raise CommandError(f"No area with the id {options['area_id']}.")
        else:
            area = Area.objects.filter(code=options["area"]).first()
            if area is None:
                raise CommandError(f"No area with the code {options['area']!r}.")
        start, end = _date(options["start"]), _date(options["end"])
        began = time.monotonic()
        try:
            rows = report_write_file(
                area=area,
                start=start,
                end=end,
                out=options["out"],
                language=options["language"],
                include_names=options["names"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Wrote {options['out']}: {area.name} ({area.code}) {start}..{end}, "
            f"{rows} visits, {time.monotonic() - began:.1f} s"
        )
