"""Households and learners: creation and changes under the consent rule, erasure, export."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from volunteers import access, messages
from volunteers.models import AccessLog, Area, Household, Learner, Team
from volunteers.vocabulary import LEARNER_VULNERABILITY_FIELDS

from .access_logs import access_log_record
from .codes import random_code

if TYPE_CHECKING:
    from django.contrib.auth.models import User

HOUSEHOLD_CODE_LENGTH = 7  # 35 bits; household cards are scoped by access, not secret


# What household_create and household_update accept, besides the user.
HOUSEHOLD_FIELDS = frozenset({"team", "area", *Household.DETAIL_FIELDS, *Household.CONSENT_FIELDS})


def _check_not_erased(household: Household) -> None:
    if household.erased_at is not None:
        raise ValidationError(messages.HOUSEHOLD_ERASED)


def _check_consent(household: Household) -> None:
    """THE consent rule: personal data only with a consent record (who agreed, to what, when).

    Each missing part of the record gets the same message, so a form or an
    import shows it next to what is missing.
    """
    if not any(getattr(household, name) for name in Household.PERSONAL_FIELDS):
        return
    missing = [name for name in Household.CONSENT_FIELDS if not getattr(household, name)]
    if missing:
        raise ValidationError(
            {
                name: ValidationError(messages.CONSENT_REQUIRED, code="consent_required")
                for name in missing
            }
        )


def _check_team_and_area(user: User, household: Household) -> None:
    if not access.recordable_teams(user).filter(pk=household.team_id).exists():
        raise ValidationError({"team": ValidationError(messages.TEAM_NOT_YOURS, code="team")})
    if not household.area.path.startswith(household.team.area.path):
        raise ValidationError({"area": messages.AREA_OUTSIDE_TEAM})


def _apply(household: Household, fields: dict[str, Any]) -> None:
    unknown = set(fields) - HOUSEHOLD_FIELDS
    if unknown:
        raise TypeError(f"unknown household fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(household, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def household_create(
    *,
    user: User,
    team: Team,
    area: Area,
    code: str | None = None,
    consent_at: datetime.datetime | None = None,
    **fields: Any,
) -> Household:
    """Create a household (with its consent record when it holds personal data); returns it.

    `fields` are the other Household fields: address, head_name, phone, size,
    the vulnerability flags and consent_given_by / consent_scope. `consent_at`
    is when the household agreed (the field app passes now, an import the
    date on the paper form). Raises ValidationError before anything is stored
    when personal data comes without consent (CONSENT_REQUIRED), the team is
    not the user's or the area lies outside the team's area. Without `code`
    a random card code is drawn.
    """
    household = Household(team=team, area=area, consent_at=consent_at)
    _apply(household, fields)
    if consent_at is not None:
        household.consent_recorded_by = user
    _check_team_and_area(user, household)
    _check_consent(household)
    for _attempt in range(5):
        household.code = code.strip() if code else f"H{random_code(HOUSEHOLD_CODE_LENGTH)}"
        household.full_clean(exclude=["code"] if code is None else None)
        try:
            with transaction.atomic():
                household.save()
            return household
        except IntegrityError:
            if code is not None:
                raise
    raise RuntimeError("could not find a free household code")  # pragma: no cover


@transaction.atomic
def household_update(*, user: User, household: Household, **fields: Any) -> Household:
    """Change a household the user may change; returns it.

    The rules of household_create apply to the result. A changed `consent_at`
    records the user as the one who recorded the consent.
    """
    household = access.household_for_user_or_404(user, pk=household.pk, write=True)
    consent_at = household.consent_at
    _apply(household, fields)
    if household.consent_at and household.consent_at != consent_at:
        household.consent_recorded_by = user
    _check_team_and_area(user, household)
    _check_consent(household)
    household.full_clean()
    household.save()
    return household


@transaction.atomic
def learner_add(
    *,
    user: User,
    household: Household,
    name: str,
    birth_year: int | None = None,
    **flags: bool,
) -> Learner:
    """Add a person to a household the user may change; returns the learner.

    `flags` are the learner's vulnerability flags (LEARNER_VULNERABILITY_FIELDS).
    """
    unknown = set(flags) - set(LEARNER_VULNERABILITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown learner flags: {', '.join(sorted(unknown))}")
    household = access.household_for_user_or_404(user, pk=household.pk, write=True)
    _check_not_erased(household)
    if household.consent_at is None:
        raise ValidationError(messages.CONSENT_REQUIRED, code="consent_required")
    learner = Learner(household=household, name=name.strip(), birth_year=birth_year, **flags)
    learner.full_clean()
    learner.save()
    return learner


@transaction.atomic
def household_erase(*, user: User, household: Household) -> Household:
    """Blank the personal fields of a household and its learners; visits and certificates stay.

    Counts (visits, households reached, certifications) do not change; names,
    address, phone, the consenting person and visit notes are removed. Only a
    leader of the household's team may erase (PermissionDenied otherwise;
    Http404 outside the user's scope).
    """
    household = access.household_for_user_or_404(user, pk=household.pk, write=True)
    if not access.can_erase_household(user, household):
        raise PermissionDenied(messages.ERASE_LEADERS_ONLY)
    now = timezone.now()
    for field in (*Household.PERSONAL_FIELDS, "consent_given_by"):
        setattr(household, field, "")
    household.erased_at = now
    household.full_clean()
    household.save()
    household.learners.update(name="", birth_year=None, erased_at=now)
    household.visits.update(notes="")
    access_log_record(user=user, household=household, action=AccessLog.Action.ERASE)
    return household


def household_export(*, user: User, household: Household) -> dict[str, Any]:
    """Everything stored about a household (for the household's own request); logged."""
    household = access.household_for_user_or_404(user, pk=household.pk)
    personal = (*Household.DETAIL_FIELDS, "consent_given_by", "consent_scope")
    data: dict[str, Any] = {field: getattr(household, field) for field in personal}
    data.update(
        area=household.area.name,
        team=household.team.name,
        consent_at=household.consent_at.isoformat() if household.consent_at else None,
        erased_at=household.erased_at.isoformat() if household.erased_at else None,
        learners=[
            {
                "name": learner.name,
                "birth_year": learner.birth_year,
                **{field: getattr(learner, field) for field in LEARNER_VULNERABILITY_FIELDS},
                "certifications": [
                    {
                        "skill": cert.skill.name,
                        "date": cert.certified_on.isoformat(),
                        "code": cert.code,
                        "revoked": cert.revoked_at is not None,
                    }
                    for cert in learner.certifications.all()
                ],
            }
            for learner in household.learners.prefetch_related("certifications__skill")
        ],
        visits=[
            {
                "at": visit.visited_at.isoformat(),
                "minutes": visit.duration_minutes,
                "outcome": visit.outcome,
                "follow_up_on": visit.follow_up_on.isoformat() if visit.follow_up_on else None,
                "satisfaction": visit.satisfaction,
                "notes": visit.notes,
            }
            for visit in household.visits.all()
        ],
    )
    access_log_record(user=user, household=household, action=AccessLog.Action.EXPORT)
    return data
