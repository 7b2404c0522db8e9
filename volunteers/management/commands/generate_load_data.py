"""`manage.py generate_load_data --households N --visits M [--seed S] [--root-code CODE] [--replace]`."""

from django.core.management.base import BaseCommand, CommandError

from volunteers.loaddata import LoadDataExists, generate


class Command(BaseCommand):
    help = "Build a large synthetic coordination data set under its own root area (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--households", type=int, required=True, help="Number of households.")
        parser.add_argument("--visits", type=int, required=True, help="Number of visits.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--root-code", default="LOAD", help="Official code of the root area (default LOAD)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete an existing tree with this root code first.",
        )

    def handle(self, *args, households, visits, seed, root_code, replace, **options):
        if households < 1 or visits < 0:
            raise CommandError("--households must be at least 1 and --visits at least 0.")
        if not root_code or len(root_code) > 8:
            # Household card codes are the root code + 7 digits (16 characters at most).
            raise CommandError("--root-code must be 1 to 8 characters.")
        try:
            root = generate(
                households=households,
                visits=visits,
                seed=seed,
                root_code=root_code,
                stdout=self.stdout,
                replace=replace,
            )
        except LoadDataExists as exc:
            raise CommandError(
                f"An area with code '{exc}' already exists. Pass --replace to delete it and build again, "
                "or choose another --root-code."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Load data ready under {root.code} (area id {root.pk}).")
        )
