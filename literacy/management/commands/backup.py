"""`manage.py backup DIR`: the database and the media (public and private) into DIR.

- SQLite: a consistent copy through SQLite's online backup API
  (``db.sqlite3``), safe while the site runs;
- PostgreSQL: ``pg_dump --format=custom`` (``db.pgdump``) when pg_dump is on
  PATH, else Django's ``dumpdata`` (``db.json``);
- media: ``media.tar.gz`` with MEDIA_ROOT as ``media/`` and
  PRIVATE_MEDIA_ROOT (report workbooks) as ``private/``.

A ``manifest.json`` says which files were written; ``restore`` reads it.
The backup holds personal data: keep it as protected as the database.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404: pg_dump with a fixed argument list
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
MEDIA_TREES = (("media", "MEDIA_ROOT"), ("private", "PRIVATE_MEDIA_ROOT"))


def postgres_env() -> dict[str, str]:
    """libpq's environment for the configured PostgreSQL database (no password on argv)."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, name in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if db.get(name):
            env[key] = str(db[name])
    return env


def backup_database(directory: Path) -> dict[str, str]:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = directory / "db.sqlite3"
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return {"kind": "sqlite", "file": target.name}
    if connection.vendor == "postgresql" and shutil.which("pg_dump"):
        target = directory / "db.pgdump"
        subprocess.run(  # noqa: S603  # nosec B603
            [shutil.which("pg_dump"), "--format=custom", "--no-owner", f"--file={target}"],
            check=True,
            env=postgres_env(),
        )
        return {"kind": "pg_dump", "file": target.name}
    target = directory / "db.json"
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=["contenttypes", "auth.permission", "sessions"],
        output=str(target),
        verbosity=0,
    )
    return {"kind": "dumpdata", "file": target.name}


def backup_media(directory: Path) -> str:
    target = directory / MEDIA_ARCHIVE
    with tarfile.open(target, "w:gz") as archive:
        for name, setting in MEDIA_TREES:
            root = Path(getattr(settings, setting))
            if root.is_dir():
                archive.add(root, arcname=name)
    return target.name


class Command(BaseCommand):
    help = "Back up the database and the media (public and private) into a directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write (created if missing)")

    def handle(self, *args, directory, **options):
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        if (out / MANIFEST).exists():
            raise CommandError(f"{out} already holds a backup; choose an empty directory.")
        manifest = {
            "created": timezone.now().isoformat(),
            "database": backup_database(out),
            "media": backup_media(out),
        }
        (out / MANIFEST).write_text(json.dumps(manifest, indent=2))
        self.stdout.write(f"Backup written to {out} ({manifest['database']['kind']}).")
