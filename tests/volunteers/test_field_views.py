"""The field app as a volunteer uses it: search, visits, certificates, cards, my week."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape as _escape

from volunteers import messages
from volunteers.models import AccessLog, Certification, Household, Visit

from .factories import HouseholdFactory, LearnerFactory, SkillFactory, VisitFactory

pytestmark = pytest.mark.django_db


def escape(message) -> str:
    """A message as it appears in HTML (apostrophes escaped), in the active language."""
    return str(_escape(str(message)))


@pytest.fixture
def volunteer_client(client, world):
    client.force_login(world.users["volunteer"])
    return client


def visit_data(**overrides):
    data = {
        "uuid": str(uuid.uuid4()),
        "visited_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "25",
        "outcome": Visit.Outcome.DONE,
        "satisfaction": "5",
        "notes": "Đã cài VNeID cho bà",
    }
    data.update(overrides)
    return data


def test_search_without_diacritics(volunteer_client, world):
    HouseholdFactory(team=world.team, area=world.team.area, head_name="Nguyễn Văn Khải")
    for query, expected in [
        ("bui thi lan", True),
        ("BÙI", True),
        ("dong bai", True),
        (world.household.code.lower(), True),
        ("khai", False),
        ("ha van tung", False),
    ]:
        body = volunteer_client.get(reverse("volunteers:home"), {"q": query}).content.decode()
        assert (world.household.code in body) is expected, query
    body = volunteer_client.get(reverse("volunteers:home"), {"q": "nguyen khai"}).content.decode()
    assert "Nguyễn Văn Khải" in body and world.household.code not in body


def test_urgent_first_and_filters(volunteer_client, world):
    today = timezone.localdate()
    never = HouseholdFactory(team=world.team, area=world.team.area, code="HNEVER")
    overdue = HouseholdFactory(team=world.team, area=world.team.area, code="HOVERDUE")
    VisitFactory(
        household=overdue,
        outcome=Visit.Outcome.FOLLOW_UP,
        follow_up_on=today - datetime.timedelta(days=2),
        visited_at=timezone.now() - datetime.timedelta(days=10),
    )
    fine = HouseholdFactory(team=world.team, area=world.team.area, code="HFINE")
    VisitFactory(household=fine)
    vulnerable = HouseholdFactory(
        team=world.team, area=world.team.area, code="HVULN", is_elderly=True
    )
    VisitFactory(household=vulnerable)
    body = volunteer_client.get(reverse("volunteers:home")).content.decode()
    order = [
        code
        for code in re.findall(r"H[A-Z0-9]+", body)
        if code in {"HNEVER", "HOVERDUE", "HFINE", "HVULN"}
    ]
    assert order[:4] == ["HOVERDUE", "HNEVER", "HVULN", "HFINE"]
    for filter_name, present, absent in [
        ("never", never, fine),
        ("due", overdue, never),
        ("vulnerable", vulnerable, fine),
    ]:
        body = volunteer_client.get(
            reverse("volunteers:home"), {"filter": filter_name}
        ).content.decode()
        assert present.code in body and absent.code not in body, filter_name


def test_household_list_query_count_is_constant(
    volunteer_client, world, django_assert_max_num_queries
):
    def add_rows(count):
        for _ in range(count):
            household = HouseholdFactory(team=world.team, area=world.team.area)
            VisitFactory(household=household)
            LearnerFactory(household=household)

    add_rows(30)
    with django_assert_max_num_queries(10) as small:
        assert volunteer_client.get(reverse("volunteers:home")).status_code == 200
    add_rows(30)
    with django_assert_max_num_queries(10) as large:
        assert volunteer_client.get(reverse("volunteers:home"), {"page": 2}).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_household_page_query_count_is_constant(
    volunteer_client, world, django_assert_max_num_queries
):
    url = reverse("volunteers:household", args=[world.household.pk])
    with django_assert_max_num_queries(20) as small:
        volunteer_client.get(url)
    skill = SkillFactory()
    for _ in range(15):
        learner = LearnerFactory(household=world.household)
        Certification.objects.create(
            learner=learner,
            skill=skill,
            team=world.team,
            code=uuid.uuid4().hex[:10],
            certified_by=world.users["volunteer"],
            certified_on=timezone.localdate(),
        )
        visit = VisitFactory(household=world.household)
        visit.skills.add(skill)
    with django_assert_max_num_queries(20) as large:
        volunteer_client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_household_page_is_logged_and_names_masked_for_officials(client, world):
    client.force_login(world.users["official"])
    body = client.get(reverse("volunteers:household", args=[world.household.pk])).content.decode()
    assert "Bùi Thị Lan" not in body and "B. T. L." in body
    assert "Log a visit" not in body and "Ghi lượt thăm" not in body
    assert AccessLog.objects.filter(
        user=world.users["official"], household=world.household, action=AccessLog.Action.VIEW
    ).exists()


def test_visit_form_defaults(volunteer_client, world):
    last = VisitFactory(
        household=world.household,
        recorded_by=world.users["volunteer"],
        visited_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    last.skills.add(world.skill)
    response = volunteer_client.get(reverse("volunteers:visit_log", args=[world.household.pk]))
    form = response.context["form"]
    assert uuid.UUID(str(form.initial["uuid"]))
    assert form.initial["team"] == world.team
    # The last visit's skills are never ticked silently: an explicit choice offers them
    # (tests/volunteers/test_field_screens.py).
    assert "skills" not in form.initial and form.last_skills == [world.skill]
    assert abs(form.initial["visited_at"] - timezone.now()) < datetime.timedelta(minutes=2)


def test_log_visit_and_double_submit_counts_once(volunteer_client, world):
    url = reverse("volunteers:visit_log", args=[world.household.pk])
    data = visit_data(
        team=world.team.pk, skills=[world.skill.pk], volunteers=[world.users["leader"].pk]
    )
    first = volunteer_client.post(url, data)
    second = volunteer_client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert Visit.objects.filter(uuid=data["uuid"]).count() == 1
    visit = Visit.objects.get(uuid=data["uuid"])
    assert visit.notes == "Đã cài VNeID cho bà"
    assert set(visit.volunteers.all()) == {world.users["volunteer"], world.users["leader"]}
    page = volunteer_client.get(first["Location"]).content.decode()
    assert "Đã cài VNeID cho bà" in page


def test_back_then_save_again_under_a_new_id_counts_once(volunteer_client, world):
    """Back to the form, which comes with a new id and the browser's refill, then Save again."""
    url = reverse("volunteers:visit_log", args=[world.household.pk])
    before = Visit.objects.filter(household=world.household).count()
    first = visit_data(team=world.team.pk)
    volunteer_client.post(url, first)
    again = volunteer_client.post(url, {**first, "uuid": str(uuid.uuid4())}, follow=True)
    assert Visit.objects.filter(household=world.household, notes=first["notes"]).count() == 1
    assert escape(messages.VISIT_ALREADY_SAVED) in again.content.decode()
    # Another visit (other words) minutes later is a visit of its own.
    volunteer_client.post(url, visit_data(team=world.team.pk, notes="Lần hai: cổng dịch vụ công"))
    assert Visit.objects.filter(household=world.household).count() == before + 2


