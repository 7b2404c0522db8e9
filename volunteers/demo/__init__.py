"""Demo coordination data: one province, teams, volunteers, households, 90 days of visits.

Called by `manage.py demo` after the courses demo. Idempotent: when the demo
province exists nothing is created again (logins are only created if
missing). A seeded random.Random keeps the data the same on every machine.
The words and odds come from `vocabulary`, shared with `volunteers.loaddata`.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from courses.models import Skill
from volunteers.models import Area, Service

from .areas import PROVINCE_CODE, build_tree
from .certifications import build_certifications
from .households import build_households, build_learners
from .mentors import ensure_mentors
from .officials import build_targets, ensure_groups, ensure_official
from .teams import build_teams
from .visits import DAYS, build_visits
from .vocabulary import SERVICES

__all__ = ["PROVINCE_CODE", "load"]

SEED = 20261122


def load(*, stdout, password: str) -> None:
    """Create the demo coordination data set unless it exists; ensure the role groups."""
    with transaction.atomic():
        if not Area.objects.filter(code=PROVINCE_CODE).exists():
            _load(stdout=stdout, password=password)
        else:
            stdout.write("Volunteers demo: already loaded.")
        ensure_groups()
        stdout.write(ensure_mentors(password=password))


def _load(*, stdout, password: str) -> None:
    rng = random.Random(SEED)  # noqa: S311 - stable demo data, not secrets
    now = timezone.now()

    tree = build_tree()
    build_targets(tree, today=timezone.localdate(now))
    services = [
        Service.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in SERVICES
    ]
    skills = list(Skill.objects.filter(locale=Locale.get_default()).order_by("code"))
    teams, team_users = build_teams(tree, rng=rng, password=password)
    ensure_official(tree, password=password)

    households = build_households(
        tree, teams, team_users, rng=rng, consented_before=now - datetime.timedelta(days=DAYS)
    )
    learners = build_learners(households, rng=rng)
    visits = build_visits(
        households, team_users, skills=skills, services=services, rng=rng, now=now
    )
    certifications = build_certifications(visits, learners, skills=skills, rng=rng, now=now)

    stdout.write(
        f"Volunteers demo: {len(teams)} teams, {sum(len(u) for u in team_users.values())} volunteers, "
        f"{len(households)} households, {sum(len(rows) for rows in learners.values())} learners, "
        f"{len(visits)} visits, {len(certifications)} certifications."
    )
