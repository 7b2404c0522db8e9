"""POST /api/v1/batch: created, duplicate, conflict and rejected per kind; exactly once; scopes."""

from __future__ import annotations

import uuid

import pytest

from volunteers import messages
from volunteers.models import Certification, Household, Learner, SyncDevice, SyncItem, Visit
from volunteers.services import household_erase, household_update
from volunteers.services.sync import (
    MSG_HOUSEHOLD_MOVED,
    MSG_NOT_IN_TEAM,
    MSG_PARENT_REJECTED,
    MSG_PARENT_UNKNOWN,
)

from .conftest import ApiClient, item, visit

pytestmark = pytest.mark.django_db


def household_item(world, village, client_id=None, **data):
    body = {
        "team_id": world.team.pk,
        "area_id": village.pk,
        "head_name": "Lò Văn Sáng",
        "address": "Bản Mường",
        "size": 3,
        "is_elderly": True,
        "consent": True,
        "consent_given_by": "Lò Văn Sáng",
        "consent_scope": "Name, address and visits",
        **data,
    }
    return item("household", body, client_id)


def offline_family(world, village):
    """A household, its learner, a visit and a certificate made offline, by client ids."""
    household = household_item(world, village)
    learner = item(
        "learner",
        {"household_client_id": household["client_id"], "name": "Lò Thị Mai", "birth_year": 1952},
    )
    a_visit = visit(household_client_id=household["client_id"], skill_ids=[world.skill.pk])
    certificate = item(
        "certification",
        {
            "learner_client_id": learner["client_id"],
            "skill_id": world.skill.pk,
            "checklist": world.skill.checklist_items,
        },
    )
    return [household, learner, a_visit, certificate]


def test_a_family_made_offline_is_created_in_one_batch(api, world, village):
    items = offline_family(world, village)
    results = api.results(items)
    assert [r["status"] for r in results] == ["created"] * 4
    household = Household.objects.get(pk=results[0]["object"]["id"])
    assert results[0]["object"]["code"] == household.code
    assert household.head_name == "Lò Văn Sáng" and household.is_elderly
    assert household.consent_at is not None
    learner = Learner.objects.get(household=household)
    assert Visit.objects.get(uuid=items[2]["client_id"]).household == household
    certification = Certification.objects.get(learner=learner)
    assert results[3]["object"]["code"] == certification.code != ""
    assert results[3]["object"]["url"] == f"/field/certificates/{certification.pk}/"
    device = SyncDevice.objects.get(user=world.users["volunteer"])
    assert device.items_sent == 4 and device.last_sync_at is not None


def test_the_same_batch_five_times_stores_each_item_once(api, world, village):
    items = offline_family(world, village) + [visit(world.household.pk)]
    first = api.results(items)
    for _ in range(4):
        again = api.results(items)
        assert [r["status"] for r in again] == ["duplicate"] * 5
        assert [r["object"] for r in again] == [r["object"] for r in first]
    assert Household.objects.filter(head_name="Lò Văn Sáng").count() == 1
    assert Learner.objects.filter(name="Lò Thị Mai").count() == 1
    assert Visit.objects.filter(uuid__in=[i["client_id"] for i in items]).count() == 2
    assert Certification.objects.filter(learner__name="Lò Thị Mai").count() == 1
    assert SyncItem.objects.count() == 5


def test_an_item_twice_in_one_batch_is_stored_once(api, world):
    one = visit(world.household.pk)
    results = api.results([one, one])
    assert [r["status"] for r in results] == ["created", "duplicate"]
    assert Visit.objects.filter(uuid=one["client_id"]).count() == 1


@pytest.mark.parametrize("kind", ["visit", "household", "learner", "certification"])
def test_same_client_id_other_content_is_a_conflict_never_an_overwrite(api, world, village, kind):
    items = {i["kind"]: i for i in offline_family(world, village)}
    first = api.results(offline_family_prefix(items, kind))
    assert first[-1]["status"] == "created"
    changed = dict(items[kind], data={**items[kind]["data"]})
    key = {"visit": "duration_minutes", "household": "size", "learner": "birth_year"}.get(kind)
    if key:
        changed["data"][key] = changed["data"][key] + 1
    else:
        changed["data"]["certified_on"] = "2026-01-02"
    result = api.results([changed])[0]
    assert result["status"] == "conflict" and result["code"] == "content_differs"
    assert result["message"]
    assert result["object"] == first[-1]["object"]
    if kind == "visit":
        assert Visit.objects.get(uuid=changed["client_id"]).duration_minutes == 20
    if kind == "household":
        assert Household.objects.get(pk=first[-1]["object"]["id"]).size == 3


