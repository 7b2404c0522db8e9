"""A district official logs in, reads the dashboard, drills into a commune, sorts; axe finds nothing."""

import re

import pytest

from tests.browser.conftest import axe_violations, login, screenshot
from tests.world import END, START, seeded_district

PERIOD = f"period=custom&start={START.isoformat()}&end={END.isoformat()}"


@pytest.fixture
def world(transactional_db):
    return seeded_district(communes=3, households=24)


def _open_dashboard(page, live_server, world):
    login(page, live_server.url, world.users["official"].username, "pw")
    page.wait_for_url(re.compile(r"/dashboard/"))  # after login, officials land on the dashboard
    page.goto(f"{live_server.url}/dashboard/?{PERIOD}")


def test_official_reads_dashboard_and_drills_down(live_server, desktop, world):
    page = desktop
    _open_dashboard(page, live_server, world)
    assert page.locator("h1").inner_text().startswith(world.district.name)
    assert page.locator(".kpi").count() == 4
    chart = page.locator("svg.chart[role=img]")
    assert chart.get_attribute("aria-label")
    assert page.locator("table.children tbody tr").count() == len(world.communes)
    assert axe_violations(page) == []
    screenshot(page, "dashboard-district")

    # Sort by visits (most first), without JavaScript doing anything.
    page.get_by_role("link", name=re.compile("^(Visits|Lượt thăm)")).first.click()
    page.wait_for_url(re.compile(r"sort=-visits"))
    visits = [
        int(t) for t in page.locator("table.children tbody tr td:nth-child(6)").all_inner_texts()
    ]
    assert visits == sorted(visits, reverse=True)

    commune = world.communes[0]
    page.get_by_role("link", name=commune.name, exact=True).click()
    page.wait_for_url(re.compile(rf"area={commune.pk}"))
    assert page.locator("h1").inner_text().startswith(commune.name)
    assert page.locator("nav.crumbs").get_by_role("link", name=world.district.name).is_visible()
    assert axe_violations(page) == []
    screenshot(page, "dashboard-commune")


def test_dashboard_on_a_phone(live_server, phone, world):
    _open_dashboard(phone, live_server, world)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the page must not scroll sideways (tables scroll in their own box)"
    assert axe_violations(phone) == []
    phone.evaluate("document.getElementById('h-headline').scrollIntoView()")
    screenshot(phone, "dashboard-phone")


def test_another_district_is_not_found(live_server, desktop, world):
    login(desktop, live_server.url, world.users["official"].username, "pw")
    desktop.wait_for_url(re.compile(r"/dashboard/"))
    response = desktop.goto(f"{live_server.url}/dashboard/?area={world.other_district.pk}")
    assert response.status == 404
