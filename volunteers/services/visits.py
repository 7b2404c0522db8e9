"""Recording visits: validated, and exactly once per client uuid."""

from __future__ import annotations

import datetime
import uuid as uuid_module
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.signals import m2m_changed
from django.utils import timezone

from volunteers import access, messages
from volunteers.models import Household, Membership, Service, Team, Visit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Phones' clocks drift; a visit a few minutes "ahead" is not in the future.
CLOCK_SKEW = datetime.timedelta(minutes=5)


def visit_errors(
    *,
    visited_at: datetime.datetime | None,
    duration_minutes: int | None,
    outcome: str,
    follow_up_on: datetime.date | None,
    satisfaction: int | None,
    now: datetime.datetime | None = None,
) -> dict[str, list]:
    """The validation errors of a visit, by field (empty dict when valid). Forms reuse it."""
    now = now or timezone.now()
    errors: dict[str, list] = {}
    if visited_at is not None and visited_at > now + CLOCK_SKEW:
        errors.setdefault("visited_at", []).append(messages.VISIT_IN_FUTURE)
    if duration_minutes is None or not 1 <= duration_minutes <= 480:
        errors.setdefault("duration_minutes", []).append(messages.DURATION_OUT_OF_RANGE)
    if outcome == Visit.Outcome.FOLLOW_UP and follow_up_on is None:
        errors.setdefault("follow_up_on", []).append(messages.FOLLOW_UP_REQUIRED)
    if follow_up_on and visited_at and follow_up_on < timezone.localdate(visited_at):
        errors.setdefault("follow_up_on", []).append(messages.FOLLOW_UP_BEFORE_VISIT)
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        errors.setdefault("satisfaction", []).append(messages.SATISFACTION_OUT_OF_RANGE)
    return errors


def visit_record(
    *,
    user: User,
    household: Household,
    uuid: uuid_module.UUID | str,
    visited_at: datetime.datetime,
    duration_minutes: int,
    outcome: str = Visit.Outcome.DONE,
    team: Team | None = None,
    volunteers: Iterable = (),
    skills: Iterable = (),
    services: Iterable[Service] = (),
    lessons: Iterable = (),
    follow_up_on: datetime.date | None = None,
    satisfaction: int | None = None,
    notes: str = "",
    resubmitted_form_counts_once: bool = False,
) -> tuple[Visit, bool]:
    """Record a visit; returns (visit, created).

    Idempotent on `uuid`: a second call with the same uuid (a double tap, a
    retried sync, two at once) returns the stored visit with created=False and changes
    nothing; the unique uuid decides, so a new visit costs no lookup by uuid. The household
    must be one the user may change and not erased; `team` defaults to the household's team
    when the user belongs to it, else their first team.

    `resubmitted_form_counts_once` (the web form): the same user's visit to the household
    with the same content saved minutes ago is this one (Back, then Save again, brings a new
    uuid). The sync API leaves it off: the phone's uuid is the visit, and three visits
    logged offline in one minute are three.
    """
    uuid = uuid if isinstance(uuid, uuid_module.UUID) else uuid_module.UUID(str(uuid))
    household = access.get_visible_or_404(_writable_households, user, pk=household.pk)
    if household.erased_at is not None:
        # Erasure removed who the household is; a new visit would count someone unknown.
        raise ValidationError(messages.HOUSEHOLD_ERASED, code="household_erased")
    if team is None:
        team = access.default_team(user, household)
    if team is None or not access.is_member(user, team):
        raise ValidationError(messages.TEAM_NOT_YOURS, code="team")
    errors = visit_errors(
        visited_at=visited_at,
        duration_minutes=duration_minutes,
        outcome=outcome,
        follow_up_on=follow_up_on,
        satisfaction=satisfaction,
    )
    if errors:
        raise ValidationError(errors)
    skills, services, lessons = list(skills), list(services), list(lessons)
    if resubmitted_form_counts_once:
        twin = _just_saved_twin(
            user,
            household,
            team=team,
            visited_at=visited_at,
            duration_minutes=duration_minutes,
            outcome=outcome,
            notes=notes,
            skills=skills,
            services=services,
        )
        if twin is not None:
            return twin, False
    visit = Visit(
        uuid=uuid,
        household=household,
        team=team,
        recorded_by=user,
        visited_at=visited_at,
        duration_minutes=duration_minutes,
        outcome=outcome,
        follow_up_on=follow_up_on,
        satisfaction=satisfaction,
        notes=notes.strip(),
    )
    # The household, team and recorder were just read (and checked): full_clean need not
    # query each foreign key again.
    visit.full_clean(exclude=["household", "team", "recorded_by"], validate_unique=False)
    # Only members of the visit's team can have been present (plus the recorder).
    present = {user.pk}
    others = {getattr(v, "pk", v) for v in volunteers} - present
    if others:
        present.update(
            Membership.objects.filter(team=team, user__in=others).values_list("user_id", flat=True)
        )
    try:
        # The visit and its links, all or nothing (the checks above only read).
        with transaction.atomic():
            visit.save()
            _link_new(visit, "volunteers", present)
            _link_new(visit, "skills", skills)
            _link_new(visit, "services", services)
            _link_new(visit, "lessons", lessons)
    except IntegrityError:
        # This uuid is stored already (a repeat, or another request won the race): its visit.
        existing = Visit.objects.filter(uuid=uuid).first()
        if existing is None:
            raise
        return _existing(existing, household), False
    return visit, True


