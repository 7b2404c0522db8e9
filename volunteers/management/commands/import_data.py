"""`manage.py import_data --areas FILE` / `--households FILE --user USERNAME`: the admin import, from a shell."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from volunteers.imports import ImportReport, areas_import, households_import


class Command(BaseCommand):
    help = "Import areas or households from an .xlsx or .csv file; bad rows are reported, good rows kept."

    def add_arguments(self, parser):
        parser.add_argument(
            "--areas", metavar="FILE", help="Areas file: code, name, level, parent_code."
        )
        parser.add_argument(
            "--households", metavar="FILE", help="Households file (see volunteers/imports/rows.py)."
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="Import as this user (their access rules apply); required for households.",
        )

    def handle(self, *args, areas=None, households=None, user=None, **options):
        if bool(areas) == bool(households):
            raise CommandError("Give exactly one of --areas FILE or --households FILE.")
        if households and not user:
            raise CommandError("--households needs --user USERNAME (whose access rules apply).")
        if user:
            try:
                importer = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"No user '{user}'.") from exc
        else:
            importer = get_user_model()(username="import_data", is_superuser=True, is_active=True)
        try:
            if areas:
                report = areas_import(file=areas, user=importer)
            else:
                report = households_import(file=households, user=importer)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        self._print(report)
        if report.errors:
            raise CommandError(
                f"{report.failed_rows or len(report.errors)} row(s) had problems (see above)."
            )

    def _print(self, report: ImportReport) -> None:
        self.stdout.write(
            f"{report.kind}: {report.rows} row(s) read, {report.created} created, {report.updated} updated, "
            f"{report.failed_rows} with problems."
        )
        for error in report.errors:
            where = f"row {error.row}" if error.row else "file"
            column = f" [{error.column}]" if error.column else ""
            self.stderr.write(f"  {where}{column}: {error.message}")
