"""Erasure that leaves nothing (issue 9, "Done means"), withdrawn consent, retention.

The main test registers a household with a marker in every personal field,
learners, visits, a revoked certificate, admin edits and a workbook with
names; erases it; then searches every column of every table and every file
under PRIVATE_MEDIA_ROOT for the marker.
"""

import datetime
import io
import uuid
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from reports import services as report_services
from reports.models import ReportRequest
from tests.world import local_dt
from volunteers import services, tasks
from volunteers.models import AccessLog, Household, Learner, Official
from volunteers.schedules import RETENTION, ensure_schedules
from volunteers.services.households import household_consent_withdraw, household_update

pytestmark = pytest.mark.django_db

MARK = "Zyxmarker"


def marker_hits_in_database() -> list[str]:
    """Every (table.column) of every table whose text holds MARK, by raw SQL."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = connection.introspection.get_table_description(cursor, table)
            for column in columns:
                quoted_table = connection.ops.quote_name(table)
                quoted = connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted_table} WHERE CAST({quoted} AS TEXT) LIKE %s",  # noqa: S608
                    [f"%{MARK}%"],
                )
                if cursor.fetchone()[0]:
                    hits.append(f"{table}.{column.name}")
    return hits


def marker_hits_in_files() -> list[str]:
    """Every file under PRIVATE_MEDIA_ROOT holding MARK (xlsx members read unzipped)."""
    hits = []
    for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        blobs = [data]
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                blobs += [archive.read(name) for name in archive.namelist()]
        if any(MARK.encode() in blob for blob in blobs):
            hits.append(str(path))
    return hits


@pytest.fixture
def admin_group(world):
    group = Group.objects.create(name="Coordinators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="volunteers"),
    )
    world.users["leader"].groups.add(group)
    return group


def admin_post_household(client, household, **changes):
    form = client.get(reverse("coordination_households:edit", args=[household.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    for key in [k for k, v in data.items() if v is False]:
        data.pop(key)
    data.update(area=household.area_id, team=household.team_id)
    if household.consent_at:
        data["consent_at"] = timezone.localtime(household.consent_at).strftime("%Y-%m-%d %H:%M")
    data.update(changes)
    return client.post(reverse("coordination_households:edit", args=[household.pk]), data)


def test_erasure_leaves_no_personal_value_anywhere(
    client, world, admin_group, django_capture_on_commit_callbacks
):
    leader, volunteer = world.users["leader"], world.users["volunteer"]
    official = world.users["official"]
    Official.objects.filter(user=official).update(can_see_names=True)

    household = services.household_create(
        user=leader,
        team=world.team,
        area=world.household.area,  # the village: the commune has villages (AREA_NEEDS_VILLAGE)
        head_name=f"{MARK} Head",
        address=f"{MARK} Street 1",
        phone="0900 " + MARK,
        consent_given_by=f"{MARK} Consenting",
        consent_scope=f"{MARK} agreed to everything",
        consent_at=timezone.now(),
    )
    learners = [
        services.learner_add(
            user=leader, household=household, name=f"{MARK} Learner {n}", birth_year=1950 + n
        )
        for n in range(2)
    ]
    for day in (1, 2):
        services.visit_record(
            user=volunteer,
            household=household,
            uuid=uuid.uuid4(),
            visited_at=local_dt(timezone.localdate() - datetime.timedelta(days=day)),
            duration_minutes=30,
            outcome="done",
            team=world.team,
            skills=[world.skill],
            services=[],
            follow_up_on=None,
            satisfaction=5,
            notes=f"{MARK} notes of visit {day}",
            volunteers=[volunteer],
        )
    certification = services.certification_issue(
        user=volunteer, learner=learners[0], skill=world.skill, ticked=world.skill.checklist_items
    )
    services.certification_revoke(
        user=leader, certification=certification, reason=f"{MARK} revoked for a reason"
    )
    # Admin edits: the household and a learner through the Wagtail admin (log entries).
    client.force_login(leader)
    response = admin_post_household(client, household, address=f"{MARK} Street 2")
    assert response.status_code == 302, response.context["form"].errors
    # A workbook with names covering the household's area.
    start = timezone.localdate() - datetime.timedelta(days=10)
    report = report_services.report_request_create(
        user=official, area=world.district, start=start, end=timezone.localdate(), queue=False
    )
    report = report_services.report_build(request=report)
    assert report.include_names and report.status == ReportRequest.Status.READY
    assert marker_hits_in_files(), "the workbook should carry the name before erasure"
    assert marker_hits_in_database()

    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("volunteers:household_erase", args=[household.pk]))
    assert response.status_code == 302
    assert callbacks  # the workbook is removed and rebuilt once the erasure is committed

    assert marker_hits_in_database() == []
    assert marker_hits_in_files() == []
    report.refresh_from_db()
    assert report.status == ReportRequest.Status.READY  # rebuilt, without the names
    household.refresh_from_db()
    assert household.erased_at and household.consent_at is None
    assert household.visits.count() == 2 and household.learners.count() == 2
    assert AccessLog.objects.filter(household=household, action=AccessLog.Action.ERASE).exists()


def test_sqlite_overwrites_deleted_data():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


def test_erased_household_needs_new_consent_in_the_admin(client, world, admin_group):
    leader = world.users["leader"]
    services.household_erase(user=leader, household=world.household)
    household = Household.objects.get(pk=world.household.pk)
    with pytest.raises(ValidationError):
        household_update(user=leader, household=household, head_name="Again Without Consent")
    client.force_login(leader)
    response = admin_post_household(client, household, head_name="Again Without Consent")
    assert response.status_code == 200  # the form again, with the consent errors
    assert "consent_given_by" in response.context["form"].errors
    assert Household.objects.get(pk=household.pk).head_name == ""
    # With a new consent record the household may hold personal data again.
    household_update(
        user=leader,
        household=household,
        head_name="With Consent",
        consent_given_by="With Consent",
        consent_scope="visits",
        consent_at=timezone.now(),
    )
    household.refresh_from_db()
    assert household.head_name == "With Consent" and household.erased_at is None


def test_erased_learner_gets_no_name_back_in_the_admin_without_consent(client, world, admin_group):
    leader = world.users["leader"]
    services.household_erase(user=leader, household=world.household)
    client.force_login(leader)
    url = reverse("coordination_learners:edit", args=[world.learner.pk])
    response = client.post(url, {"name": "Back Again", "birth_year": ""})
    assert response.status_code == 200
    assert Learner.objects.get(pk=world.learner.pk).name == ""


def test_withdrawn_consent_removes_what_it_covered(client, world):
    client.force_login(world.users["volunteer"])
    url = reverse("volunteers:household_erase", args=[world.household.pk])
    assert client.post(url, {"withdraw": "1"}).status_code == 404  # leaders only
    client.force_login(world.users["leader"])
    page = client.get(reverse("volunteers:household", args=[world.household.pk])).content.decode()
    assert 'name="withdraw"' in page
    assert client.post(url, {"withdraw": "1"}).status_code == 302
    household = Household.objects.get(pk=world.household.pk)
    assert (household.head_name, household.address, household.phone, household.consent_scope) == (
        "",
        "",
        "",
        "",
    )
    assert household.consent_at is None
    assert not household.learners.exclude(name="").exists()
    assert AccessLog.objects.filter(household=household, action=AccessLog.Action.WITHDRAW).exists()
    with pytest.raises(ValidationError):
        services.learner_add(user=world.users["leader"], household=household, name="New")


def test_withdraw_service_refuses_members(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        household_consent_withdraw(user=world.users["volunteer"], household=world.household)


def test_retention_task_anonymises_only_inactive_households(world, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    old = timezone.now() - datetime.timedelta(days=40)
    Household.objects.filter(pk=world.household.pk).update(updated_at=old)
    world.visit.__class__.objects.filter(pk=world.visit.pk).update(visited_at=old)
    world.certification.__class__.objects.filter(pk=world.certification.pk).update(created_at=old)
    # The other household was visited recently: it keeps its data.
    world.other_visit.__class__.objects.filter(pk=world.other_visit.pk).update(
        visited_at=timezone.now()
    )
    Household.objects.filter(pk=world.other_household.pk).update(updated_at=old)

    assert tasks.anonymise_inactive_households() == 1
    household = Household.objects.get(pk=world.household.pk)
    assert household.erased_at and household.head_name == ""
    assert Household.objects.get(pk=world.other_household.pk).head_name
    entry = AccessLog.objects.get(household=household, action=AccessLog.Action.ERASE)
    assert entry.user is None and "retention" in entry.detail
    assert tasks.anonymise_inactive_households() == 0  # nothing left to do


def test_retention_schedule_is_created_once():
    from django_q.models import Schedule

    ensure_schedules()
    ensure_schedules()
    schedule = Schedule.objects.get(name=RETENTION)
    assert schedule.func == "volunteers.tasks.anonymise_inactive_households"
    assert schedule.schedule_type == Schedule.DAILY
