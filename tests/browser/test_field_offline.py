"""The offline field app (issue 8) in Chromium at 360 px, with the network cut by
`context.set_offline`: work done with no connection waits in the outbox, is sent
exactly once when the connection returns, and a refused item stays until discarded."""

import json
from pathlib import Path

import pytest

from tests.browser.conftest import login, screenshot
from tests.world import WorldBuilder
from volunteers import services
from volunteers.models import Certification, Household, Learner, Membership, Visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHECKLIST = ["Đăng nhập bằng mã PIN", "Xem thẻ căn cước"]


def field_world():
    b = WorldBuilder()
    province = b.area("Tỉnh Hòa Bình", "province")
    district = b.area("Huyện Lạc Sơn", "district", parent=province)
    commune = b.area("Xã Ân Nghĩa", "commune", parent=district)
    village = b.area("Xóm Đồng Bãi", "village", parent=commune)
    b.area("Xóm Mới", "village", parent=commune)
    team = b.team(commune, "Tổ Ân Nghĩa")
    volunteer = b.member(b.user("volunteer"), team)
    leader = b.member(b.user("leader"), team, Membership.Role.LEADER)
    for index in range(4):
        b.household(team, village, head_name=f"Hà Văn {index}")
    household = b.household(team, village, head_name="Bùi Thị Lan")
    other = b.household(team, village, head_name="Đinh Văn Tâm")
    skill = b.skill(name="Kích hoạt định danh mức 2", checklist=[("check", c) for c in CHECKLIST])
    b.name(
        team=team,
        village=village,
        volunteer=volunteer,
        leader=leader,
        household=household,
        other=other,
        skill=skill,
    )
    return b.world


def open_online(page, base):
    """Log in, open /field/ and wait until the phone keeps the app and the households."""
    login(page, base, "volunteer", "pw")
    page.goto(f"{base}/field/")
    page.wait_for_selector("html[data-field-ready=online]")
    page.reload()  # now controlled by the service worker
    assert page.evaluate("!!navigator.serviceWorker.controller")
    page.wait_for_selector("html[data-field-ready=online]")
    # The download is a sync: the bar says when, even with nothing sent yet.
    assert page.evaluate("FieldDB.meta('last_sync')")


def waiting(page) -> int:
    count = page.locator("[data-sync-count]")
    count.wait_for()
    return int(count.get_attribute("data-waiting"))


def wait_waiting(page, n: int) -> None:
    page.wait_for_selector(f"[data-sync-count][data-waiting='{n}']")


def log_visit(page, skill) -> None:
    page.click("a[href$='/visit/']")
    page.wait_for_selector("#visit-form")
    page.fill("#id_duration_minutes", "40")
    page.check(f"input[name=skills][value='{skill.pk}']")
    page.click("#visit-form button[type=submit]")
    page.wait_for_selector("[data-pending-visit]")


def open_household(page, query: str) -> None:
    page.fill("#q", query)
    cards = page.locator("#field-app li.household")
    cards.first.wait_for()
    assert cards.count() == 1
    cards.first.locator("a").click()
    page.wait_for_selector("#field-app a[href$='/visit/']")


