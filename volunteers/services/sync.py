"""Applying the offline field app's outbox items: exactly once, through the forms' services.

``batch_apply`` is the one place an item from a phone becomes a visit, a
household, a learner or a certificate. It calls the same services as the
forms (``visit_record``, ``household_create``, ``learner_add``,
``certification_issue``), so no second set of rules exists; this module only
finds the objects an item names and turns the services' refusals into reason
codes the phone shows.

Exactly once: every item's ``client_id`` is claimed in the ledger
(``SyncItem``, unique) inside the batch's transaction, before its object is
made, and the claims are taken in client_id order so two racing batches
never deadlock: the later one waits for the first to commit, then finds the
stored rows and answers ``duplicate`` (or ``conflict``). A visit's client_id
is its ``Visit.uuid``, so a form post and an item for the same visit are one
visit.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from courses.models import Skill
from volunteers import access, messages
from volunteers.models import (
    Household,
    HouseholdDeparture,
    Learner,
    Service,
    SyncDevice,
    SyncItem,
    Visit,
)

from .certifications import certification_issue
from .households import household_create, learner_add
from .visits import visit_record

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Reason codes (docs/sync-api.md lists them with their meaning).
HOUSEHOLD_ERASED = "household_erased"
HOUSEHOLD_MOVED = "household_moved"
NOT_IN_TEAM = "not_in_team"
INVALID = "invalid"
ALREADY_CERTIFIED = "already_certified"
LEARNER_ERASED = "learner_erased"
PARENT_REJECTED = "parent_rejected"
PARENT_UNKNOWN = "parent_unknown"
CONTENT_DIFFERS = "content_differs"
CLIENT_ID_TAKEN = "client_id_taken"
VISIT_OTHER_HOUSEHOLD = "visit_other_household"

MSG_HOUSEHOLD_MOVED = _("This household now belongs to another team, so the item was not saved.")
MSG_NOT_IN_TEAM = _(
    "This is not one of your teams' households (or you are no longer in its team), "
    "so the item was not saved."
)
MSG_INVALID = _("Some fields are not valid: correct them and send again.")
MSG_PARENT_REJECTED = _(
    "Its household or learner was refused: correct that one first, then send both again."
)
MSG_PARENT_UNKNOWN = _("Its household or learner has not reached the server yet: send it first.")
MSG_CONTENT_DIFFERS = _(
    "An item with this id was already saved with other content; nothing was overwritten."
)
MSG_CLIENT_ID_TAKEN = _(
    "This item's id is already used by another person's item; nothing was saved."
)
MSG_UNKNOWN_SKILL = _("Unknown skill.")
MSG_UNKNOWN_SERVICE = _("Unknown service.")
MSG_UNKNOWN_AREA = _("Choose an area your team serves.")

# Field names of the services' errors, as the phone names them in an item's data.
FIELD_NAMES = {
    "team": "team_id",
    "area": "area_id",
    "consent_at": "consent",
    "ticked": "checklist",
    "skills": "skill_ids",
    "services": "service_codes",
    "household": "household_id",
    "learner": "learner_id",
    "skill": "skill_id",
    "uuid": "client_id",
}
# ValidationError codes of the services that are not "a field is wrong".
SERVICE_CODES = {
    "team": NOT_IN_TEAM,
    "household_erased": HOUSEHOLD_ERASED,
    "duplicate": ALREADY_CERTIFIED,
    "uuid_reused": VISIT_OTHER_HOUSEHOLD,
}
REFUSALS_SHOWN_DAYS = 30


class Refused(Exception):
    """An item the server will not store: `code` and a translated `message`."""

    def __init__(self, code: str, message: Any, errors: dict[str, list[str]] | None = None):
        super().__init__(code)
        self.code = code
        self.message = message
        self.errors = errors or {}


@dataclass
class Applied:
    """What an applied item made: the ledger's object columns."""

    object_id: int
    code: str = ""
    url: str = ""
    team_id: int | None = None
    existed: bool = False  # a visit the form had already stored under this uuid


@dataclass
class BatchItem:
    """One outbox item, its `data` already checked for shape by the API's schema."""

    client_id: uuid_module.UUID
    kind: str
    made_at: datetime.datetime
    data: dict[str, Any]
    content_hash: str = field(default="")

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.kind, self.data)


