"""Learners who become mentors: the leader's mentor screen, the invitation, the acceptance page."""

from django.contrib import messages as flash
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from core.forms import add_validation_errors
from core.links import absolute_url
from core.parsing import parse_id
from core.qr import qr_svg
from volunteers import access, masking, messages
from volunteers.mentor_forms import MentorAcceptForm, MentorSkillsForm
from volunteers.models import MentorInvitation
from volunteers.services import mentors

from .common import default_locale_skills

ACCEPT_RATE = "20/m"


def _led_team_or_404(user, team_pk: int):
    """The team, if the user may manage its mentors; 404 otherwise (also for its own members)."""
    team = access.get_visible_or_404(
        lambda u: access.visible_teams(u).select_related("area"), user, pk=team_pk
    )
    if not access.can_invite_mentor(user, team):
        raise Http404
    return team


def _invitation_or_404(user, pk: int) -> MentorInvitation:
    return access.get_visible_or_404(
        lambda u: access.managed_mentor_invitations(u).select_related(
            "team__area", "learner__household__area", "user__volunteer"
        ),
        user,
        pk=pk,
    )


def _masked(user, learner):
    masking.for_user(user, learner)
    return learner


@login_required
def team_mentors(request, team_pk: int):
    """The leader's screen: the skills a mentor must hold, who holds them all, the invitations."""
    team = _led_team_or_404(request.user, team_pk)
    form = MentorSkillsForm(
        skills=default_locale_skills(), initial={"skills": mentors.mentor_skill_ids(team)}
    )
    return _render_team(request, team, form)


def _render_team(request, team, form, status=200):
    candidates = [
        _masked(request.user, learner)
        for learner in mentors.mentor_candidates(user=request.user, team=team)[:200]
    ]
    invitations = list(mentors.team_invitations(team=team)[:100])
    for invitation in invitations:
        _masked(request.user, invitation.learner)
    pending = {i.learner_id for i in invitations if i.status == MentorInvitation.Status.PENDING}
    return render(
        request,
        "volunteers/mentor_team.html",
        {
            "team": team,
            "form": form,
            "has_skills": bool(form.initial.get("skills")) or bool(mentors.mentor_skill_ids(team)),
            "candidates": candidates,
            "pending_ids": pending,
            "invitations": invitations,
        },
        status=status,
    )


@login_required
@require_POST
def team_mentor_skills(request, team_pk: int):
    team = _led_team_or_404(request.user, team_pk)
    form = MentorSkillsForm(request.POST, skills=default_locale_skills())
    if not form.is_valid():
        return _render_team(request, team, form, status=400)
    mentors.mentor_skills_set(user=request.user, team=team, skills=form.cleaned_data["skills"])
    flash.success(request, mentors.SKILLS_SAVED)
    return redirect("volunteers:team_mentors", team_pk=team.pk)


@login_required
@require_POST
def mentor_invite(request, team_pk: int):
    """Invite one of the team's certified learners (404 for a learner outside the team)."""
    team = _led_team_or_404(request.user, team_pk)
    learner_pk = parse_id(request.POST.get("learner"))
    if learner_pk is None:
        raise Http404
    learner = access.get_visible_or_404(
        lambda u: access.mentor_invitable_learners(u, team), request.user, pk=learner_pk
    )
    try:
        invitation = mentors.mentor_invite(user=request.user, team=team, learner=learner)
    except ValidationError as error:
        for message in error.messages:
            flash.error(request, message)
        return redirect("volunteers:team_mentors", team_pk=team.pk)
    flash.success(request, mentors.INVITED)
    return redirect("volunteers:mentor_invitation", pk=invitation.pk)


@never_cache
@login_required
def mentor_invitation(request, pk: int):
    """The invitation for the leader: a one-time link as a QR code while it waits for an answer."""
    invitation = _invitation_or_404(request.user, pk)
    _masked(request.user, invitation.learner)
    context = {"invitation": invitation, "team": invitation.team}
    if invitation.status == MentorInvitation.Status.PENDING:
        url = absolute_url(
            reverse("volunteers:mentor_accept", args=[mentors.mentor_invitation_token(invitation)]),
            request,
        )
        context.update(accept_url=url, qr=qr_svg(url), link_days=mentors.LINK_DAYS)
    return render(request, "volunteers/mentor_invitation.html", context)


@login_required
@require_POST
def mentor_invitation_answer(request, pk: int):
    """The leader withdraws the invitation, or records that the learner said no."""
    invitation = _invitation_or_404(request.user, pk)
    try:
        if "decline" in request.POST:
            mentors.mentor_decline(invitation=invitation, user=request.user)
            flash.success(request, mentors.DECLINED)
        else:
            mentors.mentor_withdraw(user=request.user, invitation=invitation)
            flash.success(request, mentors.WITHDRAWN)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as error:
        for message in error.messages:
            flash.error(request, message)
    return redirect("volunteers:team_mentors", team_pk=invitation.team_id)


@never_cache
@ratelimit(group="mentor-accept", key="ip", rate=ACCEPT_RATE, method="POST", block=False)
def mentor_accept(request, token: str):
    """Where the one-time link leads: the learner accepts (consent, login, password) or declines.

    No login needed. When the phone is the leader's (handed over), the new
    mentor is not logged in on it; on the learner's own phone they are.
    """
    invitation = mentors.mentor_invitation_for_token(token)
    if invitation is None:
        return render(request, "volunteers/mentor_link_invalid.html", status=404)
    learner = invitation.learner
    form = MentorAcceptForm(request.POST or None, initial={"display_name": learner.name})
    if request.method == "POST" and getattr(request, "limited", False):
        form.is_valid()
        form.add_error(None, messages.RATE_LIMITED)
        return _render_accept(request, invitation, form, status=429)
    if request.method == "POST" and "decline" in request.POST:
        try:
            mentors.mentor_decline(invitation=invitation)
        except ValidationError:
            return render(request, "volunteers/mentor_link_invalid.html", status=404)
        return render(request, "volunteers/mentor_answered.html", {"accepted": False})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = mentors.mentor_accept(
                invitation=invitation,
                consent=data["consent"],
                display_name=data["display_name"],
                phone=data["phone"],
                username=data["username"],
                password=data["password"],
                password2=data["password2"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if not request.user.is_authenticated:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("volunteers:profile")
            return render(
                request,
                "volunteers/mentor_answered.html",
                {"accepted": True, "username": user.get_username()},
            )
    return _render_accept(request, invitation, form)


def _render_accept(request, invitation, form, status=200):
    # In the reader's language where the skill is translated (a team asks for a few skills).
    skills = [skill.localized for skill in invitation.team.mentor_skills.order_by("name")]
    return render(
        request,
        "volunteers/mentor_accept.html",
        {"invitation": invitation, "team": invitation.team, "skills": skills, "form": form},
        status=status,
    )
