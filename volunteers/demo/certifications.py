"""Demo certificates for learners whose household had a successful visit; three are revoked."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from courses.models import Skill
from volunteers.models import Certification, Learner, Visit
from volunteers.services.certifications import CODE_LENGTH
from volunteers.services.codes import random_code

NOT_CERTIFIED = 0.45  # share of learners of a visited household without a certificate
REVOKED = slice(5, 8)
REVOKED_REASON = "Cấp nhầm người học"


def build_certifications(
    visits: list[Visit],
    learners_by_household: dict[int, list[Learner]],
    *,
    skills: list[Skill],
    rng: random.Random,
    now: datetime.datetime,
) -> list[Certification]:
    """One or two skills certified at the first DONE visit of a household, by its recorder."""
    certifiable = [skill for skill in skills if skill.checklist_items]
    if not certifiable:
        return []
    first_done: dict[int, Visit] = {}
    for visit in visits:
        if visit.outcome == Visit.Outcome.DONE:
            first_done.setdefault(visit.household_id, visit)
    certifications = []
    for household_id, visit in first_done.items():
        for learner in learners_by_household[household_id]:
            if rng.random() < NOT_CERTIFIED:
                continue
            for skill in rng.sample(certifiable, k=min(len(certifiable), rng.randint(1, 2))):
                certifications.append(
                    Certification(
                        learner=learner,
                        skill=skill,
                        team_id=visit.team_id,
                        certified_by=visit.recorded_by,
                        certified_on=timezone.localdate(visit.visited_at),
                        checklist=skill.checklist_items,
                        code=random_code(CODE_LENGTH, rng),
                    )
                )
    for certification in certifications[REVOKED]:
        certification.revoked_at = now
        certification.revoked_reason = REVOKED_REASON
    return Certification.objects.bulk_create(certifications, batch_size=500)
