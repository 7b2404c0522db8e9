"""LibreOffice opens the workbook and converts it without complaint."""

import shutil
import subprocess

import pytest
from django.utils import translation

from reports.workbook import build_workbook
from tests.world import REPORT_END, REPORT_START, report_district

pytestmark = pytest.mark.django_db
SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; `make test` installs it"
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_libreoffice_converts_the_workbook(db, tmp_path, language):
    world = report_district()
    path = tmp_path / "report.xlsx"
    with translation.override(language):
        build_workbook(
            path,
            area=world.district,
            start=REPORT_START,
            end=REPORT_END,
            user=world.users["named"],
            language=language,
            include_names=True,
            generated_by=world.users["named"],
            rows_per_sheet=8,
        )
    out = tmp_path / "out"
    result = subprocess.run(  # noqa: S603
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr and "error" not in result.stdout.lower()
    pdf = out / "report.pdf"
    assert pdf.exists() and pdf.stat().st_size > 5_000
    assert pdf.read_bytes().startswith(b"%PDF")
