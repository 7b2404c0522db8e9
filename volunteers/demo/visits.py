"""Ninety days of demo visits ending today; about one household in five is never visited."""

from __future__ import annotations

import datetime
import random
import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils import timezone

from courses.models import Skill
from volunteers.models import Household, Service, Visit

from .teams import TeamUsers
from .vocabulary import (
    VISIT_NOTES,
    WORKED_OUTCOMES,
    duration_minutes,
    follow_up_on,
    satisfaction,
    visit_outcomes,
)

DAYS = 90
NEVER_VISITED = 0.2  # share of households without a visit
VISITS_PER_HOUSEHOLD = (1, 4)  # inclusive bounds, on different days


def build_visits(
    households: list[Household],
    team_users: TeamUsers,
    *,
    skills: list[Skill],
    services: list[Service],
    rng: random.Random,
    now: datetime.datetime,
) -> list[Visit]:
    """Visits with the volunteers present, the skills practised and the services done."""
    today = timezone.localdate(now)
    visits: list[Visit] = []
    # (visit, rows) pairs: unsaved visits have no pk yet, so they cannot be dict keys.
    present: list[tuple[Visit, list[AbstractBaseUser]]] = []
    practised: list[tuple[Visit, list[Skill]]] = []
    done: list[tuple[Visit, list[Service]]] = []
    for household in households:
        if rng.random() < NEVER_VISITED:
            continue
        members = team_users[household.team_id]
        days_ago = rng.sample(range(DAYS), rng.randint(*VISITS_PER_HOUSEHOLD))
        for offset in sorted(days_ago, reverse=True):
            visit, volunteers = _visit(
                household, members, rng=rng, now=now, day=today - datetime.timedelta(days=offset)
            )
            visits.append(visit)
            present.append((visit, volunteers))
            if visit.outcome in WORKED_OUTCOMES:
                if skills:
                    practised.append(
                        (visit, rng.sample(skills, k=min(len(skills), rng.randint(1, 2))))
                    )
                done.append((visit, rng.sample(services, k=rng.randint(0, 2))))
    Visit.objects.bulk_create(visits, batch_size=500)
    _link(Visit.volunteers.through, "user_id", present)
    _link(Visit.skills.through, "skill_id", practised)
    _link(Visit.services.through, "service_id", done)
    return visits


def _visit(
    household: Household,
    members: list[AbstractBaseUser],
    *,
    rng: random.Random,
    now: datetime.datetime,
    day: datetime.date,
) -> tuple[Visit, list[AbstractBaseUser]]:
    """An unsaved visit on `day` (not after `now`) and the one or two `members` present."""
    visited_at = datetime.datetime.combine(
        day,
        datetime.time(rng.randint(7, 17), rng.choice((0, 15, 30, 45))),
        tzinfo=timezone.get_current_timezone(),
    )
    if visited_at > now:
        visited_at = now - datetime.timedelta(minutes=rng.randint(5, 120))
    [outcome] = visit_outcomes(rng)
    follow_up = follow_up_on(rng, day) if outcome == Visit.Outcome.FOLLOW_UP else None
    present = rng.sample(members, k=min(len(members), rng.randint(1, 2)))
    visit = Visit(
        uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
        household=household,
        team_id=household.team_id,
        recorded_by=present[0],
        visited_at=visited_at,
        duration_minutes=duration_minutes(rng),
        outcome=outcome,
        follow_up_on=follow_up,
        satisfaction=satisfaction(rng, outcome),
        notes=rng.choice(VISIT_NOTES),
    )
    return visit, present


def _link(
    through: type[models.Model], column: str, pairs: list[tuple[Visit, list[models.Model]]]
) -> None:
    """Many-to-many rows visit -> each of its rows, straight into the `through` table."""
    through.objects.bulk_create(
        [through(visit_id=visit.pk, **{column: row.pk}) for visit, rows in pairs for row in rows],
        batch_size=1000,
    )
