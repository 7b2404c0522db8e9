"""The field screens fixed while offline work was built (issue 8): the visit form's skills,
registration into a village with consent marked where it is missing, and the QR card sheet."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from volunteers import messages, services
from volunteers.models import Household, Visit

from .factories import AreaFactory, HouseholdFactory, ServiceFactory, SkillFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer_client(client, world):
    client.force_login(world.users["volunteer"])
    return client


def checked_values(body: str, name: str) -> set[str]:
    """The values of the ticked <input name=...> boxes in `body`."""
    ticked = set()
    for tag in re.findall(r"<input[^>]*>", body):
        if f'name="{name}"' in tag and " checked" in tag:
            ticked.add(re.search(r'value="([^"]*)"', tag).group(1))
    return ticked


# --- the visit form -------------------------------------------------------------


@pytest.fixture
def last_visit(world):
    """The household's latest visit practised a skill and completed a service."""
    skill, service = SkillFactory(name="Cài VNeID"), ServiceFactory(name="Khai sinh trực tuyến")
    SkillFactory(name="Nhận biết lừa đảo")
    visit = VisitFactory(
        household=world.household,
        recorded_by=world.users["volunteer"],
        visited_at=timezone.now() - timezone.timedelta(hours=1),  # the latest visit
    )
    visit.skills.set([skill])
    visit.services.set([service])
    return visit, skill, service


def visit_post(world, **overrides):
    data = {
        "uuid": str(uuid.uuid4()),
        "visited_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "20",
        "outcome": Visit.Outcome.DONE,
        "team": world.team.pk,
    }
    data.update(overrides)
    return data


def test_visit_form_ticks_nothing_and_offers_same_as_last(volunteer_client, world, last_visit):
    _visit, skill, service = last_visit
    url = reverse("volunteers:visit_log", args=[world.household.pk])
    body = volunteer_client.get(url).content.decode()
    assert checked_values(body, "skills") == set() and checked_values(body, "services") == set()
    assert checked_values(body, "same_as_last") == set()
    same = re.search(r'<input[^>]*name="same_as_last"[^>]*>', body).group(0)
    assert f'data-skills="{skill.pk}"' in same and f'data-services="{service.pk}"' in same
    assert "Cài VNeID" in body and "Khai sinh trực tuyến" in body  # listed beside the box
    # One line under each field says what it means.
    assert 'id="id_skills_helptext"' in body and 'id="id_services_helptext"' in body


def test_a_visit_gets_only_what_was_ticked(volunteer_client, world, last_visit):
    url = reverse("volunteers:visit_log", args=[world.household.pk])
    data = visit_post(world)
    assert volunteer_client.post(url, data).status_code == 302
    visit = Visit.objects.get(uuid=data["uuid"])
    assert list(visit.skills.all()) == [] and list(visit.services.all()) == []


def test_same_as_last_visit_adds_its_skills_and_services(volunteer_client, world, last_visit):
    _visit, skill, service = last_visit
    other = SkillFactory(name="Thanh toán hóa đơn")
    url = reverse("volunteers:visit_log", args=[world.household.pk])
    data = visit_post(world, same_as_last="on", skills=[other.pk])
    assert volunteer_client.post(url, data).status_code == 302
    visit = Visit.objects.get(uuid=data["uuid"])
    assert set(visit.skills.all()) == {skill, other} and list(visit.services.all()) == [service]


def test_no_same_as_last_without_an_earlier_visit(volunteer_client, world):
    household = HouseholdFactory(team=world.team, area=world.household.area)
    body = volunteer_client.get(
        reverse("volunteers:visit_log", args=[household.pk])
    ).content.decode()
    assert 'name="same_as_last"' not in body


def test_visit_time_has_a_line_of_its_own(volunteer_client, world):
    body = volunteer_client.get(
        reverse("volunteers:visit_log", args=[world.household.pk])
    ).content.decode()
    when = re.search(r'<div class="when">(.*?)</div>\s*</div>', body, re.S).group(1)
    assert 'id="id_visited_at"' in when and "id_duration_minutes" not in when


# --- registration: a village, and consent marked on its box -----------------------


def register_data(world, **overrides):
    data = {
        "team": world.team.pk,
        "area": world.household.area.pk,  # the village
        "head_name": "Lò Văn Sơn",
        "address": "Số 12, xóm Đồng Bãi",
        "size": "4",
        "consent_given_by": "Lò Văn Sơn",
        "consent_scope": "Đồng ý",
        "consent_confirmed": "on",
    }
    data.update(overrides)
    return data


def test_the_picker_offers_villages_not_the_commune(volunteer_client, world):
    body = volunteer_client.get(reverse("volunteers:household_register")).content.decode()
    select = re.search(r'<select name="area"[^>]*>(.*?)</select>', body, re.S).group(1)
    commune = world.team.area
    assert f'<optgroup label="{commune.name}">' in select
    assert f'value="{commune.pk}"' not in select
    assert f'value="{world.household.area.pk}"' in select
    assert re.search(r'<option value="" selected>', select)  # nothing chosen for the volunteer