def test_a_refilled_form_saved_with_a_change_is_kept(volunteer_client, world):
    """Back, tick a skill on the refilled form, Save: what was changed is not dropped."""
    url = reverse("volunteers:visit_log", args=[world.household.pk])
    first = visit_data(team=world.team.pk)
    volunteer_client.post(url, first)
    changed = {**first, "uuid": str(uuid.uuid4()), "skills": [world.skill.pk]}
    volunteer_client.post(url, changed)
    saved = Visit.objects.filter(household=world.household, notes=first["notes"])
    assert saved.count() == 2
    assert list(saved.get(uuid=changed["uuid"]).skills.all()) == [world.skill]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {
                "visited_at": (timezone.localtime() + datetime.timedelta(days=1)).strftime(
                    "%Y-%m-%dT%H:%M"
                )
            },
            messages.VISIT_IN_FUTURE,
        ),
        ({"duration_minutes": "600"}, messages.DURATION_OUT_OF_RANGE),
        ({"duration_minutes": ""}, messages.DURATION_OUT_OF_RANGE),
        ({"outcome": Visit.Outcome.FOLLOW_UP}, messages.FOLLOW_UP_REQUIRED),
        ({"satisfaction": "9"}, messages.SATISFACTION_OUT_OF_RANGE),
    ],
)
def test_visit_errors_keep_what_was_typed(volunteer_client, world, overrides, message):
    url = reverse("volunteers:visit_log", args=[world.household.pk])
    data = visit_data(team=world.team.pk, **overrides)
    response = volunteer_client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert escape(message) in body
    assert "Đã cài VNeID cho bà" in body and data["uuid"] in body  # nothing typed is lost
    assert not Visit.objects.filter(uuid=data["uuid"]).exists()


