"""Learners who become mentors (issue 12): invitation, consent, decline, rights, counts, profile."""

import datetime
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.models import Site

from reports import indicators
from reports.rollups.check import differences
from reports.workbook import build_workbook
from tests.courses.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
)
from tests.volunteers.factories import CertificationFactory, MembershipFactory, UserFactory
from tests.volunteers.test_erasure import MARK, marker_hits_in_database
from tests.world import WorldBuilder, two_districts
from volunteers import access, services
from volunteers.models import Household, Learner, Membership, MentorInvitation, Volunteer
from volunteers.services import mentors

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Pass-4-mentor"


@pytest.fixture
def mentor_world(world):
    """world.team asks for two skills; world.learner holds both, `partial` only the first."""
    second = WorldBuilder().skill(name="Nhận biết lừa đảo")
    world.named["second_skill"] = second
    world.team.mentor_skills.set([world.skill, second])
    world.other_team.mentor_skills.set([world.skill])
    CertificationFactory(learner=world.learner, skill=second, code="MENTOR2")
    partial = Learner.objects.create(household=world.household, name="Lò Văn Phần")
    CertificationFactory(learner=partial, skill=world.skill, code="PARTIAL1")
    world.named["partial"] = partial
    return world


def invite(client, world, learner=None):
    return client.post(
        reverse("volunteers:mentor_invite", args=[world.team.pk]),
        {"learner": (learner or world.learner).pk},
    )


def accept_path(invitation) -> str:
    return reverse("volunteers:mentor_accept", args=[mentors.mentor_invitation_token(invitation)])


