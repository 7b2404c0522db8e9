"""Learners who become mentors (issue 12): the team's mentor skills, invitations, answers.

The flow, chosen to work in a village with one phone and no e-mail:

1. a team leader chooses the skills a mentor must hold (``mentor_skills_set``);
2. the leader sees the team's learners holding valid certificates for all of
   them (``mentor_candidates``) and invites one (``mentor_invite``);
3. the invitation page shows a one-time link as a QR code: the learner scans
   it with their own phone, or the leader hands their phone over;
4. on that page the learner reads what a mentor does and what is stored,
   chooses a login name and password, ticks consent and accepts
   (``mentor_accept``), or declines (``mentor_decline``).

The link carries a signed token (``mentor_invitation_token``), valid for
``LINK_DAYS`` and only while the invitation is pending and unchanged: once
answered or withdrawn, every link shown for it stops working. No token is
stored. Accepting makes a User, a Volunteer linked to the learner record and
a MENTOR membership in the team; the household and learner rows are not
touched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Skill
from volunteers import access
from volunteers.models import Learner, Membership, MentorInvitation, Team, Volunteer

if TYPE_CHECKING:
    from django.contrib.auth.models import User

LINK_DAYS = 3
_SALT = "volunteers.mentor-invitation"
USERNAME_MAX = 40

NO_MENTOR_SKILLS = _("Choose the skills a mentor must hold first.")
NOT_ELIGIBLE = _("This learner does not hold valid certificates for all of the mentor skills.")
ALREADY_VOLUNTEER = _("This learner already has a volunteer account.")
INVITATION_ANSWERED = _("This invitation was already answered or withdrawn.")
CONSENT_NEEDED = _("Tick the box to agree before you accept.")
USERNAME_TAKEN = _("This login name is taken. Please choose another.")
PASSWORDS_DIFFER = _("The two passwords are not the same.")
NAME_REQUIRED = _("Type your name.")

INVITED = _("Invitation made. Show the code to the learner.")
WITHDRAWN = _("Invitation withdrawn.")
DECLINED = _("The invitation was declined.")
SKILLS_SAVED = _("Mentor skills saved.")


# --- reads --------------------------------------------------------------------


def mentor_skill_ids(team: Team) -> list[int]:
    return list(team.mentor_skills.values_list("pk", flat=True))


def mentor_candidates(*, user: User, team: Team) -> QuerySet[Learner]:
    """The team's learners (that the user may invite) holding a valid certificate for every
    one of the team's mentor skills; none when the team has chosen no skills.

    One query (the skill ids are a subquery); each learner's household is selected.
    """
    skill_ids = mentor_skill_ids(team)
    if not skill_ids:
        return Learner.objects.none()
    held = Count(
        "certifications__skill",
        distinct=True,
        filter=Q(certifications__revoked_at__isnull=True, certifications__skill__in=skill_ids),
    )
    return (
        access.mentor_invitable_learners(user, team)
        .annotate(mentor_skills_held=held)
        .filter(mentor_skills_held=len(skill_ids))
        .select_related("household__area")
        .order_by("household__code", "pk")
    )


def _is_candidate(*, user: User, team: Team, learner: Learner) -> bool:
    return mentor_candidates(user=user, team=team).filter(pk=learner.pk).exists()


def team_invitations(*, team: Team) -> QuerySet[MentorInvitation]:
    """The team's invitations, newest first, with learner, household and account selected."""
    return MentorInvitation.objects.filter(team=team).select_related(
        "learner__household__area", "user__volunteer", "invited_by"
    )


# --- the one-time link ---------------------------------------------------------


def _state(invitation: MentorInvitation) -> str:
    """Changes whenever the invitation does (answered, withdrawn): old links stop working."""
    raw = f"{invitation.pk}:{invitation.status}:{invitation.updated_at.isoformat()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def mentor_invitation_token(invitation: MentorInvitation) -> str:
    """A signed token for the acceptance link (valid LINK_DAYS, while the invitation is pending)."""
    return signing.dumps([invitation.pk, _state(invitation)], salt=_SALT)


def mentor_invitation_for_token(token: str) -> MentorInvitation | None:
    """The pending invitation a token from ``mentor_invitation_token`` opens, else None."""
    try:
        pk, state = signing.loads(token[:200], salt=_SALT, max_age=LINK_DAYS * 86400)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    invitation = (
        MentorInvitation.objects.select_related("team__area", "learner__household")
        .filter(pk=pk, status=MentorInvitation.Status.PENDING)
        .first()
    )
    if invitation is None or _state(invitation) != state:
        return None
    return invitation


# --- writes --------------------------------------------------------------------


def _require_leader(user: User, team: Team) -> None:
    if not access.can_invite_mentor(user, team):
        # Like an id outside the scope: the views answer 404.
        raise PermissionDenied


@transaction.atomic
def mentor_skills_set(*, user: User, team: Team, skills: Iterable[Skill]) -> Team:
    """Set the skills a mentor of `team` must hold (a leader of the team); returns the team."""
    _require_leader(user, team)
    team.mentor_skills.set(list(skills))
    return team


