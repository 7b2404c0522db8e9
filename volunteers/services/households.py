"""Households and learners: creation and changes under the consent rule, erasure, export."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from volunteers import access, messages
from volunteers.models import (
    AccessLog,
    Area,
    Certification,
    CoordinationLogEntry,
    Household,
    Learner,
    Team,
    Visit,
)
from volunteers.vocabulary import LEARNER_VULNERABILITY_FIELDS

from .access_logs import access_log_record
from .codes import random_code
from .mentors import mentor_invitations_erase

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

HOUSEHOLD_CODE_LENGTH = 7  # 35 bits; household cards are scoped by access, not secret

CONSENT_WITHDRAW_LEADERS_ONLY = _(
    "Only a leader of the household's team can record that its consent was withdrawn."
)

# Sent (after commit) when a household's personal data is gone, by erasure,
# withdrawn consent or retention: `household` (fresh, erased), `area_path`.
# Upper layers holding copies of personal data (reports: name-bearing
# workbooks) listen and remove theirs; this layer never imports them.
household_erased = Signal()


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


def household_consent_check(household: Household) -> None:
    """The consent rule on an unsaved household: raises its ValidationError, by field.

    A form calls it to show a missing consent beside its other errors at once;
    household_create applies the same rule again before saving.
    """
    _check_consent(household)


def _check_team_and_area(user: User, household: Household) -> None:
    if not access.recordable_teams(user).filter(pk=household.team_id).exists():
        raise ValidationError({"team": ValidationError(messages.TEAM_NOT_YOURS, code="team")})
    if not household.area.path.startswith(household.team.area.path):
        raise ValidationError({"area": messages.AREA_OUTSIDE_TEAM})


def _check_area_is_smallest(household: Household) -> None:
    """THE village rule: a household lives in an area without sub-areas (a village).

    Where the chosen area has villages (or any areas below it), one of them
    must be chosen, so households never land "directly in the commune" and
    village figures stay whole. Every path (field form, admin, import, sync
    API) gets it from household_create and household_update.
    """
    if Area.objects.filter(
        path__startswith=household.area.path, depth=household.area.depth + 1
    ).exists():
        raise ValidationError(
            {
                "area": ValidationError(
                    messages.AREA_NEEDS_VILLAGE,
                    code="village_required",
                    params={"area": household.area.name},
                )
            }
        )


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
    not the user's, the area lies outside the team's area, or the area has
    villages below it (AREA_NEEDS_VILLAGE: choose one of them). Without
    `code` a random card code is drawn.
    """
    household = Household(team=team, area=area, consent_at=consent_at)
    _apply(household, fields)
    if consent_at is not None:
        household.consent_recorded_by = user
    _check_team_and_area(user, household)
    _check_area_is_smallest(household)
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
    consent_at, area_id = household.consent_at, household.area_id
    _apply(household, fields)
    if household.consent_at and household.consent_at != consent_at:
        household.consent_recorded_by = user
    _check_team_and_area(user, household)
    if household.area_id != area_id:  # a household registered before the rule keeps its area
        _check_area_is_smallest(household)
    _check_consent(household)
    if household.erased_at is not None and household.consent_at is not None:
        # Erasure removed the consent record, so this is a new consent: the
        # household may hold personal data again.
        household.erased_at = None
    household.full_clean()
    household.save()
    changed = sorted(name for name in fields if name in Household.PERSONAL_FIELDS)
    access_log_record(
        user=user, household=household, action=AccessLog.Action.CHANGE, detail=" ".join(changed)
    )
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
    access_log_record(
        user=user, household=household, action=AccessLog.Action.CHANGE, detail="learner added"
    )
    return learner


LEARNER_FIELDS = frozenset({"name", "birth_year", *LEARNER_VULNERABILITY_FIELDS})


@transaction.atomic
def learner_update(*, user: User, learner: Learner, **fields: Any) -> Learner:
    """Change a learner the user may change (the admin's edit screen); returns it.

    The household's consent rule applies: a household without a consent
    record (never given, erased or withdrawn) gets no name back
    (CONSENT_REQUIRED) until it consents again.
    """
    unknown = set(fields) - LEARNER_FIELDS
    if unknown:
        raise TypeError(f"unknown learner fields: {', '.join(sorted(unknown))}")
    learner = access.get_visible_or_404(access.editable_learners, user, pk=learner.pk)
    for name, value in fields.items():
        setattr(learner, name, value.strip() if isinstance(value, str) else value)
    if learner.name or learner.birth_year:
        household = learner.household
        if household.consent_at is None or household.erased_at is not None:
            raise ValidationError(
                {"name": ValidationError(messages.CONSENT_REQUIRED, code="consent_required")}
            )
        learner.erased_at = None
    learner.full_clean()
    learner.save()
    access_log_record(
        user=user, household=learner.household, action=AccessLog.Action.CHANGE, detail="learner"
    )
    return learner


def _remove_personal_data(household: Household, *, now: datetime.datetime) -> None:
    """Blank every personal value of `household` and its learners, in every column.

    The household's own fields and consent record, its learners' names and
    birth years (and who consented on their mentor invitations), its visits' notes, its certificates' revocation reasons, and
    the labels and data of Wagtail's admin log entries about any of them.
    Vulnerability flags, sizes, dates and codes stay: the counts do not change.
    """
    for field in (*Household.PERSONAL_FIELDS, "consent_given_by", "consent_scope"):
        setattr(household, field, "")
    # Without a consent record, personal data needs a new consent (_check_consent).
    household.consent_at = None
    household.consent_recorded_by = None
    household.erased_at = now
    household.full_clean()
    household.save()
    household.learners.update(name="", birth_year=None, erased_at=now)
    mentor_invitations_erase(learners=household.learners.all())  # who consented to mentor
    household.visits.update(notes="")
    Certification.objects.filter(learner__household=household).update(revoked_reason="")
    _scrub_admin_logs(household)


