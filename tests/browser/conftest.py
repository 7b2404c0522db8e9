"""Playwright driving Debian's Chromium (never a downloaded browser).

Fixtures: `browser` (one Chromium per session), `phone` (a fresh 360x740
touch page per test), `desktop` (1280x900). Helpers: `login(page, base_url,
username, password)` and `axe_violations(page)` (WCAG 2.2 A/AA rules only).
Set SCREENSHOTS=1 to let journeys save README screenshots.
"""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between page actions are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def wagtail_basics(transactional_db):
    """What Wagtail's migrations create: locales, the root page and the root collection.

    live_server tests run in transactional mode, and the flush after each one
    removes those rows; serialized_rollback did not restore them reliably with
    Playwright running, so every browser test starts by rebuilding what is missing.
    """
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def _page(browser, **context_options):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **context_options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _close(context) -> None:
    """Close the browser, then wait for the live server's requests still being answered.

    A page's last fetches (a service worker filling its cache, a progress poll) can still be
    running in the server's request threads when the test ends; with SQLite's shared in-memory
    database their open read would lock the tables the flush after the test empties.
    """
    context.close()
    deadline = time.monotonic() + 15
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def phone(browser):
    context, page = _page(
        browser,
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield page
    _close(context)


@pytest.fixture
def desktop(browser):
    context, page = _page(browser, viewport={"width": 1280, "height": 900})
    yield page
    _close(context)


def login(page, base_url: str, username: str, password: str) -> None:
    """Log in through the real login form; the page ends where the login redirects."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def axe_violations(page) -> list[dict]:
    """axe-core WCAG 2.2 A/AA violations on the current page, as a short list of dicts."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results.response["violations"]
    ]


def screenshot(page, name: str) -> None:
    """Save a README screenshot when SCREENSHOTS=1."""
    if os.environ.get("SCREENSHOTS") == "1":
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=False)