def test_offline_visits_household_learner_certificate_sent_once(live_server, phone):
    world = field_world()
    household, skill = world.household, world.skill
    page, base = phone, live_server.url
    batches = []
    # On the context, not the page: Background Sync sends from the service worker.
    page.context.on(
        "request",
        lambda r: (
            batches.append(r.post_data)
            if r.method == "POST" and r.url.endswith("/api/v1/batch")
            else None
        ),
    )
    open_online(page, base)
    before = {
        "visits": Visit.objects.count(),
        "households": Household.objects.count(),
        "learners": Learner.objects.count(),
        "certifications": Certification.objects.count(),
    }

    page.context.set_offline(True)
    try:
        page.reload()
        assert page.locator("#field-app h1").inner_text() == "Hộ của tôi"
        assert page.locator("#field-app li.household").count() == len(world.households)
        assert waiting(page) == 0

        # Diacritics-insensitive search, on the phone.
        open_household(page, "bui thi lan dong bai")
        assert page.locator("h1").inner_text() == "Bùi Thị Lan"
        for _ in range(3):
            log_visit(page, skill)
        assert page.locator("[data-pending-visit]").count() == 3

        page.click("a[href$='/certify/']")
        page.select_option("#id_skill_id", str(skill.pk))
        for item in CHECKLIST:
            page.check(f"input[name=checklist][value='{item}']")
        page.click("#field-app form button[type=submit]")
        pending = page.locator("[data-pending-cert]")
        pending.wait_for()
        assert "mã xác minh đang chờ" in pending.inner_text()

        # Register a household (consent first, a village picked) with a learner.
        page.click("#field-app .crumbs a")
        page.click("a[href='/field/households/new/']")
        page.click("#field-app button[type=submit]")
        assert page.locator("[data-field=consent].has-error").is_visible()  # consent first
        page.fill("#id_consent_given_by", "Lò Văn Sáng")
        page.check("#id_consent")
        page.select_option("#id_area_id", str(world.village.pk))
        page.fill("#id_head_name", "Lò Văn Sáng")
        page.fill("#id_address", "Bản Mới")
        page.fill("#id_size", "5")
        page.click("#field-app button[type=submit]")
        page.wait_for_url("**/field/app/households/*/")
        page.locator("#field-app h1", has_text="Lò Văn Sáng").wait_for()
        page.click("a[href$='/learners/new/']")
        page.fill("#id_name", "Lò Thị Hoa")
        page.fill("#id_birth_year", "1958")
        page.click("#field-app button[type=submit]")
        page.wait_for_selector("text=Lò Thị Hoa")

        page.reload()
        assert waiting(page) == 6
        assert page.locator("h1").inner_text() == "Lò Văn Sáng"
    finally:
        page.context.set_offline(False)

    wait_waiting(page, 0)
    assert Visit.objects.count() == before["visits"] + 3
    assert Visit.objects.filter(household=household, duration_minutes=40).count() == 3
    assert Household.objects.count() == before["households"] + 1
    assert Learner.objects.count() == before["learners"] + 1
    new_household = Household.objects.get(head_name="Lò Văn Sáng")
    assert new_household.area == world.village and new_household.consent_at is not None
    assert new_household.learners.get().name == "Lò Thị Hoa"
    certificate = Certification.objects.get(learner__household=household, skill=skill)
    assert certificate.code
    assert Certification.objects.count() == before["certifications"] + 1

    # The phone now shows the certificate's code, and the server's household.
    page.goto(f"{base}/field/app/households/{household.pk}/")
    page.wait_for_selector(f"text={certificate.code}")
    assert page.locator("[data-pending-cert]").count() == 0

    # Replaying every batch the phone sent changes nothing.
    assert batches
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    for body in batches:
        response = page.request.post(
            f"{base}/api/v1/batch",
            data=body,
            headers={"Content-Type": "application/json", "X-CSRFToken": token},
        )
        assert response.status == 200
        assert {r["status"] for r in response.json()["results"]} == {"duplicate"}
    assert sum(len(json.loads(body)["items"]) for body in batches) >= 6
    assert Visit.objects.count() == before["visits"] + 3
    assert Household.objects.count() == before["households"] + 1
    assert Learner.objects.count() == before["learners"] + 1
    assert Certification.objects.count() == before["certifications"] + 1


def test_visit_for_a_household_erased_meanwhile_is_refused_and_kept(live_server, phone):
    world = field_world()
    page, base = phone, live_server.url
    open_online(page, base)

    page.context.set_offline(True)
    try:
        page.reload()
        open_household(page, "bui thi lan")
        log_visit(page, world.skill)
        assert waiting(page) == 1
    finally:
        # Meanwhile the team leader erases the household.
        services.household_erase(user=world.leader, household=world.household)
        page.context.set_offline(False)

    page.wait_for_selector("[data-sync-count].has-refused")
    assert not Visit.objects.filter(household=world.household, duration_minutes=40).exists()
    page.goto(f"{base}/field/app/outbox/")
    refused = page.locator("[data-outbox-item][data-status=refused]")
    refused.wait_for()
    assert refused.locator("[data-reason=household_erased]").inner_text()
    assert waiting(page) == 1

    # A second visit made offline waits beside the refused one (the README screenshot).
    page.context.set_offline(True)
    try:
        page.goto(f"{base}/field/")
        open_household(page, "dinh van tam")
        log_visit(page, world.skill)
        page.goto(f"{base}/field/app/outbox/")
        page.locator("[data-outbox-item][data-status=waiting]").wait_for()
        assert page.locator("[data-outbox-item]").count() == 2
        page.evaluate("document.querySelector('ol.outbox').scrollIntoView()")
        screenshot(page, "field-outbox")
    finally:
        page.context.set_offline(False)
    wait_waiting(page, 1)  # the second visit went; the refused one stays

    page.reload()
    refused = page.locator("[data-outbox-item][data-status=refused]")
    refused.wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    refused.locator("[data-discard]").click()
    wait_waiting(page, 0)
    assert page.locator("[data-outbox-item]").count() == 0
    assert Visit.objects.filter(household=world.other, duration_minutes=40).count() == 1


def test_logout_with_unsent_items_asks_first_and_offers_them(live_server, phone):
    world = field_world()
    page, base = phone, live_server.url
    open_online(page, base)
    page.context.set_offline(True)
    try:
        page.reload()
        open_household(page, "bui thi lan")
        log_visit(page, world.skill)
        page.click("form[action='/accounts/logout/'] button")
        guard = page.locator("dialog.logout-guard")
        guard.wait_for()
        assert "1" in guard.inner_text()
        with page.expect_download() as download:
            guard.locator("a[download]").click()
        unsent = json.loads(Path(download.value.path()).read_text())
        assert [item["kind"] for item in unsent["items"]] == ["visit"]
        guard.locator("button.primary").click()  # cancel: still logged in, item kept
        assert waiting(page) == 1
        assert not guard.count()
    finally:
        page.context.set_offline(False)
        page.close()  # nothing is sent after the test
