"""The download for the offline field app: what changed since the phone's cursor.

The cursor (signed, opaque to the phone) holds: `s` the time changes are
wanted since (None: everything), `r` the server time this round started, `a`
the last household id sent in this round, and `t` the teams the phone held
when the round started. A round pages through the changed households by id;
the next round asks for changes since `r` minus an overlap window, so a row
written by a transaction still in flight when the round started (its
``updated_at`` is set before it commits) is sent next time instead of being
missed. Households can therefore come twice: the phone upserts.

A household counts as changed when it, one of its learners, visits or
certificates changed. Removed ids: households erased since `s`, households
that left one of the phone's teams since `s` (HouseholdDeparture), and every
household of a team the user has left since the cursor was made.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale

from core.text import fold
from courses.models import Skill
from volunteers import access, masking
from volunteers.models import (
    Area,
    Certification,
    Household,
    HouseholdDeparture,
    Learner,
    Membership,
    Service,
    Visit,
)
from volunteers.services.sync import refused_items
from volunteers.vocabulary import VULNERABILITY_FIELDS, VULNERABILITY_GROUPS

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CURSOR_SALT = "volunteers.sync.cursor"


class BadCursor(ValueError):
    """The cursor was not made by this server, or is damaged."""


def overlap() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "SYNC_CURSOR_OVERLAP_SECONDS", 120))


def decode_cursor(text: str) -> dict[str, Any]:
    if not text:
        return {"s": None, "r": None, "a": 0, "t": []}
    try:
        data = signing.loads(text, salt=CURSOR_SALT)
        cursor = {
            "s": _time(data["s"]),
            "r": _time(data["r"]),
            "a": int(data["a"]),
            "t": [int(team) for team in data["t"]],
        }
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadCursor(str(error)) from error
    return cursor


def encode_cursor(cursor: dict[str, Any]) -> str:
    return signing.dumps(
        {
            "s": cursor["s"].isoformat() if cursor["s"] else None,
            "r": cursor["r"].isoformat() if cursor["r"] else None,
            "a": cursor["a"],
            "t": sorted(cursor["t"]),
        },
        salt=CURSOR_SALT,
        compress=True,
    )


def _time(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def _changed_since(since: datetime.datetime) -> Q:
    """Households that changed, or whose learners, visits or certificates changed, since `since`."""
    return (
        Q(updated_at__gte=since)
        | Exists(Learner.objects.filter(household=OuterRef("pk"), updated_at__gte=since))
        | Exists(Visit.objects.filter(household=OuterRef("pk"), updated_at__gte=since))
        | Exists(
            Certification.objects.filter(learner__household=OuterRef("pk"), updated_at__gte=since)
        )
    )


def _removed_ids(user: User, cursor: dict[str, Any], team_ids: set[int]) -> list[int]:
    since, held = cursor["s"], set(cursor["t"])
    if since is None:
        return []
    mine = access.offline_households(user)
    removed = set(mine.filter(erased_at__gte=since).values_list("pk", flat=True))
    departed = HouseholdDeparture.objects.filter(team_id__in=held, left_at__gte=since)
    removed |= set(departed.exclude(household__in=mine).values_list("household_id", flat=True))
    left = held - team_ids
    if left:
        gone = Household.objects.filter(team_id__in=left).exclude(pk__in=mine)
        removed |= set(gone.values_list("pk", flat=True))
    return sorted(removed)


def _skills() -> list[dict[str, Any]]:
    """Default-language skill ids with names and checklists in the request's language."""
    default = list(Skill.objects.filter(locale=Locale.get_default()).order_by("name"))
    language = get_language() or ""
    translated = {
        skill.translation_key: skill
        for skill in Skill.objects.filter(
            locale__language_code=language, translation_key__in=[s.translation_key for s in default]
        )
    }
    rows = []
    for skill in default:
        shown = translated.get(skill.translation_key, skill)
        rows.append(
            {
                "id": skill.pk,
                "code": skill.code,
                "name": shown.name,
                "checklist": shown.checklist_items or skill.checklist_items,
            }
        )
    return rows


def _reference(user: User, team_ids: set[int]) -> dict[str, Any]:
    teams = list(access.offline_teams(user).select_related("area"))
    paths = [team.area.path for team in teams]
    areas = []
    if paths:
        query = Q()
        for path in paths:
            query |= Area.path_q(path)
        areas = [
            {
                "id": area.pk,
                "name": area.name,
                "parent_id": None,
                "level": area.level,
                "has_children": area.numchild > 0,
                "path": area.path,
                "depth": area.depth,
            }
            for area in Area.objects.filter(query).order_by("path")
        ]
        by_path = {area["path"]: area["id"] for area in areas}
        for area in areas:
            parent_path = area.pop("path")[: -Area.steplen]
            area.pop("depth")
            area["parent_id"] = by_path.get(parent_path)
    members = Membership.objects.filter(team_id__in=team_ids).select_related("user__volunteer")
    return {
        "me": {
            "id": user.pk,
            "name": _person_name(user),
            "is_leader_of": sorted(team.pk for team in teams if access.is_leader(user, team.pk)),
        },
        "teams": [
            {"id": t.pk, "name": t.name, "area_id": t.area_id, "contact_url": t.contact_url}
            for t in teams
        ],
        "areas": areas,
        "members": [
            {"id": m.user_id, "team_id": m.team_id, "name": _person_name(m.user), "role": m.role}
            for m in members.order_by("team_id", "user_id")
        ],
        "skills": _skills(),
        "services": [{"code": s.code, "name": s.name} for s in Service.objects.order_by("name")],
        "outcomes": [{"code": value, "name": str(label)} for value, label in Visit.Outcome.choices],
        "vulnerability_flags": [
            {"field": g.field, "name": str(g.label), "on_learner": g.on_learner}
            for g in VULNERABILITY_GROUPS
        ],
    }


