"""`manage.py generate_load_data` and volunteers.loaddata.generate on a small data set."""

import datetime
import io
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from volunteers.loaddata import generate
from volunteers.models import (
    AccessLog,
    Area,
    Certification,
    Household,
    Learner,
    Membership,
    Team,
    Visit,
)

pytestmark = pytest.mark.django_db(transaction=False)


def test_generate_builds_the_requested_counts_quickly():
    started = time.monotonic()
    root = generate(households=450, visits=2000, seed=3, root_code="LT", stdout=io.StringIO())
    elapsed = time.monotonic() - started

    assert elapsed < 5  # about 0.3 s; generous for a busy CI machine
    in_tree = root.subtree_q("household__area__")
    assert Household.objects.filter(root.subtree_q("area__")).count() == 450
    assert Visit.objects.filter(in_tree).count() == 2000
    assert Certification.objects.filter(root.subtree_q("learner__household__area__")).count() == 250
    assert Learner.objects.filter(in_tree).count() >= 450
    # The tree is a valid treebeard tree: 3 villages (200 per village), 1 commune, 1 district.
    assert [a.level for a in root.get_descendants()].count("village") == 3
    assert Area.find_problems() == ([], [], [], [], [])
    assert root.get_children_count() == 1
    # Every visit's team serves the household, and its volunteers belong to it.
    visit = Visit.objects.filter(in_tree).select_related("household").first()
    assert visit.team_id == visit.household.team_id
    assert set(visit.volunteers.values_list("pk", flat=True)) <= set(
        Membership.objects.filter(team=visit.team).values_list("user_id", flat=True)
    )
    assert Team.objects.filter(root.subtree_q("area__")).count() == 1
    assert not Visit.objects.filter(
        in_tree, outcome=Visit.Outcome.FOLLOW_UP, follow_up_on__isnull=True
    ).exists()
    # Columns are written by position: each holds its own kind of value.
    household = Household.objects.filter(root.subtree_q("area__")).first()
    assert isinstance(household.consent_at, datetime.datetime)
    assert household.consent_scope and household.consent_given_by
    # New rows after the load get fresh ids (sequences moved on).
    assert Household.objects.create(area=root, team=Team.objects.first(), code="AFTER").pk > 0


def test_command_refuses_a_second_run_without_replace():
    out = io.StringIO()
    call_command(
        "generate_load_data",
        "--households",
        "20",
        "--visits",
        "50",
        "--root-code",
        "LX",
        stdout=out,
    )
    assert "Load data ready under LX" in out.getvalue()
    with pytest.raises(CommandError, match="already exists"):
        call_command(
            "generate_load_data",
            "--households",
            "20",
            "--visits",
            "50",
            "--root-code",
            "LX",
            stdout=io.StringIO(),
        )
    household = Household.objects.filter(Area.objects.get(code="LX").subtree_q("area__")).first()
    AccessLog.objects.create(household=household, action=AccessLog.Action.VIEW)
    call_command(
        "generate_load_data",
        "--households",
        "30",
        "--visits",
        "60",
        "--root-code",
        "LX",
        "--replace",
        stdout=io.StringIO(),
    )
    assert not AccessLog.objects.filter(household_id=household.pk).exists()
    root = Area.objects.get(code="LX")
    assert Household.objects.filter(root.subtree_q("area__")).count() == 30
    assert Visit.objects.filter(root.subtree_q("household__area__")).count() == 60
    assert Area.find_problems() == ([], [], [], [], [])


def test_every_generated_certificate_verifies(client, settings):
    """The generator's codes come from services.codes, so /verify/<code>/ finds each one."""
    settings.RATELIMIT_ENABLE = False  # one request per certificate, more than the limit
    root = generate(households=40, visits=400, seed=5, root_code="LV", stdout=io.StringIO())
    certifications = Certification.objects.filter(
        root.subtree_q("learner__household__area__")
    ).select_related("skill")
    assert certifications.count() == 50
    for certification in certifications:
        response = client.get(reverse("volunteers:verify", args=[certification.code]))
        body = response.content.decode()
        assert response.status_code == 200
        assert response.context["certification"] == certification, certification.code
        assert "Valid certificate" in body or "Chứng nhận hợp lệ" in body
        assert certification.skill.name in body
