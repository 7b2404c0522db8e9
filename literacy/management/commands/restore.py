"""`manage.py restore DIR --yes`: put back what `backup DIR` wrote.

The database is replaced as a whole (SQLite: the backup API copies the file
over the live database; PostgreSQL: pg_restore --clean, or flush + loaddata
for a dumpdata backup), then MEDIA_ROOT and PRIVATE_MEDIA_ROOT are emptied
and unpacked from the archive (members that would land outside them are
refused). Stop the web and worker processes first.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess  # nosec B404: pg_restore with a fixed argument list
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import MANIFEST, MEDIA_TREES, postgres_env


def restore_database(directory: Path, database: dict[str, str]) -> None:
    source = directory / database["file"]
    if not source.is_file():
        raise CommandError(f"{source} is missing.")
    kind = database["kind"]
    connection.ensure_connection()
    if kind == "sqlite":
        if connection.vendor != "sqlite":
            raise CommandError("This backup is of an SQLite database.")
        backup = sqlite3.connect(source)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    elif kind == "pg_dump":
        if not shutil.which("pg_restore"):
            raise CommandError("pg_restore is not on PATH.")
        subprocess.run(  # noqa: S603  # nosec B603
            [
                shutil.which("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                f"--dbname={settings.DATABASES['default']['NAME']}",
                str(source),
            ],
            check=True,
            env=postgres_env(),
        )
    elif kind == "dumpdata":
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(source), verbosity=0)
    else:
        raise CommandError(f"Unknown backup kind {kind!r}.")


def restore_media(archive_path: Path) -> None:
    roots = {name: Path(getattr(settings, setting)) for name, setting in MEDIA_TREES}
    with tarfile.open(archive_path, "r:gz") as archive:
        members = archive.getmembers()
        for member in members:
            top = Path(member.name).parts[0] if member.name else ""
            if (
                top not in roots
                or ".." in Path(member.name).parts
                or member.issym()
                or member.islnk()
            ):
                raise CommandError(f"Refusing archive member {member.name!r}.")
        for root in roots.values():
            if root.is_dir():
                shutil.rmtree(root)
            root.mkdir(parents=True, exist_ok=True)
        placed = [(member, Path(member.name).parts) for member in members]
        for member, parts in placed:
            if len(parts) == 1:
                continue  # the tree's own top folder
            member.name = str(Path(*parts[1:]))
            archive.extract(member, roots[parts[0]], filter="data")


class Command(BaseCommand):
    help = "Restore the database and the media from a directory written by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--yes", action="store_true", help="really replace the current database and media"
        )

    def handle(self, *args, directory, yes, **options):
        source = Path(directory)
        if not (source / MANIFEST).is_file():
            raise CommandError(f"{source} holds no backup (no {MANIFEST}).")
        if not yes:
            raise CommandError("This replaces the database and the media: pass --yes.")
        manifest = json.loads((source / MANIFEST).read_text())
        restore_database(source, manifest["database"])
        restore_media(source / manifest["media"])
        self.stdout.write(f"Restored from {source} ({manifest['database']['kind']}).")
