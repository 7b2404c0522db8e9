"""Issuing and revoking skill certificates with short unguessable verification codes."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import Skill
from volunteers import access, messages
from volunteers.models import Certification, Learner, Team

from .codes import random_code

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CODE_LENGTH = 10  # 10 x 5 bits = 50 bits: guessing one code in a million tries is hopeless


def new_certification_code() -> str:
    """A fresh verification code (10 characters of Crockford base32, 50 bits)."""
    return random_code(CODE_LENGTH)


@transaction.atomic
def certification_issue(
    *,
    user: User,
    learner: Learner,
    skill: Skill,
    ticked: list[str],
    team: Team | None = None,
    certified_on: datetime.date | None = None,
) -> Certification:
    """Certify that `learner` showed `skill`; returns the certificate.

    Every item of the skill's checklist must be ticked (a partial showing is
    practice, logged as a visit, not a certificate). The ticked items are
    stored so later edits of the skill do not change issued certificates.
    """
    learner = access.get_visible_or_404(access.editable_learners, user, pk=learner.pk)
    if learner.erased_at is not None:
        raise ValidationError(messages.LEARNER_ERASED)
    items = skill.checklist_items
    if not items:
        raise ValidationError(messages.SKILL_WITHOUT_CHECKLIST, code="no_checklist")
    if not set(items) <= set(ticked):
        raise ValidationError({"ticked": messages.CHECKLIST_INCOMPLETE})
    if team is None:
        team = access.default_team(user, learner.household)
    if team is None or not access.is_member(user, team):
        raise ValidationError(messages.TEAM_NOT_YOURS, code="team")
    if Certification.objects.filter(learner=learner, skill=skill, revoked_at__isnull=True).exists():
        raise ValidationError(messages.ALREADY_CERTIFIED, code="duplicate")
    certification = Certification(
        learner=learner,
        skill=skill,
        team=team,
        certified_by=user,
        certified_on=certified_on or timezone.localdate(),
        checklist=list(items),
    )
    for _attempt in range(5):
        certification.code = new_certification_code()
        certification.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                certification.save()
            return certification
        except IntegrityError:
            continue  # a code collision (about 1 in 10^15): draw again
    raise RuntimeError("could not find a free certification code")  # pragma: no cover


@transaction.atomic
def certification_revoke(*, user: User, certification: Certification, reason: str) -> Certification:
    """Revoke a certificate (its certifier or a leader of its team); a reason is required."""
    certification = access.get_visible_or_404(
        access.revocable_certifications, user, pk=certification.pk
    )
    if not reason or not reason.strip():
        raise ValidationError({"reason": messages.REVOKE_REASON_REQUIRED})
    if certification.revoked_at is not None:
        raise ValidationError(messages.ALREADY_REVOKED, code="revoked")
    certification.revoked_at = timezone.now()
    certification.revoked_reason = reason.strip()[:255]
    certification.revoked_by = user
    certification.full_clean()
    certification.save()
    return certification
