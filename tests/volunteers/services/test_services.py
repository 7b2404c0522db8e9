"""Services: visit recording (idempotency), household registration (consent), certificates."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tests.volunteers.factories import ServiceFactory, SkillFactory
from volunteers import messages, services
from volunteers.models import AccessLog, Certification, Household, Visit
from volunteers.services.codes import ALPHABET, normalise

pytestmark = pytest.mark.django_db


def record(world, **overrides):
    kwargs = {
        "user": world.users["volunteer"],
        "household": world.household,
        "uuid": uuid.uuid4(),
        "visited_at": timezone.now() - datetime.timedelta(hours=1),
        "duration_minutes": 30,
    }
    kwargs.update(overrides)
    return services.visit_record(**kwargs)


def error_texts(excinfo) -> list[str]:
    return [str(m) for m in excinfo.value.messages]


# --- visits -----------------------------------------------------------------


def test_visit_record_saves_with_defaults(world):
    service = ServiceFactory(code="vneid-installed")
    visit, created = record(world, skills=[world.skill], services=[service], satisfaction=4)
    assert created
    assert visit.team == world.team and visit.recorded_by == world.users["volunteer"]
    assert list(visit.volunteers.all()) == [world.users["volunteer"]]
    assert list(visit.skills.all()) == [world.skill] and list(visit.services.all()) == [service]


def test_visit_volunteers_present_are_team_members(world):
    visit, _created = record(world, volunteers=[world.users["leader"], world.users["volunteer2"]])
    assert set(visit.volunteers.all()) == {world.users["volunteer"], world.users["leader"]}


def test_visit_record_is_idempotent_on_uuid(world):
    key = uuid.uuid4()
    first, created = record(world, uuid=key)
    again, created_again = record(world, uuid=str(key), duration_minutes=99)
    assert created and not created_again
    assert again.pk == first.pk and again.duration_minutes == 30
    assert Visit.objects.filter(uuid=key).count() == 1


def test_visit_uuid_of_another_household_is_refused(world):
    key = uuid.uuid4()
    record(world, uuid=key)
    other_household = Household.objects.create(
        area=world.household.area, team=world.team, code="HOTHER1", consent_at=timezone.now()
    )
    with pytest.raises(ValidationError) as excinfo:
        record(world, uuid=key, household=other_household)
    assert str(messages.VISIT_ID_REUSED) in error_texts(excinfo)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"visited_at": timezone.now() + datetime.timedelta(hours=2)},
            "visited_at",
            messages.VISIT_IN_FUTURE,
        ),
        ({"duration_minutes": 0}, "duration_minutes", messages.DURATION_OUT_OF_RANGE),
        ({"duration_minutes": 481}, "duration_minutes", messages.DURATION_OUT_OF_RANGE),
        ({"outcome": Visit.Outcome.FOLLOW_UP}, "follow_up_on", messages.FOLLOW_UP_REQUIRED),
        (
            {"follow_up_on": datetime.date(2000, 1, 1)},
            "follow_up_on",
            messages.FOLLOW_UP_BEFORE_VISIT,
        ),
        ({"satisfaction": 6}, "satisfaction", messages.SATISFACTION_OUT_OF_RANGE),
    ],
)
def test_visit_validation(world, overrides, field, message):
    with pytest.raises(ValidationError) as excinfo:
        record(world, **overrides)
    assert str(message) in [str(m) for m in excinfo.value.message_dict[field]]
    assert Visit.objects.count() == 2  # only the fixture world's two


def test_visit_outside_scope_is_404(world):
    with pytest.raises(Http404):
        record(world, user=world.users["official"])
    with pytest.raises(Http404):
        record(world, user=world.users["volunteer2"])


# --- households ---------------------------------------------------------------


def register(world, **overrides):
    kwargs = {
        "user": world.users["volunteer"],
        "team": world.team,
        "area": world.household.area,
        "head_name": "Đinh Văn Tâm",
        "consent_given_by": "Đinh Văn Tâm",
        "consent_scope": "Lưu tên và địa chỉ",
        "consent_at": timezone.now(),
    }
    kwargs.update(overrides)
    return services.household_create(**kwargs)


def test_household_register_with_consent(world):
    household = register(world)
    assert household.consent_at and household.consent_recorded_by == world.users["volunteer"]
    assert len(household.code) == 8 and household.code.startswith("H")
    assert "dinh van tam" in household.search_text and "dong bai" in household.search_text


@pytest.mark.parametrize(
    "overrides", [{"consent_at": None}, {"consent_given_by": "  "}, {"consent_scope": ""}]
)
def test_household_register_without_consent_saves_nothing(world, overrides):
    before = Household.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        register(world, **overrides)
    assert error_texts(excinfo) == [str(messages.CONSENT_REQUIRED)]
    assert Household.objects.count() == before


def test_household_register_refuses_other_team_and_area(world):
    with pytest.raises(ValidationError) as excinfo:
        register(world, team=world.other_team)
    assert error_texts(excinfo) == [str(messages.TEAM_NOT_YOURS)]
    with pytest.raises(ValidationError) as excinfo:
        register(world, area=world.other_household.area)
    assert error_texts(excinfo) == [str(messages.AREA_OUTSIDE_TEAM)]


def test_learner_add(world):
    learner = services.learner_add(
        user=world.users["volunteer"],
        household=world.household,
        name=" Bùi Văn Nam ",
        birth_year=1960,
    )
    assert learner.name == "Bùi Văn Nam"
    with pytest.raises(Http404):
        services.learner_add(user=world.users["official"], household=world.household, name="X")


def test_household_erase_keeps_visits(world):
    services.household_erase(user=world.users["leader"], household=world.household)
    household = Household.objects.get(pk=world.household.pk)
    assert household.erased_at and household.head_name == "" and household.phone == ""
    assert household.learners.get().name == ""
    assert household.visits.count() == 1
    assert AccessLog.objects.filter(household=household, action=AccessLog.Action.ERASE).exists()
    with pytest.raises(ValidationError):
        services.learner_add(user=world.users["leader"], household=household, name="X")


def test_household_export_lists_what_is_stored_and_is_logged(world):
    data = services.household_export(user=world.users["volunteer"], household=world.household)
    assert data["head_name"] == "Bùi Thị Lan"
    assert data["learners"][0]["certifications"][0]["code"] == world.certification.code
    assert len(data["visits"]) == 1
    assert (
        AccessLog.objects.filter(
            action=AccessLog.Action.EXPORT, user=world.users["volunteer"]
        ).count()
        == 1
    )


# --- certifications -----------------------------------------------------------


def issue(world, **overrides):
    skill = overrides.pop("skill", None) or SkillFactory()
    kwargs = {
        "user": world.users["volunteer"],
        "learner": world.learner,
        "skill": skill,
        "ticked": list(skill.checklist_items),
    }
    kwargs.update(overrides)
    return services.certification_issue(**kwargs)


def test_certification_issue(world):
    cert = issue(world)
    assert cert.team == world.team and cert.certified_by == world.users["volunteer"]
    assert cert.checklist == ["Opens the app", "Logs in with a PIN"]
    assert len(cert.code) == 10 and set(cert.code) <= set(ALPHABET)  # 50 bits
    assert cert.is_valid


def test_certification_codes_differ():
    codes = {services.new_certification_code() for _ in range(1000)}
    assert len(codes) == 1000


def test_certification_needs_the_whole_checklist(world):
    skill = SkillFactory()
    with pytest.raises(ValidationError) as excinfo:
        issue(world, skill=skill, ticked=skill.checklist_items[:1])
    assert [str(m) for m in excinfo.value.message_dict["ticked"]] == [
        str(messages.CHECKLIST_INCOMPLETE)
    ]
    with pytest.raises(ValidationError) as excinfo:
        issue(world, skill=SkillFactory(checklist=[]), ticked=[])
    assert error_texts(excinfo) == [str(messages.SKILL_WITHOUT_CHECKLIST)]


def test_certification_twice_is_refused_until_revoked(world):
    skill = SkillFactory()
    first = issue(world, skill=skill)
    with pytest.raises(ValidationError) as excinfo:
        issue(world, skill=skill)
    assert error_texts(excinfo) == [str(messages.ALREADY_CERTIFIED)]
    services.certification_revoke(user=world.users["volunteer"], certification=first, reason="Nhầm")
    assert issue(world, skill=skill).pk != first.pk


def test_certification_outside_scope_is_404(world):
    with pytest.raises(Http404):
        issue(world, user=world.users["official"])
    with pytest.raises(Http404):
        issue(world, user=world.users["volunteer2"])


def test_revoke_needs_reason_and_rights(world):
    cert = world.certification
    with pytest.raises(ValidationError) as excinfo:
        services.certification_revoke(user=world.users["leader"], certification=cert, reason="  ")
    assert [str(m) for m in excinfo.value.message_dict["reason"]] == [
        str(messages.REVOKE_REASON_REQUIRED)
    ]
    with pytest.raises(Http404):
        services.certification_revoke(user=world.users["official"], certification=cert, reason="x")
    services.certification_revoke(
        user=world.users["leader"], certification=cert, reason="Sai người"
    )
    cert = Certification.objects.get(pk=cert.pk)
    assert (
        not cert.is_valid
        and cert.revoked_reason == "Sai người"
        and cert.revoked_by == world.users["leader"]
    )
    with pytest.raises(ValidationError) as excinfo:
        services.certification_revoke(
            user=world.users["leader"], certification=cert, reason="again"
        )
    assert error_texts(excinfo) == [str(messages.ALREADY_REVOKED)]


def test_normalise_codes():
    assert normalise(" ab-cd o1l ") == "ABCD011"


def test_household_erase_by_a_member_who_is_not_leader_changes_nothing(world):
    """The erase rule is the service's, not only the view's."""
    with pytest.raises(PermissionDenied) as excinfo:
        services.household_erase(user=world.users["volunteer"], household=world.household)
    assert excinfo.value.args == (messages.ERASE_LEADERS_ONLY,)
    household = Household.objects.get(pk=world.household.pk)
    assert household.erased_at is None and household.head_name == "Bùi Thị Lan"
    assert household.learners.get().name == "Bùi Thị Lan"
    assert not AccessLog.objects.filter(action=AccessLog.Action.ERASE).exists()
    # A leader of another team does not even find the household.
    with pytest.raises(Http404):
        services.household_erase(user=world.users["volunteer2"], household=world.household)


def test_household_create_without_personal_data_needs_no_consent(world):
    household = register(
        world, head_name="", consent_given_by="", consent_scope="", consent_at=None
    )
    assert household.consent_at is None and household.consent_recorded_by is None


def test_household_update_records_who_recorded_a_new_consent(world):
    household = register(
        world, head_name="", consent_given_by="", consent_scope="", consent_at=None
    )
    with pytest.raises(ValidationError) as excinfo:
        services.household_update(
            user=world.users["leader"], household=household, phone="0912 000 111"
        )
    assert set(excinfo.value.message_dict) == {"consent_given_by", "consent_scope", "consent_at"}
    services.household_update(
        user=world.users["leader"],
        household=household,
        phone="0912 000 111",
        consent_given_by="Đinh Văn Tâm",
        consent_scope="Lưu số điện thoại",
        consent_at=timezone.now(),
    )
    household.refresh_from_db()
    assert household.phone == "0912 000 111"
    assert household.consent_recorded_by == world.users["leader"]
    with pytest.raises(Http404):
        services.household_update(user=world.users["official"], household=household, size=3)


def test_learner_add_takes_only_the_learner_flags(world):
    learner = services.learner_add(
        user=world.users["volunteer"], household=world.household, name="Bùi Văn Ba", is_elderly=True
    )
    assert learner.is_elderly
    with pytest.raises(TypeError):
        services.learner_add(
            user=world.users["volunteer"], household=world.household, name="X", is_low_income=True
        )