def _person_name(user: Any) -> str:
    profile = getattr(user, "volunteer", None)
    return profile.display_name if profile else (user.get_full_name() or user.get_username())


def _households(user: User, households: list[Household]) -> list[dict[str, Any]]:
    """The rows of a page, masked as the pages mask them; a fixed number of queries."""
    last_visits = {
        visit.pk: visit
        for visit in Visit.objects.filter(
            pk__in=[h.last_visit_id for h in households if h.last_visit_id]
        ).prefetch_related("skills", "services")
    }
    rows = []
    for household in households:
        masking.for_user(user, household)
        masked = bool(getattr(household, "masked_for_display", False))
        learners = []
        for learner in household.learners.all():
            if learner.erased_at is not None:
                continue
            certified = sorted({c.skill_id for c in learner.certifications.all()})
            if masked:
                masking.mask(learner)
            row = {
                "id": learner.pk,
                "name": learner.name,
                "birth_year": learner.birth_year,
                "certified_skill_ids": certified,
            }
            for flag in ("is_elderly", "has_disability"):
                row[flag] = getattr(learner, flag)
            learners.append(row)
        visit = last_visits.get(household.last_visit_id)
        row = {
            "id": household.pk,
            "code": household.code,
            "team_id": household.team_id,
            "area_id": household.area_id,
            "head_name": household.head_name,
            "address": household.address,
            "phone": household.phone,
            "size": household.size,
            "search": fold(household.code)
            if masked
            else household.folded_search_text(area_name=household.area.name),
            "masked": masked,
            "updated_at": household.updated_at.isoformat(),
            "learners": learners,
            "last_visit": None
            if visit is None
            else {
                "visited_at": visit.visited_at.isoformat(),
                "skill_ids": sorted(s.pk for s in visit.skills.all()),
                "service_codes": sorted(s.code for s in visit.services.all()),
                "outcome": visit.outcome,
            },
            "follow_up_on": visit.follow_up_on.isoformat()
            if visit and visit.follow_up_on
            else None,
        }
        for flag in VULNERABILITY_FIELDS:
            row[flag] = getattr(household, flag)
        rows.append(row)
    return rows


def changes_for_user(*, user: User, cursor_text: str, limit: int) -> dict[str, Any]:
    """One page of the download (docs/sync-api.md); raises BadCursor for a foreign cursor."""
    cursor = decode_cursor(cursor_text)
    now = timezone.now()
    team_ids = set(access.offline_teams(user).values_list("pk", flat=True))
    new_round = cursor["r"] is None
    if new_round:
        cursor["r"] = now
    removed = _removed_ids(user, cursor, team_ids) if new_round else []
    queryset = access.offline_households(user).filter(erased_at__isnull=True, pk__gt=cursor["a"])
    if cursor["s"] is not None:
        new_teams = team_ids - set(cursor["t"])
        changed = _changed_since(cursor["s"])
        queryset = queryset.filter(changed | Q(team_id__in=new_teams) if new_teams else changed)
    latest = Visit.objects.filter(household=OuterRef("pk")).order_by("-visited_at", "-pk")
    certificates = Certification.objects.filter(revoked_at__isnull=True).only(
        "pk", "learner_id", "skill_id"
    )
    page = list(
        queryset.select_related("area")
        .annotate(last_visit_id=Subquery(latest.values("pk")[:1]))
        .prefetch_related(
            Prefetch(
                "learners",
                queryset=Learner.objects.order_by("pk").prefetch_related(
                    Prefetch("certifications", queryset=certificates)
                ),
            )
        )
        .order_by("pk")[: limit + 1]
    )
    more = len(page) > limit
    page = page[:limit]
    if more:
        next_cursor = {**cursor, "a": page[-1].pk}
    else:
        next_cursor = {"s": cursor["r"] - overlap(), "r": None, "a": 0, "t": sorted(team_ids)}
    rejected = []
    if new_round:
        rejected = [
            {"client_id": str(r.client_id), "kind": r.kind, "code": r.code, "message": r.message}
            for r in refused_items(user_ids=[user.pk])[:200]
        ]
    return {
        "cursor": encode_cursor(next_cursor),
        "more": more,
        "server_time": now.isoformat(),
        **_reference(user, team_ids),
        "households": _households(user, page),
        "removed_household_ids": removed,
        "my_rejected": rejected,
    }
