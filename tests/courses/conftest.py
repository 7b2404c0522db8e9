import shutil
import subprocess  # nosec B404: runs msgfmt on our own catalogues
from pathlib import Path

import pytest
from wagtail.models import Locale, Site

from .factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    FaqPageFactory,
    HomePageFactory,
    VideoLibraryPageFactory,
)


@pytest.fixture
def home(db):
    """A HomePage as the default site's root (replacing Wagtail's welcome page)."""
    page = HomePageFactory()
    site = Site.objects.get(is_default_site=True)
    site.root_page = page
    site.save()
    return page


@pytest.fixture
def course_index(home):
    return CourseIndexPageFactory(parent=home)


@pytest.fixture
def course(course_index):
    return CoursePageFactory(parent=course_index, title="Dịch vụ công trực tuyến")


@pytest.fixture
def library(home):
    return VideoLibraryPageFactory(parent=home)


@pytest.fixture
def faq(home):
    return FaqPageFactory(parent=home)


@pytest.fixture
def english(db):
    locale, _ = Locale.objects.get_or_create(language_code="en")
    return locale


@pytest.fixture(scope="session", autouse=True)
def courses_catalogues():
    """Compile courses/locale/*.po when their .mo is missing or older (`make messages` does it too)."""
    msgfmt = shutil.which("msgfmt")
    for po in (Path(__file__).resolve().parents[2] / "courses" / "locale").glob(
        "*/LC_MESSAGES/django.po"
    ):
        mo = po.with_suffix(".mo")
        if msgfmt and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], check=True)  # noqa: S603