def _link_new(visit: Visit, name: str, targets: Iterable) -> None:
    """Link a visit saved just now to `targets` through its many-to-many `name`, in one INSERT.

    add() first reads which of the links exist; a new visit has none, so that read is skipped.
    m2m_changed is sent as add() sends it: its receivers (the rollups) see the same.
    """
    pks = {getattr(target, "pk", target) for target in targets}
    if not pks:
        return
    manager = getattr(visit, name)
    through = manager.through
    signal = {
        "sender": through,
        "instance": visit,
        "reverse": False,
        "model": manager.model,
        "pk_set": pks,
        "using": manager.db,
    }
    m2m_changed.send(action="pre_add", **signal)
    through.objects.using(manager.db).bulk_create(
        [
            through(**{manager.source_field.attname: visit.pk, manager.target_field.attname: pk})
            for pk in pks
        ]
    )
    m2m_changed.send(action="post_add", **signal)


def _writable_households(user: User):
    """The households the user may change, with just what recording a visit reads."""
    return (
        access.editable_households(user)
        .select_related("team")
        .only("id", "team_id", "area_id", "erased_at", "team__id", "team__name", "team__area_id")
    )


# A second save of the same visit from the form under a new id (Back, then Save again: the
# page is fetched anew with a new uuid, the browser refills what was typed) counts once.
TWIN_WINDOW = datetime.timedelta(minutes=10)


def _just_saved_twin(user, household, *, team, visited_at, skills, services, **fields):
    """The same user's visit to the household with the same content (team, outcome, duration,
    notes, skills and services) saved minutes ago, if any: a changed field is a visit of its own,
    so nothing the volunteer changed on the refilled form is dropped."""
    if visited_at is None:
        return None
    fields["notes"] = fields["notes"].strip()
    candidates = Visit.objects.filter(
        household=household,
        team=team,
        recorded_by=user,
        visited_at__gte=visited_at - TWIN_WINDOW,
        visited_at__lte=visited_at + TWIN_WINDOW,
        created_at__gte=timezone.now() - TWIN_WINDOW,
        **fields,
    ).order_by("pk")
    wanted = ({getattr(s, "pk", s) for s in skills}, {getattr(s, "pk", s) for s in services})
    for candidate in candidates[:3]:  # rare: only a resubmission finds any
        has = (
            set(candidate.skills.values_list("pk", flat=True)),
            set(candidate.services.values_list("pk", flat=True)),
        )
        if has == wanted:
            return candidate
    return None


def _existing(visit: Visit, household: Household) -> Visit:
    if visit.household_id != household.pk:
        raise ValidationError(messages.VISIT_ID_REUSED, code="uuid_reused")
    return visit