def test_visit_error_messages_are_translated(client, world):
    client.force_login(world.users["volunteer"])
    url = reverse("volunteers:visit_log", args=[world.household.pk])
    response = client.post(
        url, visit_data(team=world.team.pk, duration_minutes="0"), HTTP_ACCEPT_LANGUAGE="vi"
    )
    from django.utils import translation

    with translation.override("vi"):
        assert escape(messages.DURATION_OUT_OF_RANGE) in response.content.decode()


def test_register_household_consent_first(volunteer_client, world):
    url = reverse("volunteers:household_register")
    data = {
        "team": world.team.pk,
        "area": world.household.area.pk,
        "head_name": "Lò Văn Sơn",
        "size": "4",
        "consent_given_by": "Lò Văn Sơn",
        "consent_scope": "Đồng ý",
    }
    response = volunteer_client.post(url, data)
    assert (
        response.status_code == 200
        and escape(messages.CONSENT_REQUIRED) in response.content.decode()
    )
    assert "Lò Văn Sơn" in response.content.decode()
    assert not Household.objects.filter(head_name="Lò Văn Sơn").exists()
    response = volunteer_client.post(url, {**data, "consent_confirmed": "on"})
    household = Household.objects.get(head_name="Lò Văn Sơn")
    assert response["Location"] == reverse("volunteers:household", args=[household.pk])
    response = volunteer_client.post(
        reverse("volunteers:learner_add", args=[household.pk]),
        {"name": "Lò Thị Hoa", "birth_year": "1958"},
    )
    assert household.learners.get().name == "Lò Thị Hoa"


def test_register_in_another_teams_area_is_refused(volunteer_client, world):
    response = volunteer_client.post(
        reverse("volunteers:household_register"),
        {
            "team": world.other_team.pk,
            "area": world.other_household.area.pk,
            "head_name": "X",
            "size": "1",
            "consent_given_by": "X",
            "consent_scope": "Y",
            "consent_confirmed": "on",
        },
    )
    assert response.status_code == 200 and not Household.objects.filter(head_name="X").exists()