@transaction.atomic
def mentor_invite(*, user: User, team: Team, learner: Learner) -> MentorInvitation:
    """Invite a certified learner of the team to mentor; returns the pending invitation.

    The same learner invited again while an invitation is pending gets that
    one back. PermissionDenied unless the user leads the team; Http404 for a
    learner outside the team's households; ValidationError when the team has
    no mentor skills or the learner does not hold them all.
    """
    _require_leader(user, team)
    learner = access.get_visible_or_404(
        lambda u: access.mentor_invitable_learners(u, team), user, pk=learner.pk
    )
    if not mentor_skill_ids(team):
        raise ValidationError(NO_MENTOR_SKILLS)
    if not _is_candidate(user=user, team=team, learner=learner):
        raise ValidationError(NOT_ELIGIBLE)
    pending = MentorInvitation.objects.filter(
        team=team, learner=learner, status=MentorInvitation.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    invitation = MentorInvitation(team=team, learner=learner, invited_by=user)
    invitation.full_clean()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # a second tap raced the first one
        return MentorInvitation.objects.get(
            team=team, learner=learner, status=MentorInvitation.Status.PENDING
        )
    return invitation


def _pending_for_update(invitation: MentorInvitation) -> MentorInvitation:
    fresh = MentorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if fresh.status != MentorInvitation.Status.PENDING:
        raise ValidationError(INVITATION_ANSWERED)
    return fresh


@transaction.atomic
def mentor_withdraw(*, user: User, invitation: MentorInvitation) -> MentorInvitation:
    """The leader takes a pending invitation back; its links stop working."""
    _require_leader(user, invitation.team)
    invitation = _pending_for_update(invitation)
    invitation.status = MentorInvitation.Status.WITHDRAWN
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at", "updated_at"])
    return invitation


@transaction.atomic
def mentor_decline(*, invitation: MentorInvitation, user: User | None = None) -> MentorInvitation:
    """Record that the learner said no: through the link (no user), or told the leader (`user`)."""
    if user is not None:
        _require_leader(user, invitation.team)
    invitation = _pending_for_update(invitation)
    invitation.status = MentorInvitation.Status.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at", "updated_at"])
    return invitation


def _check_account(
    *, consent: bool, display_name: str, username: str, password: str, password2: str
) -> None:
    """Every problem of the form at once (consent, name, login, password), so nothing is lost."""
    errors: dict[str, list] = {}
    if not consent:
        errors["consent"] = [CONSENT_NEEDED]
    if not display_name:
        errors["display_name"] = [NAME_REQUIRED]
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as error:
        errors["username"] = error.messages
    if not username or len(username) > USERNAME_MAX:
        errors.setdefault("username", []).append(
            _("Choose a login name of 1 to %(max)d letters or digits.") % {"max": USERNAME_MAX}
        )
    elif get_user_model().objects.filter(username__iexact=username).exists():
        errors.setdefault("username", []).append(USERNAME_TAKEN)
    if password != password2:
        errors["password2"] = [PASSWORDS_DIFFER]
    else:
        try:
            password_validation.validate_password(
                password, get_user_model()(username=username, first_name=display_name)
            )
        except ValidationError as error:
            errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def mentor_accept(
    *,
    invitation: MentorInvitation,
    consent: bool,
    display_name: str,
    username: str,
    password: str,
    password2: str,
    phone: str = "",
) -> User:
    """The learner accepts: their consent is recorded and their mentor account made; returns it.

    Consent (who, when) goes on the invitation. The account is a User with
    the chosen login and password, a Volunteer linked to the learner record
    and a MENTOR membership in the team. The learner must still hold the
    mentor skills (a certificate revoked since the invitation ends it:
    ValidationError). The household and the learner rows are not changed.
    """
    display_name, username, phone = display_name.strip(), username.strip(), phone.strip()
    invitation = _pending_for_update(invitation)
    learner = invitation.learner
    if Volunteer.objects.filter(learner=learner).exists():
        raise ValidationError(ALREADY_VOLUNTEER)
    skill_ids = mentor_skill_ids(invitation.team)
    held = (
        learner.certifications.filter(revoked_at__isnull=True, skill__in=skill_ids)
        .values("skill")
        .distinct()
        .count()
    )
    if learner.erased_at is not None or not skill_ids or held < len(skill_ids):
        raise ValidationError(NOT_ELIGIBLE)
    _check_account(
        consent=consent,
        display_name=display_name,
        username=username,
        password=password,
        password2=password2,
    )
    user = get_user_model().objects.create_user(username=username, password=password)
    volunteer = Volunteer(user=user, display_name=display_name, phone=phone, learner=learner)
    volunteer.full_clean()
    volunteer.save()
    membership = Membership(user=user, team=invitation.team, role=Membership.Role.MENTOR)
    membership.full_clean()
    membership.save()
    now = timezone.now()
    invitation.status = MentorInvitation.Status.ACCEPTED
    invitation.consent_given_by = display_name
    invitation.consent_at = now
    invitation.answered_at = now
    invitation.user = user
    invitation.full_clean()
    invitation.save()
    return user


def mentor_invitations_erase(*, learners: QuerySet[Learner]) -> None:
    """For ``household_erase``: no personal value stays on the learners' invitations.

    Who consented is blanked (the time stays, as for the household's consent)
    and pending invitations are withdrawn, so no link opens them. The mentor's
    own account (their volunteer profile) is theirs and is not touched.
    """
    invitations = MentorInvitation.objects.filter(learner__in=learners)
    invitations.update(consent_given_by="")
    invitations.filter(status=MentorInvitation.Status.PENDING).update(
        status=MentorInvitation.Status.WITHDRAWN, answered_at=timezone.now()
    )
