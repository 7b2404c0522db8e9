"""Backup and restore of the database and the media (issue 9)."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from reports.services import report_write_file
from tests.world import REPORT_END, REPORT_START, report_district
from volunteers.models import Visit

pytestmark = pytest.mark.django_db(transaction=True)


def cell_values(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values, without the 'Generated at' row (a clock reading)."""
    recent = datetime.datetime.now() - datetime.timedelta(hours=1)
    workbook = load_workbook(path, read_only=True)
    sheets = {
        sheet.title: [
            row
            for row in sheet.iter_rows(values_only=True)
            if not any(isinstance(v, datetime.datetime) and v > recent for v in row)
        ]
        for sheet in workbook.worksheets
    }
    workbook.close()
    return sheets


def test_restore_brings_back_the_same_report(tmp_path):
    world = report_district(households_per_village=2)
    before = tmp_path / "before.xlsx"
    rows = report_write_file(area=world.district, start=REPORT_START, end=REPORT_END, out=before)
    assert rows > 0
    media_file = Path(settings.MEDIA_ROOT) / "images" / "poster.txt"
    media_file.parent.mkdir(parents=True, exist_ok=True)
    media_file.write_text("poster")
    private_file = Path(settings.PRIVATE_MEDIA_ROOT) / "reports" / "kept.xlsx"
    private_file.parent.mkdir(parents=True, exist_ok=True)
    private_file.write_bytes(before.read_bytes())

    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    # Lose data after the backup: visits shortened, files gone.
    Visit.objects.update(duration_minutes=1)
    media_file.unlink()
    private_file.unlink()
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "backup"), verbosity=0)  # --yes is required
    call_command("restore", str(tmp_path / "backup"), yes=True, verbosity=0)

    assert Visit.objects.exclude(duration_minutes=1).exists()
    assert media_file.read_text() == "poster"
    assert private_file.read_bytes() == before.read_bytes()
    after = tmp_path / "after.xlsx"
    report_write_file(area=world.district, start=REPORT_START, end=REPORT_END, out=after)
    assert cell_values(after) == cell_values(before)


def test_backup_refuses_a_used_directory(tmp_path):
    call_command("backup", str(tmp_path), verbosity=0)
    with pytest.raises(CommandError):
        call_command("backup", str(tmp_path), verbosity=0)