def test_certify_print_and_revoke(volunteer_client, world):
    skill = SkillFactory(name="Thanh toán hóa đơn")
    url = reverse("volunteers:certify", args=[world.household.pk])
    assert skill.name in volunteer_client.get(url).content.decode()
    form_url = f"{url}?skill={skill.pk}"
    response = volunteer_client.post(
        form_url, {"learner": world.learner.pk, "ticked": ["Opens the app"]}
    )
    assert (
        response.status_code == 200
        and escape(messages.CHECKLIST_INCOMPLETE) in response.content.decode()
    )
    response = volunteer_client.post(
        form_url, {"learner": world.learner.pk, "ticked": skill.checklist_items}
    )
    cert = Certification.objects.get(skill=skill)
    assert response["Location"] == reverse("volunteers:certificate", args=[cert.pk])
    body = volunteer_client.get(response["Location"]).content.decode()
    assert cert.code in body and "<svg" in body and f"http://testserver/verify/{cert.code}/" in body
    revoke_url = reverse("volunteers:certificate_revoke", args=[cert.pk])
    response = volunteer_client.post(revoke_url, {"reason": " "})
    assert escape(messages.REVOKE_REASON_REQUIRED) in response.content.decode()
    volunteer_client.post(revoke_url, {"reason": "Nhầm người"})
    cert.refresh_from_db()
    assert cert.revoked_reason == "Nhầm người"


def test_household_by_code_opens_the_household(volunteer_client, world):
    response = volunteer_client.get(
        reverse("volunteers:household_by_code", args=[world.household.code])
    )
    assert response["Location"] == reverse("volunteers:household", args=[world.household.pk])


def test_cards_query_count_and_content(volunteer_client, world, django_assert_max_num_queries):
    for _ in range(10):
        HouseholdFactory(team=world.team, area=world.team.area)
    with django_assert_max_num_queries(12):
        body = volunteer_client.get(
            reverse("volunteers:household_cards", args=[world.team.pk])
        ).content.decode()
    assert body.count("<svg") == 11 and world.household.code in body


def test_my_week(volunteer_client, world):
    VisitFactory(
        household=world.household,
        recorded_by=world.users["volunteer"],
        duration_minutes=90,
        visited_at=timezone.now() - datetime.timedelta(minutes=10),
        outcome=Visit.Outcome.FOLLOW_UP,
        follow_up_on=timezone.localdate(),
    )
    week = volunteer_client.get(reverse("volunteers:my_week")).context["week"]
    assert week["visits"] >= 1 and week["hours"] >= 1.5 and week["households"] == 1
    assert week["follow_ups_due"] == 1


def test_export_download(volunteer_client, world):
    response = volunteer_client.get(
        reverse("volunteers:household_export", args=[world.household.pk])
    )
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["head_name"] == "Bùi Thị Lan"


def test_team_page_counts_and_query_count(volunteer_client, world, django_assert_max_num_queries):
    url = reverse("volunteers:team", args=[world.team.pk])
    with django_assert_max_num_queries(12) as small:
        response = volunteer_client.get(url)
    assert response.context["counts"] == {"total": 1, "never": 0, "due": 0}
    for _ in range(10):
        VisitFactory(
            household=HouseholdFactory(team=world.team, area=world.team.area),
            recorded_by=world.users["leader"],
            duration_minutes=60,
        )
        HouseholdFactory(team=world.team, area=world.team.area)
    with django_assert_max_num_queries(12) as large:
        response = volunteer_client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert response.context["counts"] == {"total": 21, "never": 10, "due": 0}
    leader = next(m for m in response.context["members"] if m.user == world.users["leader"])
    assert leader.visits_30 == 10 and leader.hours_30 == 10.0


@pytest.mark.django_db
def test_household_page_marks_an_overdue_follow_up(volunteer_client, world):
    url = reverse("volunteers:household", args=[world.household.pk])
    today = timezone.localdate()
    VisitFactory(
        household=world.household,
        outcome=Visit.Outcome.FOLLOW_UP,
        follow_up_on=today + datetime.timedelta(days=3),
    )
    assert 'class="badge warn"' not in volunteer_client.get(url).content.decode()
    VisitFactory(
        household=world.household,
        outcome=Visit.Outcome.FOLLOW_UP,
        follow_up_on=today - datetime.timedelta(days=2),
        visited_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert 'class="badge warn"' in volunteer_client.get(url).content.decode()
