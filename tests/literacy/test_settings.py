import secrets
import subprocess
import sys

from django.conf import settings
from django.test import Client

from core.text import fold


def test_fold_removes_vietnamese_diacritics():
    assert fold("Đăng ký  khai sinh") == "dang ky khai sinh"


def test_production_settings_pass_deploy_check():
    env = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "SITE_BASE_URL": "https://hoc.example.vn",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=literacy.settings.production",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'literacy.settings.production'; django.setup()",
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_health_endpoint(db):
    assert Client().get("/healthz").content == b"ok"


def test_production_check_warns_when_site_base_url_is_unset():
    """QR codes then carry each request's host; production should name its public address."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=literacy.settings.production"],
        capture_output=True,
        text=True,
        env={"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "PATH": "/usr/bin:/bin"},
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert "courses.W001" in result.stdout + result.stderr
    assert "SITE_BASE_URL is not set" in result.stdout + result.stderr


def test_site_base_url_defaults_to_empty_so_qr_codes_use_the_request_host():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='literacy.settings.dev';"
            "django.setup(); from django.conf import settings; print(repr(settings.SITE_BASE_URL))",
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.stdout.strip().endswith("''"), result.stdout + result.stderr