def test_registering_in_the_commune_asks_for_the_village(volunteer_client, world):
    url = reverse("volunteers:household_register")
    with translation.override("vi"):
        response = volunteer_client.post(
            url, register_data(world, area=world.team.area.pk), HTTP_ACCEPT_LANGUAGE="vi"
        )
        expected = escape(str(messages.AREA_NEEDS_VILLAGE) % {"area": world.team.area.name})
    body = response.content.decode()
    assert response.status_code == 200 and expected in body
    assert "Số 12, xóm Đồng Bãi" in body and "Lò Văn Sơn" in body  # nothing typed is lost
    assert 'aria-invalid="true"' in re.search(r'<select name="area"[^>]*>', body).group(0)
    assert not Household.objects.filter(head_name="Lò Văn Sơn").exists()
    assert volunteer_client.post(url, register_data(world)).status_code == 302
    assert Household.objects.get(head_name="Lò Văn Sơn").area == world.household.area


def test_a_missing_consent_marks_the_consent_box(volunteer_client, world):
    data = register_data(world)
    del data["consent_confirmed"]
    body = volunteer_client.post(reverse("volunteers:household_register"), data).content.decode()
    box = re.search(r'<input[^>]*name="consent_confirmed"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in box and 'aria-describedby="id_consent_confirmed_error"' in box
    error = re.search(r'<div class="errorlist" role="alert" id="id_consent_confirmed_error">', body)
    assert error is not None
    after_box = body[body.index(box) :]
    assert after_box.index(escape(str(messages.CONSENT_REQUIRED))) < after_box.index("</fieldset>")
    assert not Household.objects.filter(head_name="Lò Văn Sơn").exists()


def test_a_missing_village_and_consent_show_at_once(volunteer_client, world):
    data = register_data(world, area="")
    del data["consent_confirmed"]
    response = volunteer_client.post(reverse("volunteers:household_register"), data)
    assert set(response.context["form"].errors) == {"area", "consent_confirmed"}


def test_the_village_rule_is_the_service_s(world):
    """household_create (which the sync API calls too) refuses an area that has villages."""
    with pytest.raises(ValidationError) as excinfo:
        services.household_create(
            user=world.users["volunteer"], team=world.team, area=world.team.area, size=2
        )
    assert excinfo.value.error_dict["area"][0].code == "village_required"
    # An area without villages (the other team's commune) takes households directly.
    household = services.household_create(
        user=world.users["volunteer2"], team=world.other_team, area=world.other_team.area, size=2
    )
    assert household.area == world.other_team.area
    # A village added later makes the commune a heading too; the household already there stays.
    AreaFactory(parent=world.other_team.area, level="village")
    services.household_update(user=world.users["volunteer2"], household=household, size=3)
    with pytest.raises(ValidationError):
        services.household_create(
            user=world.users["volunteer2"], team=world.other_team, area=world.other_team.area
        )


# --- QR cards ---------------------------------------------------------------------


def test_cards_carry_the_address_and_print_all_at_once(volunteer_client, world):
    for n in range(29):
        HouseholdFactory(team=world.team, area=world.household.area, address=f"Nhà số {n}")
    world.household.address = "Số 7, xóm Đồng Bãi"
    world.household.save()
    body = volunteer_client.get(
        reverse("volunteers:household_cards", args=[world.team.pk])
    ).content.decode()
    assert body.count("<svg") == 30  # every card on one page: no pagination
    assert 'rel="next"' not in body
    assert body.count('class="qr-cards sheet"') == 2  # sheets of 24, one per paper page
    assert "Số 7, xóm Đồng Bãi" in body and "Nhà số 28" in body


def test_cards_hide_the_address_from_who_may_not_see_it(volunteer_client, world, monkeypatch):
    from volunteers import access

    world.household.address = "Số 7, xóm Đồng Bãi"
    world.household.save()
    monkeypatch.setattr(access, "can_see_personal_data", lambda user, household: False)
    body = volunteer_client.get(
        reverse("volunteers:household_cards", args=[world.team.pk])
    ).content.decode()
    assert world.household.code in body and "Số 7, xóm Đồng Bãi" not in body


def test_cards_of_one_village(volunteer_client, world):
    other_village = AreaFactory(parent=world.team.area, level="village", name="Thôn Khác")
    elsewhere = HouseholdFactory(team=world.team, area=other_village)
    url = reverse("volunteers:household_cards", args=[world.team.pk])
    body = volunteer_client.get(url).content.decode()
    assert f'href="?area={other_village.pk}"' in body and body.count("<svg") == 2
    body = volunteer_client.get(url, {"area": other_village.pk}).content.decode()
    assert body.count("<svg") == 1 and elsewhere.code in body
    assert volunteer_client.get(url, {"area": world.other_household.area.pk}).status_code == 404
    assert volunteer_client.get(url, {"area": "x" * 30}).status_code == 200  # ignored


def test_cards_query_count_is_constant(volunteer_client, world, django_assert_max_num_queries):
    url = reverse("volunteers:household_cards", args=[world.team.pk])
    with django_assert_max_num_queries(15) as small:
        volunteer_client.get(url)
    for _ in range(20):
        HouseholdFactory(team=world.team, area=world.household.area)
    with django_assert_max_num_queries(15) as large:
        volunteer_client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


# --- scanning a card ----------------------------------------------------------------


def test_household_list_offers_the_scan_button_without_inline_script(volunteer_client, world):
    body = volunteer_client.get(reverse("volunteers:home")).content.decode()
    assert "data-scan-card" in body and "volunteers/scan-card.js" in body
    assert re.search(r"<button[^>]*data-scan-card[^>]*hidden", body, re.S)  # until JS shows it
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", body)
