"""A volunteer on a phone: log in, find a household without diacritics, log a visit,
certify a skill, print the certificate, decode its QR code and open the verify page."""

import io

import pytest
import zxingcpp
from PIL import Image

from tests.browser.conftest import login, screenshot
from tests.volunteers.factories import (
    AreaFactory,
    HouseholdFactory,
    LearnerFactory,
    MembershipFactory,
    SkillFactory,
    TeamFactory,
    UserFactory,
)
from volunteers.models import Certification, Visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_volunteer_journey(live_server, phone, settings):
    settings.SITE_BASE_URL = live_server.url  # the QR code must point at this server
    province = AreaFactory(name="Tỉnh Hòa Bình", level="province")
    commune = AreaFactory(parent=AreaFactory(parent=province, level="district"), name="Xã Ân Nghĩa")
    village = AreaFactory(parent=commune, name="Xóm Đồng Bãi", level="village")
    team = TeamFactory(name="Tổ công nghệ số Ân Nghĩa", area=commune)
    volunteer = UserFactory(username="volunteer")
    MembershipFactory(user=volunteer, team=team)
    for _ in range(5):
        HouseholdFactory(team=team, area=commune)
    household = HouseholdFactory(team=team, area=village, head_name="Bùi Thị Lan")
    LearnerFactory(household=household, name="Bùi Thị Lan")
    skill = SkillFactory(
        name="Kích hoạt định danh mức 2",
        checklist=[("check", "Đăng nhập bằng mã PIN"), ("check", "Xem thẻ căn cước")],
    )

    page = phone
    login(page, live_server.url, "volunteer", "pw")
    assert page.url.endswith("/field/today/")  # the volunteer's home
    page.click("nav a[href='/field/']")
    page.wait_for_url("**/field/")

    page.fill("#q", "bui thi lan dong bai")
    page.click("form.search button[type=submit]")
    page.wait_for_load_state()
    cards = page.locator("li.household")
    assert cards.count() == 1
    screenshot(page, "field-households")
    cards.first.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Bùi Thị Lan"

    page.click(f"a[href='/field/households/{household.pk}/visit/']")
    page.wait_for_load_state()
    page.fill("#id_duration_minutes", "40")
    page.check(f"input[name=skills][value='{skill.pk}']")
    page.check("input[name=satisfaction][value='5']")
    page.fill("#id_notes", "Đã kích hoạt mức 2")
    screenshot(page, "field-visit")
    page.click("#visit-form button[type=submit]")
    page.wait_for_url(f"**/field/households/{household.pk}/")
    visit = Visit.objects.get(household=household)
    assert (
        visit.duration_minutes == 40
        and visit.satisfaction == 5
        and list(visit.skills.all()) == [skill]
    )

    page.click(f"a[href='/field/households/{household.pk}/certify/']")
    page.click(f"a[href='?skill={skill.pk}']")
    page.wait_for_load_state()
    page.check("input[name=learner]")
    for box in page.locator("input[name=ticked]").all():
        box.check()
    page.click("main form button[type=submit]")
    page.wait_for_url("**/field/certificates/*/")
    certification = Certification.objects.get(learner__household=household)
    assert certification.code in page.locator(".cert-code").inner_text()
    screenshot(page, "field-certificate")

    png = page.locator(".cert-qr").screenshot()
    [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert result.text == f"{live_server.url}/verify/{certification.code}/"

    page.goto(result.text)
    verdict = page.locator(".verdict")
    assert "ok" in verdict.get_attribute("class")
    text = verdict.inner_text()
    assert skill.name in text and "B. T. L." in text and "Bùi Thị Lan" not in text
    screenshot(page, "field-verify")