def offline_family_prefix(items: dict, kind: str) -> list[dict]:
    order = ["household", "learner", "visit", "certification"]
    wanted = {"household": 1, "learner": 2, "visit": 3, "certification": 4}[kind]
    chosen = order[:wanted]
    if kind == "certification":
        chosen = ["household", "learner", "certification"]
    return [items[k] for k in chosen]


def test_another_users_client_id_is_a_conflict_and_leaks_nothing(api, world):
    one = visit(world.household.pk)
    api.results([one])
    other = ApiClient(world.users["leader"])
    result = other.results([one])[0]
    assert result["status"] == "conflict" and result["code"] == "client_id_taken"
    assert "object" not in result


def test_a_form_post_and_an_item_with_the_same_uuid_are_one_visit(api, world):
    client_id = str(uuid.uuid4())
    api.client.post(
        f"/field/households/{world.household.pk}/visit/",
        {
            "uuid": client_id,
            "visited_at": "2026-01-05T10:00",
            "duration_minutes": 30,
            "outcome": "done",
            "team": world.team.pk,
        },
    )
    assert Visit.objects.filter(uuid=client_id).count() == 1
    result = api.results([visit(world.household.pk, client_id=client_id)])[0]
    assert result["status"] == "duplicate"
    assert Visit.objects.filter(uuid=client_id).count() == 1
    moved = api.results([visit(world.other_household.pk, client_id=str(uuid.uuid4()))])[0]
    assert moved["status"] == "rejected"


def test_a_visit_uuid_of_another_household_is_a_conflict(api, world, village):
    household = api.results([household_item(world, village)])[0]["object"]["id"]
    result = api.results([visit(household, client_id=str(world.visit.uuid))])[0]
    assert result["status"] == "conflict" and result["code"] == "visit_other_household"


@pytest.mark.parametrize("target", ["other_household", "unknown"])
def test_out_of_scope_writes_are_rejected_the_same_way(api, world, target):
    household_id = world.other_household.pk if target == "other_household" else 2**62
    before = Visit.objects.count()
    results = api.results(
        [
            visit(household_id),
            item("learner", {"household_id": household_id, "name": "X"}),
            item(
                "certification",
                {
                    "learner_id": world.other_learner.pk if target != "unknown" else 2**62,
                    "skill_id": world.skill.pk,
                    "checklist": world.skill.checklist_items,
                },
            ),
        ]
    )
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert {r["code"] for r in results} == {"not_in_team"}
    assert {r["message"] for r in results} == {str(MSG_NOT_IN_TEAM)}
    assert Visit.objects.count() == before
    assert not Learner.objects.filter(name="X").exists()


def test_another_districts_team_and_area_are_rejected(api, world, village):
    other_team = household_item(world, village, team_id=world.other_team.pk)
    other_area = household_item(world, village, area_id=world.other_household.area_id)
    results = api.results([other_team, other_area])
    assert results[0]["status"] == "rejected" and results[0]["code"] == "not_in_team"
    assert results[1]["status"] == "rejected" and results[1]["code"] == "invalid"
    assert "area_id" in results[1]["errors"]
    assert not Household.objects.filter(head_name="Lò Văn Sáng").exists()


def test_an_erased_household_refuses_visits_and_learners(api, world):
    household_erase(user=world.users["leader"], household=world.household)
    results = api.results(
        [
            visit(world.household.pk),
            item("learner", {"household_id": world.household.pk, "name": "Y"}),
        ]
    )
    assert [(r["status"], r["code"]) for r in results] == [("rejected", "household_erased")] * 2
    assert results[0]["message"] == str(messages.HOUSEHOLD_ERASED)
    assert SyncItem.objects.filter(status="rejected", code="household_erased").count() == 2


