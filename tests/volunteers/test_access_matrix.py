"""THE ACCESS MATRIX: every role against every object kind, in and out of scope, read and write,
through the real views. Outside the scope is 404 (never 403); anonymous goes to the login page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# name -> (is a write, url builder taking the world and "own"/"other")
ENDPOINTS = {
    "household": (False, lambda w, s: reverse("volunteers:household", args=[_hh(w, s).pk])),
    "household_by_code": (
        False,
        lambda w, s: reverse("volunteers:household_by_code", args=[_hh(w, s).code]),
    ),
    "certificate": (False, lambda w, s: reverse("volunteers:certificate", args=[_cert(w, s).pk])),
    "team": (False, lambda w, s: reverse("volunteers:team", args=[_team(w, s).pk])),
    "visit_log": (True, lambda w, s: reverse("volunteers:visit_log", args=[_hh(w, s).pk])),
    "learner_add": (True, lambda w, s: reverse("volunteers:learner_add", args=[_hh(w, s).pk])),
    "certify": (
        True,
        lambda w, s: reverse("volunteers:certify", args=[_hh(w, s).pk]) + f"?skill={w.skill.pk}",
    ),
    "household_export": (
        True,
        lambda w, s: reverse("volunteers:household_export", args=[_hh(w, s).pk]),
    ),
    "certificate_revoke": (
        True,
        lambda w, s: reverse("volunteers:certificate_revoke", args=[_cert(w, s).pk]),
    ),
    "household_cards": (
        True,
        lambda w, s: reverse("volunteers:household_cards", args=[_team(w, s).pk]),
    ),
}


def _hh(world, scope):
    return world.household if scope == "own" else world.other_household


def _cert(world, scope):
    return world.certification if scope == "own" else world.other_certification


def _team(world, scope):
    return world.team if scope == "own" else world.other_team


# role -> which side of the world is theirs ("own" = district 1, "other" = district 2), can write there
ROLES = {
    "volunteer": ("own", True),
    "leader": ("own", True),
    "volunteer2": ("other", True),
    "official": ("own", False),
    "official2": ("other", False),
    "outsider": (None, False),
}

OK_REDIRECTS = {"household_by_code": 302}


def expected(role, endpoint, scope):
    if role == "superuser":
        return OK_REDIRECTS.get(endpoint, 200)
    home, can_write = ROLES[role]
    is_write = ENDPOINTS[endpoint][0]
    if scope != home or (is_write and not can_write):
        return 404
    if endpoint == "certificate_revoke":
        # the certifier (volunteer / volunteer2) or a leader of the certificate's team
        return 200 if role in ("volunteer", "leader", "volunteer2") else 404
    return OK_REDIRECTS.get(endpoint, 200)


@pytest.mark.parametrize("scope", ["own", "other"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_matrix(client, world, role, endpoint, scope):
    client.force_login(world.users[role])
    url = ENDPOINTS[endpoint][1](world, scope)
    response = client.get(url)
    assert response.status_code == expected(role, endpoint, scope), (role, endpoint, scope, url)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_goes_to_login(client, world, endpoint):
    response = client.get(ENDPOINTS[endpoint][1](world, "own"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_list_shows_only_scope(client, world):
    for role, own, other in [
        ("volunteer", True, False),
        ("volunteer2", False, True),
        ("official", True, False),
        ("official2", False, True),
        ("outsider", False, False),
        ("superuser", True, True),
    ]:
        client.force_login(world.users[role])
        body = client.get(reverse("volunteers:home")).content.decode()
        assert (world.household.code in body, world.other_household.code in body) == (own, other), (
            role
        )


@pytest.mark.parametrize(
    ("role", "scope", "status"),
    [
        ("leader", "own", 302),
        ("volunteer", "own", 404),
        ("official", "own", 404),
        ("leader", "other", 404),
        ("superuser", "other", 302),
    ],
)
def test_erase_only_by_a_leader_of_the_team(client, world, role, scope, status):
    client.force_login(world.users[role])
    response = client.post(reverse("volunteers:household_erase", args=[_hh(world, scope).pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("volunteer", 302), ("official", 404), ("volunteer2", 404), ("outsider", 404)],
)
def test_write_posts_respect_scope(client, world, role, status):
    client.force_login(world.users[role])
    response = client.post(
        reverse("volunteers:learner_add", args=[world.household.pk]), {"name": "Mới"}
    )
    assert response.status_code == status
    assert world.household.learners.filter(name="Mới").exists() is (status == 302)


def _post_data(world, endpoint):
    return {
        "visit_log": {
            "uuid": "0b7f7c1e-2f7e-4a4e-9a55-7d7f0f3f0c11",
            "visited_at": "2026-01-01T10:00",
            "duration_minutes": "30",
            "outcome": "done",
            "team": world.team.pk,
        },
        "certify": {"learner": world.learner.pk, "ticked": world.skill.checklist_items},
        "certificate_revoke": {"reason": "probe"},
        "learner_add": {"name": "Probe"},
    }[endpoint]


@pytest.mark.parametrize("endpoint", ["visit_log", "certify", "certificate_revoke", "learner_add"])
@pytest.mark.parametrize("role", ["official", "volunteer2", "official2", "outsider"])
def test_out_of_scope_writes_are_404_and_change_nothing(client, world, role, endpoint):
    from volunteers.models import Certification, Learner, Visit

    before = (Visit.objects.count(), Certification.objects.count(), Learner.objects.count())
    client.force_login(world.users[role])
    url = ENDPOINTS[endpoint][1](world, "own")
    response = client.post(url, _post_data(world, endpoint))
    assert response.status_code == 404
    assert (Visit.objects.count(), Certification.objects.count(), Learner.objects.count()) == before
    world.certification.refresh_from_db()
    assert world.certification.revoked_at is None