def content_hash(kind: str, data: dict[str, Any]) -> str:
    """sha256 over the kind and data: same content, same hash (key order and defaults aside)."""
    text = json.dumps({"kind": kind, "data": data}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _result(item: BatchItem, status: str, **extra: Any) -> dict[str, Any]:
    return {"client_id": str(item.client_id), "status": status, **extra}


def _object(row: SyncItem) -> dict[str, Any]:
    return {"id": row.object_id, "code": row.object_code, "url": row.object_url}


# --- finding what an item names ------------------------------------------------


def _household_refusal(user: User, household_id: int) -> Refused:
    """Why `household_id` cannot be written: moved away from the user's team, or not theirs.

    An id that does not exist, or never was the user's, gets the same answer
    as another team's household, so ids cannot be probed.
    """
    moved = HouseholdDeparture.objects.filter(
        household_id=household_id, team__in=access.offline_teams(user)
    ).exists()
    if moved:
        return Refused(HOUSEHOLD_MOVED, MSG_HOUSEHOLD_MOVED)
    return Refused(NOT_IN_TEAM, MSG_NOT_IN_TEAM)


def _parent_id(user: User, data: dict[str, Any], name: str, kind: str, made: dict) -> int:
    """The id of the parent (`name`: "household" or "learner") an item refers to.

    By `<name>_id`, or by `<name>_client_id`: one made earlier in this batch
    (`made`), or stored from an earlier batch.
    """
    parent_id = data.get(f"{name}_id")
    client_id = data.get(f"{name}_client_id")
    if (parent_id is None) == (client_id is None):
        raise Refused(
            INVALID,
            MSG_INVALID,
            {f"{name}_id": [str(_("Give either the id or the client id, not both."))]},
        )
    if parent_id is not None:
        return parent_id
    key = uuid_module.UUID(str(client_id))
    if key in made:
        if made[key] is None:
            raise Refused(PARENT_REJECTED, MSG_PARENT_REJECTED)
        return made[key]
    row = SyncItem.objects.filter(client_id=key, kind=kind, user=user).first()
    if row is None or row.status == SyncItem.Status.PENDING:
        raise Refused(PARENT_UNKNOWN, MSG_PARENT_UNKNOWN)
    if row.status == SyncItem.Status.REJECTED or row.object_id is None:
        raise Refused(PARENT_REJECTED, MSG_PARENT_REJECTED)
    return row.object_id


def _writable_household(user: User, household_id: int) -> Household:
    household = access.editable_households(user).filter(pk=household_id).first()
    if household is None:
        raise _household_refusal(user, household_id)
    if household.erased_at is not None:
        raise Refused(HOUSEHOLD_ERASED, messages.HOUSEHOLD_ERASED)
    return household


def _skills():
    """Skills as visits and certificates name them: the default language's rows (as the forms)."""
    return Skill.objects.filter(locale=Locale.get_default())


def _household_url(household_id: int) -> str:
    return reverse("volunteers:household", args=[household_id])


# --- applying each kind ----------------------------------------------------------


def _apply_visit(user: User, item: BatchItem, made: dict) -> Applied:
    data = item.data
    household_id = _parent_id(user, data, "household", SyncItem.Kind.HOUSEHOLD, made)
    team = None
    if data.get("team_id") is not None:
        team = access.recordable_teams(user).filter(pk=data["team_id"]).first()
        if team is None:
            raise Refused(NOT_IN_TEAM, MSG_NOT_IN_TEAM)
    skill_ids = set(data.get("skill_ids") or ())
    skills = list(_skills().filter(pk__in=skill_ids)) if skill_ids else []
    codes = set(data.get("service_codes") or ())
    services = list(Service.objects.filter(code__in=codes)) if codes else []
    errors: dict[str, list[str]] = {}
    if len(skills) != len(skill_ids):
        errors["skill_ids"] = [str(MSG_UNKNOWN_SKILL)]
    if len(services) != len(codes):
        errors["service_codes"] = [str(MSG_UNKNOWN_SERVICE)]
    if errors:
        raise Refused(INVALID, MSG_INVALID, errors)
    try:
        # visit_record reads the household in the user's scope (and refuses an erased one).
        visit, created = _record_visit(user, item, household_id, team, skills, services)
    except Http404:
        raise _household_refusal(user, household_id) from None
    return Applied(
        object_id=visit.pk,
        url=_household_url(household_id),
        team_id=visit.team_id,
        existed=not created,
    )


def _record_visit(user, item: BatchItem, household_id: int, team, skills, services):
    data = item.data
    return visit_record(
        user=user,
        household=Household(pk=household_id),
        uuid=item.client_id,
        visited_at=data["visited_at"],
        duration_minutes=data.get("duration_minutes"),  # type: ignore[arg-type]
        outcome=data.get("outcome") or Visit.Outcome.DONE,
        team=team,
        volunteers=data.get("volunteer_ids") or (),
        skills=skills,
        services=services,
        follow_up_on=data.get("follow_up_on"),
        satisfaction=data.get("satisfaction"),
        notes=data.get("notes") or "",
    )


def _apply_household(user: User, item: BatchItem, made: dict) -> Applied:
    data = dict(item.data)
    team = (
        access.recordable_teams(user).filter(pk=data.pop("team_id")).select_related("area").first()
    )
    if team is None:
        raise Refused(NOT_IN_TEAM, MSG_NOT_IN_TEAM)
    area = access.recordable_areas(user).filter(pk=data.pop("area_id")).first()
    if area is None:
        raise Refused(INVALID, MSG_INVALID, {"area_id": [str(MSG_UNKNOWN_AREA)]})
    consent = data.pop("consent", False)
    consent_at = min(item.made_at, timezone.now()) if consent else None
    household = household_create(user=user, team=team, area=area, consent_at=consent_at, **data)
    return Applied(
        object_id=household.pk,
        code=household.code,
        url=_household_url(household.pk),
        team_id=team.pk,
    )


def _apply_learner(user: User, item: BatchItem, made: dict) -> Applied:
    data = dict(item.data)
    household = _writable_household(
        user, _parent_id(user, data, "household", SyncItem.Kind.HOUSEHOLD, made)
    )
    data.pop("household_id", None)
    data.pop("household_client_id", None)
    learner = learner_add(user=user, household=household, **data)
    return Applied(
        object_id=learner.pk, url=_household_url(household.pk), team_id=household.team_id
    )


def _checklist_in_default_language(skill: Skill, ticked: list[str]) -> list[str]:
    """The ticked items as the skill's own (default-language) items, when the phone showed a
    translation of the skill and all of that translation's items are ticked."""
    if set(skill.checklist_items) <= set(ticked):
        return ticked
    for translation in Skill.objects.filter(translation_key=skill.translation_key):
        items = translation.checklist_items
        if items and set(items) <= set(ticked):
            return list(skill.checklist_items)
    return ticked


def _apply_certification(user: User, item: BatchItem, made: dict) -> Applied:
    data = item.data
    learner_id = _parent_id(user, data, "learner", SyncItem.Kind.LEARNER, made)
    learner = access.editable_learners(user).filter(pk=learner_id).first()
    if learner is None:
        household_id = Learner.objects.filter(pk=learner_id).values_list("household_id", flat=True)
        raise _household_refusal(user, household_id.first() or 0)
    _writable_household(user, learner.household_id)
    skill = _skills().filter(pk=data["skill_id"]).first()
    if skill is None:
        raise Refused(INVALID, MSG_INVALID, {"skill_id": [str(MSG_UNKNOWN_SKILL)]})
    certification = certification_issue(
        user=user,
        learner=learner,
        skill=skill,
        ticked=_checklist_in_default_language(skill, list(data.get("checklist") or ())),
        certified_on=data.get("certified_on"),
    )
    return Applied(
        object_id=certification.pk,
        code=certification.code,
        url=reverse("volunteers:certificate", args=[certification.pk]),
        team_id=certification.team_id,
    )


APPLY: dict[str, Callable[[Any, BatchItem, dict], Applied]] = {
    SyncItem.Kind.VISIT: _apply_visit,
    SyncItem.Kind.HOUSEHOLD: _apply_household,
    SyncItem.Kind.LEARNER: _apply_learner,
    SyncItem.Kind.CERTIFICATION: _apply_certification,
}


def _refusal_from(error: ValidationError) -> Refused:
    """A service's ValidationError as a reason code, with field errors named as in `data`."""
    fields: dict[str, list[str]] = {}
    codes: list[str | None] = []
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            key = FIELD_NAMES.get(name, name)
            for each in errors:
                codes.append(each.code)
                fields.setdefault(key, []).extend(str(m) for m in each.messages)
    else:
        for each in error.error_list:
            codes.append(each.code)
            fields.setdefault("__all__", []).extend(str(m) for m in each.messages)
    for code in codes:
        if code in SERVICE_CODES:
            reason = SERVICE_CODES[code]
            message = {NOT_IN_TEAM: MSG_NOT_IN_TEAM}.get(reason) or " ".join(
                m for ms in fields.values() for m in ms
            )
            return Refused(reason, message)
    all_messages = [m for ms in fields.values() for m in ms]
    if all_messages == [str(messages.LEARNER_ERASED)]:
        return Refused(LEARNER_ERASED, messages.LEARNER_ERASED)
    if all_messages == [str(messages.HOUSEHOLD_ERASED)]:
        return Refused(HOUSEHOLD_ERASED, messages.HOUSEHOLD_ERASED)
    return Refused(INVALID, MSG_INVALID, fields)


def _apply_one(user: User, item: BatchItem, made: dict) -> Applied:
    """Apply one item, all of it or nothing; raises Refused.

    No savepoint of its own: each `_apply_*` only reads before it calls its service, and each
    service writes all or nothing (visit_record's writes in a savepoint, the others are
    atomic), so a refused item leaves nothing behind and the batch goes on.
    """
    try:
        return APPLY[item.kind](user, item, made)
    except ValidationError as error:
        raise _refusal_from(error) from error
    except Http404 as error:  # a service's own scope check
        raise Refused(NOT_IN_TEAM, MSG_NOT_IN_TEAM) from error


# --- the batch ----------------------------------------------------------------


def _claim(user: User, device_id: uuid_module.UUID, items: list[BatchItem], batch_id) -> dict:
    """Claim every new client_id of the batch (in client_id order); returns the ledger rows.

    Rows whose `batch_id` is ours are claims this batch made; any other row was
    stored earlier (committed) and is locked until the batch ends.
    """
    first: dict[uuid_module.UUID, BatchItem] = {}
    for item in items:
        first.setdefault(item.client_id, item)
    now = timezone.now()
    SyncItem.objects.bulk_create(
        [
            SyncItem(
                client_id=client_id,
                kind=first[client_id].kind,
                content_hash=first[client_id].content_hash,
                status=SyncItem.Status.PENDING,
                user=user,
                device_id=device_id,
                made_at=first[client_id].made_at,
                batch_id=batch_id,
                created_at=now,
                updated_at=now,
            )
            for client_id in sorted(first)
        ],
        ignore_conflicts=True,
    )
    rows = SyncItem.objects.select_for_update().filter(client_id__in=list(first))
    return {row.client_id: row for row in rows.order_by("client_id")}


def _answer_stored(user: User, item: BatchItem, row: SyncItem) -> dict[str, Any]:
    """The answer for an item whose client_id is already stored."""
    if row.user_id != user.pk:
        return _result(item, "conflict", code=CLIENT_ID_TAKEN, message=str(MSG_CLIENT_ID_TAKEN))
    if row.status == SyncItem.Status.REJECTED and row.content_hash == item.content_hash:
        return _result(item, "rejected", code=row.code, message=row.message, errors=row.errors)
    if row.content_hash != item.content_hash or row.kind != item.kind:
        return _result(
            item,
            "conflict",
            code=CONTENT_DIFFERS,
            message=str(MSG_CONTENT_DIFFERS),
            object=_object(row),
        )
    return _result(item, "duplicate", object=_object(row))


# The ledger columns an applied or refused item sets (written for the batch at once).
STORED_FIELDS = [
    "kind",
    "content_hash",
    "made_at",
    "device_id",
    "batch_id",
    "status",
    "code",
    "message",
    "errors",
    "object_id",
    "object_code",
    "object_url",
    "team",
    "updated_at",
]


def _store(row: SyncItem, item: BatchItem, batch_id, device_id, **fields: Any) -> None:
    """Set the ledger row of an applied or refused item; `_write_ledger` stores it."""
    fields.update(
        kind=item.kind,
        content_hash=item.content_hash,
        made_at=item.made_at,
        device_id=device_id,
        batch_id=batch_id,
    )
    for name, value in fields.items():
        setattr(row, name, value)


def _write_ledger(rows: list[SyncItem]) -> None:
    """Store the batch's ledger rows in one statement: each client_id is claimed already, so
    the upsert updates the claimed rows in place (their id and created_at kept)."""
    if not rows:
        return
    SyncItem.objects.bulk_create(
        [
            SyncItem(
                client_id=row.client_id,
                user_id=row.user_id,
                created_at=row.created_at,
                team_id=row.team_id,
                **{name: getattr(row, name) for name in STORED_FIELDS if name != "team"},
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["client_id"],
        update_fields=STORED_FIELDS,
    )


def batch_apply(
    *, user: User, device_id: uuid_module.UUID, items: list[BatchItem]
) -> list[dict[str, Any]]:
    """Apply a phone's outbox items in order; returns one result per item (docs/sync-api.md).

    One transaction: the results, the ledger rows and the objects commit
    together. A refused item is kept in the ledger (its reason shown to the
    team's leader) and may be resent under the same client_id.
    """
    batch_id = uuid_module.uuid4()
    results: list[dict[str, Any]] = []
    refused = 0
    with transaction.atomic():
        rows = _claim(user, device_id, items, batch_id)
        made: dict[uuid_module.UUID, int | None] = {}  # client_id -> object id (None: refused)
        for item in items:
            row = rows[item.client_id]
            if item.client_id in made or (
                row.batch_id != batch_id
                and not (row.status == SyncItem.Status.REJECTED and row.user_id == user.pk)
            ):
                results.append(_answer_stored(user, item, row))
                continue
            try:
                applied = _apply_one(user, item, made)
            except Refused as refusal:
                refused += 1
                made[item.client_id] = None
                _store(
                    row,
                    item,
                    batch_id,
                    device_id,
                    status=SyncItem.Status.REJECTED,
                    code=refusal.code,
                    message=str(refusal.message)[:500],
                    errors=refusal.errors,
                )
                status = "conflict" if refusal.code == VISIT_OTHER_HOUSEHOLD else "rejected"
                result = _result(item, status, code=refusal.code, message=str(refusal.message))
                if refusal.errors:
                    result["errors"] = refusal.errors
                results.append(result)
                continue
            made[item.client_id] = applied.object_id
            _store(
                row,
                item,
                batch_id,
                device_id,
                status=SyncItem.Status.CREATED,
                code="",
                message="",
                errors={},
                object_id=applied.object_id,
                object_code=applied.code,
                object_url=applied.url,
                team_id=applied.team_id,
            )
            results.append(
                _result(item, "duplicate" if applied.existed else "created", object=_object(row))
            )
        _write_ledger([rows[client_id] for client_id in made])
    device_synced(user=user, device_id=device_id, sent=len(items), refused=refused)
    return results


def device_synced(
    *, user: User, device_id: uuid_module.UUID | None, sent: int = 0, refused: int = 0
) -> None:
    """Record a successful sync of the user's device (a batch applied, or a download finished)."""
    if device_id is None:
        return
    now = timezone.now()
    updated = SyncDevice.objects.filter(user=user, device_id=device_id).update(
        last_sync_at=now,
        items_sent=F("items_sent") + sent,
        items_refused=F("items_refused") + refused,
    )
    if not updated:
        SyncDevice.objects.get_or_create(
            user=user,
            device_id=device_id,
            defaults={"last_sync_at": now, "items_sent": sent, "items_refused": refused},
        )


def refused_items(*, user_ids, since: datetime.datetime | None = None):
    """The ledger's refused items of these users in the last REFUSALS_SHOWN_DAYS days, newest first."""
    since = since or timezone.now() - datetime.timedelta(days=REFUSALS_SHOWN_DAYS)
    return SyncItem.objects.filter(
        user_id__in=user_ids, status=SyncItem.Status.REJECTED, updated_at__gte=since
    ).order_by("-updated_at")


# --- households leaving a team (for the phones' removed_household_ids) ----------


def record_household_departure(sender, instance: Household, raw: bool = False, **kwargs) -> None:
    """pre_save of Household: when its team changes, note that it left the old team."""
    if raw or instance.pk is None:
        return
    old_team = Household.objects.filter(pk=instance.pk).values_list("team_id", flat=True).first()
    if old_team is not None and old_team != instance.team_id:
        HouseholdDeparture.objects.create(household_id=instance.pk, team_id=old_team)


def team_sync_status(*, team_id: int, user_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per member of a team: the last successful sync of any of their phones and the count of
    their refused items (last REFUSALS_SHOWN_DAYS days). Two queries whatever the team's size."""
    from django.db.models import Count, Max

    status: dict[int, dict[str, Any]] = {
        user_id: {"last_sync": None, "refused": 0} for user_id in user_ids
    }
    for row in (
        SyncDevice.objects.filter(user_id__in=user_ids)
        .values("user_id")
        .annotate(last=Max("last_sync_at"))
    ):
        status[row["user_id"]]["last_sync"] = row["last"]
    for row in (
        refused_items(user_ids=user_ids).values("user_id").annotate(n=Count("pk")).order_by()
    ):
        status[row["user_id"]]["refused"] = row["n"]
    return status