def accept_data(**changes):
    data = {
        "display_name": "Bùi Thị Lan",
        "phone": "0911222333",
        "username": "lan.mentor",
        "password": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
        "accept": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- inviting ------------------------------------------------------------------------


def test_leader_sees_who_holds_every_mentor_skill_and_invites(client, mentor_world):
    world = mentor_world
    client.force_login(world.users["leader"])
    page = client.get(reverse("volunteers:team_mentors", args=[world.team.pk]))
    assert page.status_code == 200
    assert [learner.pk for learner in page.context["candidates"]] == [world.learner.pk]
    body = page.content.decode()
    assert "Bùi Thị Lan" in body and "Lò Văn Phần" not in body

    response = invite(client, world)
    invitation = MentorInvitation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("volunteers:mentor_invitation", args=[invitation.pk])
    assert invitation.status == MentorInvitation.Status.PENDING
    assert invitation.invited_by == world.users["leader"]
    shown = client.get(response["Location"])
    assert shown.status_code == 200
    assert "<svg" in shown.content.decode()  # the one-time link as a QR code
    assert urlparse(shown.context["accept_url"]).path.startswith("/mentor/")
    # Inviting again while it waits gives the same invitation back.
    invite(client, world)
    assert MentorInvitation.objects.count() == 1


def test_a_revoked_certificate_does_not_count(mentor_world):
    world = mentor_world
    world.certification.revoked_at = timezone.now()
    world.certification.save()
    leader = world.users["leader"]
    assert list(mentors.mentor_candidates(user=leader, team=world.team)) == []
    with pytest.raises(ValidationError) as error:
        mentors.mentor_invite(user=leader, team=world.team, learner=world.learner)
    assert mentors.NOT_ELIGIBLE in error.value.messages


def test_a_learner_without_every_skill_cannot_be_invited(client, mentor_world):
    world = mentor_world
    with pytest.raises(ValidationError) as error:
        mentors.mentor_invite(user=world.users["leader"], team=world.team, learner=world.partial)
    assert mentors.NOT_ELIGIBLE in error.value.messages
    client.force_login(world.users["leader"])
    response = invite(client, world, world.partial)
    assert response.status_code == 302 and not MentorInvitation.objects.exists()


def test_a_team_without_mentor_skills_has_no_candidates(client, mentor_world):
    world = mentor_world
    world.team.mentor_skills.clear()
    assert not mentors.mentor_candidates(user=world.users["leader"], team=world.team).exists()
    client.force_login(world.users["leader"])
    page = client.get(reverse("volunteers:team_mentors", args=[world.team.pk]))
    assert str(mentors.NO_MENTOR_SKILLS) in page.content.decode()


@pytest.mark.parametrize("who", ["volunteer", "volunteer2", "official", "outsider", "leader2"])
def test_only_the_teams_leader_may_invite(client, mentor_world, who):
    world = mentor_world
    if who == "leader2":  # the leader of another team
        MembershipFactory(
            user=UserFactory(username="leader2"), team=world.other_team, role="leader"
        )
        user = get_user_model().objects.get(username="leader2")
    else:
        user = world.users[who]
    client.force_login(user)
    assert client.get(reverse("volunteers:team_mentors", args=[world.team.pk])).status_code == 404
    assert invite(client, world).status_code == 404
    skills = reverse("volunteers:team_mentor_skills", args=[world.team.pk])
    assert client.post(skills, {"skills": []}).status_code == 404
    assert not MentorInvitation.objects.exists()
    assert world.team.mentor_skills.count() == 2
    with pytest.raises(PermissionDenied):
        mentors.mentor_invite(user=user, team=world.team, learner=world.learner)


def test_another_districts_learner_is_a_404(client, mentor_world):
    world = mentor_world
    CertificationFactory(learner=world.other_learner, skill=world.second_skill, code="OTHER2")
    client.force_login(world.users["leader"])
    assert invite(client, world, world.other_learner).status_code == 404
    bad = reverse("volunteers:mentor_invite", args=[world.team.pk])
    assert client.post(bad, {"learner": "9" * 30}).status_code == 404
    assert client.post(bad, {"learner": "<b>"}).status_code == 404
    assert not MentorInvitation.objects.exists()


def test_leader_chooses_the_skills_on_the_field_screen(client, mentor_world):
    world = mentor_world
    client.force_login(world.users["leader"])
    url = reverse("volunteers:team_mentor_skills", args=[world.team.pk])
    assert client.post(url, {"skills": [world.skill.pk]}).status_code == 302
    assert list(world.team.mentor_skills.all()) == [world.skill]
    # The learner with the first skill only is now a candidate too.
    candidates = mentors.mentor_candidates(user=world.users["leader"], team=world.team)
    assert {learner.pk for learner in candidates} == {world.learner.pk, world.partial.pk}
    assert client.post(url, {"skills": ["nope"]}).status_code == 400


def test_leader_sets_the_mentor_skills_in_the_admin_team_form(mentor_world):
    from volunteers.admin.forms import TeamForm

    form = TeamForm(instance=mentor_world.team, for_user=mentor_world.users["leader"])
    assert "mentor_skills" in form.fields
    assert set(form.fields["mentor_skills"].queryset) >= {
        mentor_world.skill,
        mentor_world.second_skill,
    }


# --- accepting, declining, withdrawing ---------------------------------------------------


@pytest.fixture
def invitation(mentor_world):
    return mentors.mentor_invite(
        user=mentor_world.users["leader"], team=mentor_world.team, learner=mentor_world.learner
    )


def test_acceptance_takes_consent_and_makes_a_mentor_account(client, mentor_world, invitation):
    world = mentor_world
    household_before = Household.objects.filter(pk=world.household.pk).values().get()
    learner_before = Learner.objects.filter(pk=world.learner.pk).values().get()
    path = accept_path(invitation)

    page = client.get(path)
    assert page.status_code == 200 and world.team.name in page.content.decode()
    # Without the consent box ticked: the form again, the typed login kept, nothing made.
    refused = client.post(path, accept_data(consent=None))
    assert refused.status_code == 200
    assert str(mentors.CONSENT_NEEDED) in refused.content.decode()
    assert 'value="lan.mentor"' in refused.content.decode()
    assert not get_user_model().objects.filter(username="lan.mentor").exists()

    response = client.post(path, accept_data())
    assert response.status_code == 302 and response["Location"] == reverse("volunteers:profile")
    user = get_user_model().objects.get(username="lan.mentor")
    assert user.check_password(PASSWORD)
    volunteer = Volunteer.objects.get(user=user)
    assert volunteer.learner == world.learner and volunteer.display_name == "Bùi Thị Lan"
    assert Membership.objects.get(user=user).role == Membership.Role.MENTOR
    invitation.refresh_from_db()
    assert invitation.status == MentorInvitation.Status.ACCEPTED
    assert invitation.consent_given_by == "Bùi Thị Lan" and invitation.consent_at is not None
    assert invitation.user == user
    # The household record stays as it was.
    assert Household.objects.filter(pk=world.household.pk).values().get() == household_before
    assert Learner.objects.filter(pk=world.learner.pk).values().get() == learner_before
    # Logged in as the new mentor; the link works once.
    assert client.get(reverse("volunteers:profile")).context["user"] == user
    assert client.get(path).status_code == 404


def test_acceptance_refuses_a_taken_login_and_a_weak_password(client, invitation):
    path = accept_path(invitation)
    taken = client.post(path, accept_data(username="Leader"))
    assert taken.status_code == 200 and str(mentors.USERNAME_TAKEN) in taken.content.decode()
    weak = client.post(path, accept_data(password="123", password2="123"))
    assert weak.status_code == 200 and weak.context["form"].errors["password"]
    differ = client.post(path, accept_data(password2="other-Pass-4-mentor"))
    assert str(mentors.PASSWORDS_DIFFER) in differ.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == MentorInvitation.Status.PENDING


def test_acceptance_on_the_leaders_phone_keeps_the_leader_logged_in(
    client, mentor_world, invitation
):
    leader = mentor_world.users["leader"]
    client.force_login(leader)
    response = client.post(accept_path(invitation), accept_data())
    assert response.status_code == 200 and "lan.mentor" in response.content.decode()
    assert client.get(reverse("volunteers:profile")).context["user"] == leader


def test_a_bad_or_old_link_is_a_404(client, invitation):
    assert client.get(reverse("volunteers:mentor_accept", args=["nonsense"])).status_code == 404
    token = mentors.mentor_invitation_token(invitation)
    assert (
        client.get(reverse("volunteers:mentor_accept", args=[token[:-2] + "xx"])).status_code == 404
    )
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + datetime.timedelta(days=mentors.LINK_DAYS + 1)
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        assert mentors.mentor_invitation_for_token(token) is None
    assert mentors.mentor_invitation_for_token(token) == invitation


def test_the_learner_declines_through_the_link(client, invitation):
    path = accept_path(invitation)
    response = client.post(path, {"decline": "1"})
    assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == MentorInvitation.Status.DECLINED and invitation.answered_at
    assert not Volunteer.objects.filter(learner=invitation.learner).exists()
    assert client.get(path).status_code == 404


def test_the_leader_withdraws_or_records_a_no(client, mentor_world, invitation):
    path = accept_path(invitation)
    client.force_login(mentor_world.users["volunteer"])  # a member may not
    answer = reverse("volunteers:mentor_invitation_answer", args=[invitation.pk])
    assert client.post(answer, {"withdraw": "1"}).status_code == 404
    assert (
        client.get(reverse("volunteers:mentor_invitation", args=[invitation.pk])).status_code == 404
    )

    client.force_login(mentor_world.users["leader"])
    assert client.post(answer, {"withdraw": "1"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == MentorInvitation.Status.WITHDRAWN
    assert client.get(path).status_code == 404  # the link shown before no longer opens it
    again = mentors.mentor_invite(
        user=mentor_world.users["leader"], team=mentor_world.team, learner=mentor_world.learner
    )
    client.post(reverse("volunteers:mentor_invitation_answer", args=[again.pk]), {"decline": "1"})
    again.refresh_from_db()
    assert again.status == MentorInvitation.Status.DECLINED


# --- what a mentor may do ------------------------------------------------------------------


def test_a_mentor_is_a_volunteer_of_the_team_not_a_leader(client, mentor_world, invitation):
    world = mentor_world
    mentors.mentor_accept(invitation=invitation, consent=True, **_account())
    mentor = get_user_model().objects.get(username="lan.mentor")
    assert access.is_volunteer(mentor) and access.is_member(mentor, world.team)
    assert not access.is_leader(mentor) and not access.can_invite_mentor(mentor, world.team)
    assert set(access.visible_households(mentor)) == {world.household}
    assert not access.can_erase_household(mentor, world.household)
    assert not access.can_view_dashboard(mentor)
    client.force_login(mentor)
    assert client.get(reverse("volunteers:household", args=[world.household.pk])).status_code == 200
    other = reverse("volunteers:household", args=[world.other_household.pk])
    assert client.get(other).status_code == 404
    assert client.get(reverse("volunteers:team_mentors", args=[world.team.pk])).status_code == 404
    # The team page lists the mentor with the role.
    team_page = client.get(reverse("volunteers:team", args=[world.team.pk]))
    with translation.override(team_page["Content-Language"]):
        badge = f'Bùi Thị Lan <span class="badge">{Membership.Role.MENTOR.label}</span>'
    assert badge in team_page.content.decode()


def _account(**changes):
    data = {
        "display_name": "Bùi Thị Lan",
        "username": "lan.mentor",
        "password": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(changes)
    return data


def test_mentors_show_with_their_role_in_the_memberships_admin(client, mentor_world, invitation):
    mentors.mentor_accept(invitation=invitation, consent=True, **_account())
    client.force_login(mentor_world.users["superuser"])
    response = client.get(reverse("coordination_memberships:index"))
    assert response.status_code == 200
    body = response.content.decode()
    with translation.override(response["Content-Language"]):
        label = str(Membership.Role.MENTOR.label)
    assert "lan.mentor" in body and label in body


# --- erasure ---------------------------------------------------------------------------


def test_erasure_leaves_no_consent_name_on_invitations(mentor_world, invitation):
    world = mentor_world
    mentors.mentor_accept(
        invitation=invitation, consent=True, **_account(display_name="Mentor Lan")
    )
    MentorInvitation.objects.filter(pk=invitation.pk).update(consent_given_by=f"{MARK} Lan")
    world.team.mentor_skills.set([world.skill])
    pending = mentors.mentor_invite(
        user=world.users["leader"], team=world.team, learner=world.partial
    )
    token = mentors.mentor_invitation_token(pending)
    assert marker_hits_in_database() == ["volunteers_mentorinvitation.consent_given_by"]

    services.household_erase(user=world.users["leader"], household=world.household)

    assert marker_hits_in_database() == []
    invitation.refresh_from_db()
    pending.refresh_from_db()
    assert invitation.consent_given_by == "" and invitation.consent_at is not None
    assert pending.status == MentorInvitation.Status.WITHDRAWN
    assert mentors.mentor_invitation_for_token(token) is None
    # The mentor's own account is theirs: it stays.
    assert Volunteer.objects.get(user__username="lan.mentor").display_name == "Mentor Lan"


# --- counted --------------------------------------------------------------------------------


def counted_world():
    world = two_districts()
    b = WorldBuilder()
    b.world = world
    b.mentor(world.learner, world.team, "mentor1")
    b.mentor(world.other_learner, world.other_team, "mentor2")
    return world


def test_mentors_are_counted_by_area(db, settings):
    settings.ROLLUPS_EAGER = True  # the rollup tables follow each write, for ``rollups check``
    world = counted_world()
    start, end = datetime.date(2026, 1, 1), timezone.localdate()
    count = lambda area, **kw: indicators.summary(area=area, start=start, end=end, **kw).mentors  # noqa: E731
    assert count(world.district) == 1 and count(world.other_district) == 1
    assert count(world.province) == 2
    assert count(world.province, teams=[world.team.pk]) == 1
    rows = indicators.by_child_area(area=world.province, start=start, end=end)
    assert {row.area.code: row.values.mentors for row in rows if row.area} == {"D1": 1, "D2": 1}
    teams = indicators.by_team(area=world.province, start=start, end=end)
    assert {row.team.pk: row.values.mentors for row in teams} == {
        world.team.pk: 1,
        world.other_team.pk: 1,
    }
    assert all(
        row.values.mentors is None
        for row in indicators.by_month(area=world.province, start=start, end=end)
    )
    assert differences(area=world.province, start=start, end=end) == []


def test_the_dashboard_counts_mentors_in_the_officials_subtree_only(client, settings):
    settings.ROLLUPS_EAGER = True
    world = counted_world()
    client.force_login(world.users["official"])
    response = client.get(reverse("reports:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    figures = {f["definition"].key: f["value"] for f in response.context["figures"]}
    assert figures["mentors"] == 1
    assert response.context["summary"].mentors == 1
    # Another district's area is out of the official's reach.
    other = client.get(reverse("reports:dashboard"), {"area": world.other_district.pk})
    assert other.status_code == 404


def test_the_workbook_counts_mentors(db, tmp_path):
    world = counted_world()
    path = tmp_path / "w.xlsx"
    with translation.override("en"):
        build_workbook(
            path,
            area=world.district,
            start=datetime.date(2026, 1, 1),
            end=timezone.localdate(),
            user=world.users["official"],
            language="en",
            include_names=False,
        )
    workbook = load_workbook(path)
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True) if row}
    assert summary["Mentors from the community"] == 1
    sheet = workbook["By sub-area"]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    column = header.index("Mentors from the community")
    values = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert 1 in values
    workbook.close()


# --- profile and courses for volunteers -----------------------------------------------------


def test_a_mentors_profile_shows_their_own_certificates(client, mentor_world, invitation):
    mentors.mentor_accept(invitation=invitation, consent=True, **_account())
    world = mentor_world
    world.certification.revoked_at = timezone.now()
    world.certification.save()
    client.force_login(get_user_model().objects.get(username="lan.mentor"))
    response = client.get(reverse("volunteers:profile"))
    body = response.content.decode()
    assert response.status_code == 200
    assert world.skill.name in body and world.second_skill.name in body
    assert world.certification.code in body and "MENTOR2" in body
    assert "PARTIAL1" not in body  # someone else's certificate
    assert reverse("volunteers:verify", args=["MENTOR2"]) in body
    # A volunteer without a learner record sees none.
    client.force_login(world.users["volunteer"])
    assert client.get(reverse("volunteers:profile")).context["certifications"] == []


@pytest.fixture
def lessons(db):
    home = HomePageFactory()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home), title="Khóa học")
    return {
        audience: LessonPageFactory(parent=course, title=f"Bài cho {audience}", audience=audience)
        for audience in ("citizen", "volunteer", "official")
    }


def test_volunteer_courses_are_in_the_field_menu(client, world, lessons):
    client.force_login(world.users["volunteer"])
    home = client.get(reverse("volunteers:home"))
    assert reverse("volunteers:volunteer_courses") in home.content.decode()
    assert reverse("volunteers:profile") in home.content.decode()
    page = client.get(reverse("volunteers:volunteer_courses"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Bài cho volunteer" in body and lessons["volunteer"].url in body
    assert "Bài cho citizen" not in body and "Bài cho official" not in body
    # Officials also see the lessons written for them.
    client.force_login(world.users["official"])
    body = client.get(reverse("volunteers:volunteer_courses")).content.decode()
    assert "Bài cho volunteer" in body and "Bài cho official" in body
