"""A German learner on a phone, on the demo site: German lessons, links that stay
under /de/, search in German, and the search hint's example finding something."""

import io
import re
from urllib.parse import urlparse

from courses import demo


def test_german_learner_journey(live_server, phone):
    demo.load(stdout=io.StringIO(), password="demo")
    base = live_server.url
    phone.goto(f"{base}/de/")
    assert phone.locator("html").get_attribute("lang") == "de"
    assert phone.locator("h1").inner_text() == "Digitale Fähigkeiten lernen"
    assert phone.locator(".notice").count() == 0

    phone.get_by_role("link", name="Behördengänge auf dem Handy").click()
    phone.wait_for_url("**/de/**")
    lessons = phone.locator(".lesson-list a")
    assert lessons.count() == 4
    assert all(
        urlparse(href).path.startswith("/de/")
        for href in lessons.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    )
    phone.get_by_role("link", name="Die App VNeID installieren").click()
    phone.wait_for_url("**/de/**")
    assert phone.locator("h1").inner_text() == "Die App VNeID installieren"
    assert "Die App VNeID installieren" in phone.locator(".skills").inner_text()  # German skill
    assert phone.locator("track").get_attribute("srclang") == "de"  # German captions
    next_link = phone.locator("[data-next-lesson] a")
    assert urlparse(next_link.get_attribute("href")).path.startswith("/de/")

    # The search hint's example finds something in German; so does "vneid".
    phone.goto(f"{base}/de/search/")
    hint = phone.locator(".search-form .muted").inner_text()
    example = re.search(r"„(.+?)“", hint).group(1)
    phone.fill("#q", example)
    phone.locator("form[role=search] button[type=submit]").click()
    phone.wait_for_url("**/de/search/?q=*")
    assert phone.locator(".results a").count() >= 1
    phone.goto(f"{base}/de/search/?q=vneid")
    results = phone.locator(".results a")
    assert results.count() >= 1
    assert all(
        urlparse(h).path.startswith("/de/")
        for h in results.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    )
    # The FAQ is German too.
    phone.goto(f"{base}/de/hoi-dap/")
    assert phone.locator("h1").inner_text() == "Häufige Fragen"


def test_search_hint_example_finds_something_in_every_language(live_server, phone):
    demo.load(stdout=io.StringIO(), password="demo")
    for prefix, quote in (("", r"“(.+?)”"), ("/en", r"“(.+?)”"), ("/de", r"„(.+?)“")):
        phone.goto(f"{live_server.url}{prefix}/search/")
        example = re.search(quote, phone.locator(".search-form .muted").inner_text()).group(1)
        phone.goto(f"{live_server.url}{prefix}/search/?q={example}")
        assert phone.locator(".results a").count() >= 1, (prefix, example)