def test_a_household_moved_to_another_team_is_named_as_moved(api, world):
    superuser = world.users["superuser"]
    household_update(
        user=superuser,
        household=world.household,
        team=world.other_team,
        area=world.other_household.area,
    )
    result = api.results([visit(world.household.pk)])[0]
    assert (result["status"], result["code"]) == ("rejected", "household_moved")
    assert result["message"] == str(MSG_HOUSEHOLD_MOVED)


def test_a_rejected_item_can_be_corrected_and_resent_under_the_same_client_id(api, world):
    bad = visit(world.household.pk, duration_minutes=0)
    result = api.results([bad])[0]
    assert (result["status"], result["code"]) == ("rejected", "invalid")
    assert result["errors"]["duration_minutes"] == [str(messages.DURATION_OUT_OF_RANGE)]
    assert not Visit.objects.filter(uuid=bad["client_id"]).exists()
    again = api.results([bad])[0]
    assert again["status"] == "rejected"
    fixed = dict(bad, data={**bad["data"], "duration_minutes": 25})
    assert api.results([fixed])[0]["status"] == "created"
    assert Visit.objects.get(uuid=bad["client_id"]).duration_minutes == 25
    assert api.results([fixed])[0]["status"] == "duplicate"


def test_children_of_a_rejected_or_unknown_parent(api, world, village):
    household = household_item(world, village, consent=False)  # personal data without consent
    learner = item("learner", {"household_client_id": household["client_id"], "name": "Z"})
    orphan = item("learner", {"household_client_id": str(uuid.uuid4()), "name": "Z"})
    results = api.results([household, learner, orphan])
    assert results[0]["code"] == "invalid" and "consent" in results[0]["errors"]
    assert (results[1]["code"], results[1]["message"]) == (
        "parent_rejected",
        str(MSG_PARENT_REJECTED),
    )
    assert (results[2]["code"], results[2]["message"]) == (
        "parent_unknown",
        str(MSG_PARENT_UNKNOWN),
    )
    assert not Learner.objects.filter(name="Z").exists()


def test_certification_rules_come_from_the_service(api, world):
    incomplete = item(
        "certification",
        {
            "learner_id": world.learner.pk,
            "skill_id": world.skill.pk,
            "checklist": ["Opens the app"],
        },
    )
    again = item(
        "certification",
        {
            "learner_id": world.learner.pk,
            "skill_id": world.skill.pk,
            "checklist": world.skill.checklist_items,
        },
    )
    results = api.results([incomplete, again])
    assert results[0]["code"] == "invalid"
    assert results[0]["errors"]["checklist"] == [str(messages.CHECKLIST_INCOMPLETE)]
    assert results[1]["code"] == "already_certified"  # world.certification is valid


def test_a_member_who_left_the_team_is_rejected(api, world):
    world.users["volunteer"].memberships.all().delete()
    result = api.results([visit(world.household.pk)])[0]
    assert (result["status"], result["code"]) == ("rejected", "not_in_team")


def test_a_batch_of_new_visits_costs_five_queries_a_visit(
    api, world, settings, django_assert_max_num_queries
):
    """The sync API's cost is shown by bench/sync.py; this keeps its shape: per new visit the
    household in scope, a savepoint, the visit, its links; the ledger in a few per batch."""
    settings.ROLLUPS_EAGER = False
    api.results([visit(world.household.pk)])  # the device and the session are known
    items = [visit(world.household.pk) for _ in range(50)]
    with django_assert_max_num_queries(5 * 50 + 10):
        results = api.results(items)
    assert {r["status"] for r in results} == {"created"}
    rows = SyncItem.objects.filter(client_id__in=[i["client_id"] for i in items])
    assert {(r.status, r.team_id) for r in rows} == {(SyncItem.Status.CREATED, world.team.pk)}
    visits = Visit.objects.filter(uuid__in=[i["client_id"] for i in items])
    assert sorted(visits.values_list("pk", flat=True)) == sorted(r.object_id for r in rows)
    assert {tuple(v.volunteers.values_list("pk", flat=True)) for v in visits} == {
        (world.users["volunteer"].pk,)
    }