def _scrub_admin_logs(household: Household) -> None:
    """Wagtail log entries about the household and what hangs off it: label = code, no data.

    Both log tables: entries made before CoordinationLogEntry existed live in
    ModelLogEntry.
    """
    targets: dict[type[models.Model], list[int]] = {
        Household: [household.pk],
        Learner: list(household.learners.values_list("pk", flat=True)),
        Visit: list(household.visits.values_list("pk", flat=True)),
        Certification: list(
            Certification.objects.filter(learner__household=household).values_list("pk", flat=True)
        ),
    }
    for model, pks in targets.items():
        if not pks:
            continue
        content_type = ContentType.objects.get_for_model(model)
        labels = {str(obj.pk): str(obj) for obj in model._default_manager.filter(pk__in=pks)}
        for log_model in (CoordinationLogEntry, ModelLogEntry):
            entries = log_model.objects.filter(content_type=content_type, object_id__in=labels)
            for object_id, label in labels.items():
                entries.filter(object_id=object_id).update(label=label, data={})


def _after_erasure(household: Household) -> None:
    """After commit: tell upper layers, and push the freed pages out of SQLite's WAL file."""

    def done() -> None:
        fresh = Household.objects.select_related("area").get(pk=household.pk)
        household_erased.send(sender=Household, household=fresh, area_path=fresh.area.path)
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # secure_delete zeroes freed pages in the database; the WAL still
            # holds old copies until a checkpoint. Best effort: readers may delay it.
            try:
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except DatabaseError:
                logger.warning("WAL checkpoint after an erasure was not possible now")

    transaction.on_commit(done)


@transaction.atomic
def household_erase(*, user: User, household: Household) -> Household:
    """Remove every personal value of a household and its learners; visits and certificates stay.

    Counts (visits, households reached, certifications) do not change; names,
    address, phone, the consent record, visit notes, revocation reasons and the
    admin log labels are removed, and workbooks carrying names are removed or
    rebuilt (``household_erased``). New personal data needs a new consent.
    Only a leader of the household's team may erase (PermissionDenied
    otherwise; Http404 outside the user's scope).
    """
    household = access.household_for_user_or_404(user, pk=household.pk, write=True)
    if not access.can_erase_household(user, household):
        raise PermissionDenied(messages.ERASE_LEADERS_ONLY)
    _remove_personal_data(household, now=timezone.now())
    access_log_record(user=user, household=household, action=AccessLog.Action.ERASE)
    _after_erasure(household)
    return household


@transaction.atomic
def household_consent_withdraw(*, user: User, household: Household) -> Household:
    """Record that the household withdrew its consent: what it covered is removed, as by erasure.

    The consent covered the household's and its learners' personal data, so
    all of it goes (the same removal as ``household_erase``); a new consent
    is needed before any is stored again. Leaders of its team only.
    """
    household = access.household_for_user_or_404(user, pk=household.pk, write=True)
    if not access.can_withdraw_consent(user, household):
        raise PermissionDenied(CONSENT_WITHDRAW_LEADERS_ONLY)
    _remove_personal_data(household, now=timezone.now())
    access_log_record(user=user, household=household, action=AccessLog.Action.WITHDRAW)
    _after_erasure(household)
    return household


def _past_retention(now: datetime.datetime) -> QuerySet[Household]:
    cutoff = now - datetime.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    named_learners = Learner.objects.filter(household=OuterRef("pk"), erased_at__isnull=True)
    recent_visits = Visit.objects.filter(household=OuterRef("pk"), visited_at__gte=cutoff)
    recent_certificates = Certification.objects.filter(
        learner__household=OuterRef("pk"), created_at__gte=cutoff
    )
    return (
        Household.objects.filter(erased_at__isnull=True, updated_at__lt=cutoff)
        .filter(~Q(head_name="") | ~Q(address="") | ~Q(phone="") | Exists(named_learners))
        .exclude(Exists(recent_visits))
        .exclude(Exists(recent_certificates))
    )


def households_past_retention(*, now: datetime.datetime | None = None) -> list[int]:
    """Ids of households holding personal data, inactive longer than PERSONAL_DATA_RETENTION_DAYS.

    Inactive: neither the household (or its consent) changed, nor a visit or a
    certificate was made, since the cut-off.
    """
    return list(_past_retention(now or timezone.now()).values_list("pk", flat=True))


def household_anonymise_for_retention(
    *, household_id: int, now: datetime.datetime | None = None
) -> bool:
    """Anonymise one household past the retention period (the scheduled task); True if done.

    Checked again inside the transaction, so a visit logged meanwhile keeps it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        household = _past_retention(now).select_for_update().filter(pk=household_id).first()
        if household is None:
            return False
        _remove_personal_data(household, now=now)
        access_log_record(
            user=None,
            household=household,
            action=AccessLog.Action.ERASE,
            detail=f"retention {settings.PERSONAL_DATA_RETENTION_DAYS} days",
        )
        _after_erasure(household)
    return True


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
