"""One masking rule on every path that shows a person (issue 9).

Officials without the names right see codes and initials: never names,
phones, addresses, consent text, notes or revocation reasons, on field
pages, admin lists, inspect, edit and history views, the site-history
report, search, and earlier workbooks with names.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from reports.models import ReportRequest
from volunteers import access, masking
from volunteers.models import CoordinationLogEntry, Official

pytestmark = pytest.mark.django_db

HEAD = "Quách Thị Mẫn"
ADDRESS = "Ngõ Bí Mật 77"
PHONE = "0987654321"
CONSENT = "Đồng ý chia sẻ với tổ"
NOTE = "Ghi chú riêng tư về bệnh tim"
REASON = "Nhầm người riêng tư"
LEARNER = "Quách Văn Tý"
SECRETS = (HEAD, ADDRESS, PHONE, CONSENT, NOTE, REASON, LEARNER)


@pytest.fixture
def marked(world):
    """world.household carries a marker in every personal field; every role gets admin access."""
    household = world.household
    household.head_name, household.address, household.phone = HEAD, ADDRESS, PHONE
    household.consent_given_by, household.consent_scope = HEAD, CONSENT
    household.save()
    world.learner.name = LEARNER
    world.learner.save()
    world.visit.notes = NOTE
    world.visit.save()
    world.certification.revoked_at = timezone.now()
    world.certification.revoked_reason = REASON
    world.certification.save()
    group = Group.objects.create(name="Coordinators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="volunteers"),
    )
    for name in ("volunteer", "leader", "volunteer2", "official", "official2"):
        world.users[name].groups.add(group)
    return world


def page(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def assert_masked(html):
    for secret in SECRETS:
        assert secret not in html, secret


def grant_names(world):
    Official.objects.filter(user=world.users["official"]).update(can_see_names=True)


def test_field_pages_show_no_personal_data_to_officials_without_the_right(client, marked):
    official = marked.users["official"]
    detail = page(client, official, reverse("volunteers:household", args=[marked.household.pk]))
    listing = page(client, official, reverse("volunteers:home"))
    certificate = page(
        client, official, reverse("volunteers:certificate", args=[marked.certification.pk])
    )
    for html in (detail, listing, certificate):
        assert_masked(html)
    assert masking.initials(HEAD) in detail and masking.initials(LEARNER) in detail
    assert marked.household.code in listing


def test_field_pages_show_everything_to_the_team(client, marked):
    html = page(
        client,
        marked.users["volunteer"],
        reverse("volunteers:household", args=[marked.household.pk]),
    )
    for secret in (HEAD, ADDRESS, PHONE, NOTE, LEARNER):
        assert secret in html


@pytest.mark.parametrize(
    "name, pk",
    [
        ("households", "household"),
        ("learners", "learner"),
        ("visits", "visit"),
        ("certifications", "certification"),
    ],
)
def test_admin_inspect_is_masked_without_the_right_and_full_with_it(client, marked, name, pk):
    url = reverse(f"coordination_{name}:inspect", args=[getattr(marked, pk).pk])
    assert_masked(page(client, marked.users["official"], url))
    grant_names(marked)
    html = page(client, marked.users["official"], url)
    expected = {
        "households": (HEAD, ADDRESS, PHONE, CONSENT),
        "learners": (LEARNER,),
        "visits": (NOTE,),
        "certifications": (REASON,),
    }[name]
    for secret in expected:
        assert secret in html


def test_admin_lists_and_history_show_codes_and_initials(client, marked):
    official = marked.users["official"]
    households = page(client, official, reverse("coordination_households:index"))
    learners = page(client, official, reverse("coordination_learners:index"))
    history = page(
        client, official, reverse("coordination_households:history", args=[marked.household.pk])
    )
    for html in (households, learners, history):
        assert_masked(html)
    assert masking.initials(HEAD) in households
    assert masking.initials(LEARNER) in learners


def test_admin_edit_never_shows_the_form_to_those_without_the_right(client, marked):
    # A leader of the other team sees neither the household nor its form.
    client.force_login(marked.users["volunteer2"])
    assert (
        client.get(reverse("coordination_households:edit", args=[marked.household.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("where", ["field", "admin_households", "admin_learners"])
def test_search_by_name_confirms_nothing_without_the_right(client, marked, where):
    official = marked.users["official"]
    url, name = {
        "field": (reverse("volunteers:home"), "Quach Thi"),
        "admin_households": (reverse("coordination_households:index"), "Quach Thi"),
        "admin_learners": (reverse("coordination_learners:index"), LEARNER),
    }[where]
    code = marked.household.code
    assert code not in page(client, official, url, q=name)
    assert code not in page(client, official, url, q=ADDRESS)
    assert code in page(client, official, url, q=code)
    grant_names(marked)
    access.forget(official)
    assert code in page(client, official, url, q=name)


def test_search_by_name_works_for_the_team(client, marked):
    html = page(client, marked.users["volunteer"], reverse("volunteers:home"), q="quach man")
    assert marked.household.code in html


def test_admin_log_labels_are_codes_and_site_history_is_scoped(client, marked):
    superuser = marked.users["superuser"]
    client.force_login(superuser)
    form = client.get(reverse("coordination_learners:edit", args=[marked.learner.pk])).context[
        "form"
    ]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(name=LEARNER + " Con")
    for flag in [k for k, v in list(data.items()) if v is False]:
        data.pop(flag)
    response = client.post(reverse("coordination_learners:edit", args=[marked.learner.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    entry = CoordinationLogEntry.objects.get(object_id=str(marked.learner.pk))
    assert LEARNER not in entry.label and marked.household.code in entry.label
    assert entry.area_id == marked.household.area_id

    site_history = reverse("wagtailadmin_reports:site_history")
    own = page(client, marked.users["official"], site_history)
    assert_masked(own)
    assert marked.household.code in own
    other = page(client, marked.users["official2"], site_history)
    assert marked.household.code not in other


def test_workbook_with_names_is_gone_when_the_right_is_removed(marked):
    official = marked.users["official"]
    grant_names(marked)
    access.forget(official)
    today = timezone.localdate()
    with_names, without = (
        ReportRequest.objects.create(
            area=marked.district,
            period_start=today,
            period_end=today,
            requested_by=official,
            include_names=names,
        )
        for names in (True, False)
    )
    assert set(access.own_reports(ReportRequest.objects.all(), official)) == {with_names, without}
    Official.objects.filter(user=official).update(can_see_names=False)
    access.forget(official)
    assert list(access.own_reports(ReportRequest.objects.all(), official)) == [without]


def test_a_masked_row_is_never_saved(marked):
    household = masking.mask(marked.household)
    with pytest.raises(RuntimeError):
        household.save()
