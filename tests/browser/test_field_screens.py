"""The field screens at 360 px in Chromium: Today, the visit form's time and "same as last
visit", registration into a village, the card sheet printed at once, and scanning a card.

FIELD_SHOTS=<folder> saves a screenshot of each screen per language there (to look at).
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import SCREENSHOT_DIR, login
from tests.volunteers.factories import (
    AreaFactory,
    HouseholdFactory,
    LearnerFactory,
    MembershipFactory,
    ServiceFactory,
    SkillFactory,
    TargetFactory,
    TeamFactory,
    UserFactory,
    VisitFactory,
)
from volunteers.models import Household, Target, Visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    folder = os.environ.get("FIELD_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def field(live_server):
    """A commune with two villages, a team with a yearly target, households with visits."""
    today = timezone.localdate()
    province = AreaFactory(name="Tỉnh Hòa Bình", level="province")
    commune = AreaFactory(parent=AreaFactory(parent=province, level="district"), name="Xã Ân Nghĩa")
    village = AreaFactory(parent=commune, name="Xóm Đồng Bãi", level="village")
    AreaFactory(parent=commune, name="Xóm Mường Khói", level="village")
    team = TeamFactory(name="Tổ công nghệ số Ân Nghĩa", area=commune)
    volunteer = UserFactory(username="volunteer")
    MembershipFactory(user=volunteer, team=team)
    TargetFactory(
        area=commune,
        indicator=Target.Indicator.HOUSEHOLDS_REACHED,
        value=240,
        period_start=datetime.date(today.year, 1, 1),
        period_end=datetime.date(today.year, 12, 31),
    )
    skill = SkillFactory(name="Cài VNeID")
    service = ServiceFactory(name="Khai sinh trực tuyến")
    month_start = today.replace(day=1)
    households = []
    for n in range(30):
        household = HouseholdFactory(
            team=team,
            area=village,
            head_name=f"Bùi Thị Lan {n}",
            address=f"Số {n + 1}, xóm Đồng Bãi",
        )
        households.append(household)
        if n < 7:
            VisitFactory(
                household=household,
                team=team,
                recorded_by=volunteer,
                visited_at=timezone.make_aware(
                    datetime.datetime.combine(month_start, datetime.time(8))
                ),
            )
        elif n < 12:
            VisitFactory(
                household=household,
                team=team,
                recorded_by=volunteer,
                visited_at=timezone.make_aware(  # last month: the figure beside this month's
                    datetime.datetime.combine(
                        (month_start - datetime.timedelta(days=1)).replace(day=15), datetime.time(9)
                    )
                ),
            )
    first = households[0]
    LearnerFactory(household=first, name=first.head_name)
    last = VisitFactory(
        household=first,
        team=team,
        recorded_by=volunteer,
        outcome=Visit.Outcome.FOLLOW_UP,
        visited_at=timezone.now() - datetime.timedelta(hours=3),
        follow_up_on=today - datetime.timedelta(days=1),
    )
    last.skills.set([skill])
    last.services.set([service])
    return {
        "base": live_server.url,
        "team": team,
        "commune": commune,
        "village": village,
        "household": first,
        "skill": skill,
        "service": service,
    }


def open_as(page, field, language: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": field["base"]}])
    login(page, field["base"], "volunteer", "pw")


@pytest.mark.parametrize("language", ["vi", "en", "de"])
def test_today_and_the_visit_form_at_360(phone, field, language):
    page = phone
    open_as(page, field, language)
    assert page.url.endswith("/field/today/")  # the volunteer's home after login
    assert page.locator("html").get_attribute("lang") == language
    figure = page.locator(".progress-figure").first.inner_text()
    assert re.match(r"7\D+\d+", figure), figure  # "7 of 20 households", "7 trên 20 hộ", ...
    assert page.locator("main .household").count() == 1  # the follow-up due
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    shot(page, f"today-{language}")
    if language == "en" and os.environ.get("SCREENSHOTS") == "1":  # the README's picture
        page.evaluate("window.scrollTo(0, 0)")  # boxes are measured from the viewport
        top = page.locator("main h1").bounding_box()["y"]
        card = page.locator(".progress-card").first.bounding_box()
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(SCREENSHOT_DIR / "field-today.png"),
            full_page=True,
            clip={
                "x": 0,
                "y": top - 8,
                "width": 360,
                "height": card["y"] + card["height"] - top + 16,
            },
        )

    page.goto(f"{field['base']}/field/households/{field['household'].pk}/visit/")
    when = page.locator("#id_visited_at").bounding_box()
    assert when["width"] >= 300, when  # a line of its own, not half of 360 px
    skill_box = page.locator(f"input[name=skills][value='{field['skill'].pk}']")
    assert not skill_box.is_checked()  # nothing ticked for the volunteer
    page.check("input[name=same_as_last]")
    assert skill_box.is_checked()  # the script shows what "same as last visit" means
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, f"visit-{language}")
    page.locator("#id_visited_at").scroll_into_view_if_needed()
    shot_when = os.environ.get("FIELD_SHOTS")
    if shot_when:
        page.locator(".when").screenshot(path=str(Path(shot_when) / f"visit-time-{language}.png"))
    page.click("#visit-form button[type=submit]")
    page.wait_for_url(f"**/field/households/{field['household'].pk}/")
    visit = Visit.objects.filter(household=field["household"]).order_by("-pk").first()
    assert list(visit.skills.all()) == [field["skill"]]
    assert list(visit.services.all()) == [field["service"]]


def test_registration_asks_for_the_village_and_marks_the_consent(phone, field):
    page = phone
    open_as(page, field, "en")
    page.goto(f"{field['base']}/field/households/new/")
    groups = page.locator("#id_area optgroup")
    assert groups.count() == 1 and groups.first.get_attribute("label") == "Xã Ân Nghĩa"
    assert page.locator("#id_area").input_value() == ""  # nothing chosen
    page.fill("#id_head_name", "Lò Văn Sơn")
    page.fill("#id_address", "Số 40, xóm Mường Khói")
    page.fill("#id_consent_given_by", "Lò Văn Sơn")
    # Without the browser's own checks, to see the server's answers.
    page.evaluate("document.querySelector('main form').noValidate = true")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#id_consent_confirmed").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_consent_confirmed_error").is_visible()
    assert page.locator("#id_area").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_address").input_value() == "Số 40, xóm Mường Khói"  # kept
    shot(page, "register-errors-en")
    page.select_option("#id_area", label="Xóm Mường Khói")
    page.check("#id_consent_confirmed")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/field/households/*/")
    assert Household.objects.get(head_name="Lò Văn Sơn").area.name == "Xóm Mường Khói"


def test_the_card_sheet_prints_every_card_at_once(phone, field):
    page = phone
    open_as(page, field, "vi")
    page.goto(f"{field['base']}/field/teams/{field['team'].pk}/cards/")
    assert page.locator(".qr-card").count() == 30
    assert page.locator(".qr-card", has_text="Số 1, xóm Đồng Bãi").count() == 1
    shot(page, "cards-vi")
    pdf = page.pdf(format="A4", print_background=True)
    if os.environ.get("FIELD_SHOTS"):
        (Path(os.environ["FIELD_SHOTS"]) / "cards.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 2, pages  # two sheets of cards, each on one paper page


def test_scanning_a_card_opens_the_household(phone, field):
    page = phone
    code = field["household"].code
    # Chromium on Linux has no BarcodeDetector and here no camera: a stand-in for both that
    # "sees" a card of another host (a card printed before the site moved) after two frames.
    page.add_init_script(
        """
        (function () {
          var frames = 0;
          window.BarcodeDetector = function () {};
          window.BarcodeDetector.prototype.detect = function () {
            frames++;
            if (frames < 2) return Promise.resolve([]);
            if (frames < 3) return Promise.resolve([{rawValue: "https://example.com/other"}]);
            return Promise.resolve([{rawValue: "https://old.example.org/field/h/CODE/"}]);
          };
          var canvas = document.createElement("canvas");
          canvas.width = canvas.height = 64;
          navigator.mediaDevices.getUserMedia = function () {
            canvas.getContext("2d").fillRect(0, 0, 64, 64);
            return Promise.resolve(canvas.captureStream(5));
          };
        })();
        """.replace("CODE", code)
    )
    open_as(page, field, "de")
    page.goto(f"{field['base']}/field/")
    button = page.locator("[data-scan-card]")
    assert button.is_visible() and button.inner_text() == "Karte scannen"
    button.click()
    page.wait_for_url(f"**/field/households/{field['household'].pk}/")


def test_without_barcode_detector_the_code_is_typed(phone, field):
    page = phone
    open_as(page, field, "vi")
    page.goto(f"{field['base']}/field/")
    assert not page.locator("[data-scan-card]").is_visible()
    page.fill("#q", field["household"].code)
    page.click("form.search button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("li.household").count() == 1
    shot(page, "households-vi")
