"""Households and learners: registration with consent, erasure, export."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from volunteers import access, messages
from volunteers.models import AccessLog, Area, Household, Learner, Team
from volunteers.vocabulary import LEARNER_VULNERABILITY_FIELDS, VULNERABILITY_FIELDS

from .access_logs import access_log_record
from .codes import random_code

HOUSEHOLD_CODE_LENGTH = 7  # 35 bits; household cards are scoped by access, not secret


def _check_not_erased(household: Household) -> None:
    if household.erased_at is not None:
        raise ValidationError(messages.HOUSEHOLD_ERASED)


@transaction.atomic
def household_register(
    *,
    user,
    team: Team,
    area: Area,
    head_name: str,
    consent_given_by: str,
    consent_scope: str,
    consent_confirmed: bool,
    address: str = "",
    phone: str = "",
    size: int = 1,
    is_elderly: bool = False,
    has_disability: bool = False,
    is_low_income: bool = False,
    is_ethnic_minority: bool = False,
    code: str | None = None,
) -> Household:
    """Create a household with its consent record; returns it.

    Raises ValidationError (CONSENT_REQUIRED) before anything is stored when
    consent is not confirmed or does not say who agreed and to what.
    """
    if not (consent_confirmed and consent_given_by.strip() and consent_scope.strip()):
        raise ValidationError(messages.CONSENT_REQUIRED, code="consent_required")
    if not access.recordable_teams(user).filter(pk=team.pk).exists():
        raise ValidationError(messages.TEAM_NOT_YOURS, code="team")
    if not area.path.startswith(team.area.path):
        raise ValidationError({"area": messages.AREA_OUTSIDE_TEAM})
    household = Household(
        team=team,
        area=area,
        head_name=head_name.strip(),
        address=address.strip(),
        phone=phone.strip(),
        size=size,
        is_elderly=is_elderly,
        has_disability=has_disability,
        is_low_income=is_low_income,
        is_ethnic_minority=is_ethnic_minority,
        consent_given_by=consent_given_by.strip(),
        consent_scope=consent_scope.strip(),
        consent_at=timezone.now(),
        consent_recorded_by=user,
    )
    for _attempt in range(5):
        household.code = code or f"H{random_code(HOUSEHOLD_CODE_LENGTH)}"
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
def learner_add(
    *,
    user,
    household: Household,
    name: str,
    birth_year: int | None = None,
    is_elderly: bool = False,
    has_disability: bool = False,
) -> Learner:
    """Add a person to a household the user may change; returns the learner."""
    household = access.household_for_user_or_404(user, pk=household.pk, write=True)
    _check_not_erased(household)
    if household.consent_at is None:
        raise ValidationError(messages.CONSENT_REQUIRED, code="consent_required")
    learner = Learner(
        household=household,
        name=name.strip(),
        birth_year=birth_year,
        is_elderly=is_elderly,
        has_disability=has_disability,
    )
    learner.full_clean()
    learner.save()
    return learner


@transaction.atomic
def household_erase(*, user, household: Household) -> Household:
    """Blank the personal fields of a household and its learners; visits and certificates stay.

    Counts (visits, households reached, certifications) do not change; names,
    address, phone, the consenting person and visit notes are removed.
    """
    household = access.household_for_user_or_404(user, pk=household.pk, write=True)
    now = timezone.now()
    for field in ("address", "head_name", "phone", "consent_given_by"):
        setattr(household, field, "")
    household.erased_at = now
    household.full_clean()
    household.save()
    household.learners.update(name="", birth_year=None, erased_at=now)
    household.visits.update(notes="")
    access_log_record(user=user, household=household, action=AccessLog.Action.ERASE)
    return household


def household_export(*, user, household: Household) -> dict[str, Any]:
    """Everything stored about a household (for the household's own request); logged."""
    household = access.household_for_user_or_404(user, pk=household.pk)
    personal = (
        "code",
        "address",
        "head_name",
        "phone",
        "size",
        *VULNERABILITY_FIELDS,
        "consent_given_by",
        "consent_scope",
    )
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
