"""Demo households (sixty per team) with their consent records and learners."""

from __future__ import annotations

import datetime
import random

from volunteers.models import Household, Learner, Team
from volunteers.services.codes import random_code
from volunteers.services.households import HOUSEHOLD_CODE_LENGTH

from .areas import DemoTree
from .teams import TeamUsers
from .vocabulary import (
    CONSENT_SCOPE,
    EXTRA_LEARNERS,
    HEAD_BIRTH_YEARS,
    HOUSEHOLD_SIZES,
    MEMBER_BIRTH_YEARS,
    head_learner_flags,
    house_address,
    person_name,
    phone,
    vulnerability_flags,
)

HOUSEHOLDS_PER_TEAM = 60


def build_households(
    tree: DemoTree,
    teams: list[Team],
    team_users: TeamUsers,
    *,
    rng: random.Random,
    consented_before: datetime.datetime,
) -> list[Household]:
    """Households in the villages of each team's commune, consent given before `consented_before`."""
    households = []
    for team, (_commune, villages) in zip(teams, tree.communes, strict=True):
        for number in range(HOUSEHOLDS_PER_TEAM):
            village = rng.choice(villages)
            head = person_name(rng)
            household = Household(
                area=village,
                team=team,
                code=f"H{random_code(HOUSEHOLD_CODE_LENGTH, rng)}",
                address=house_address(number + 1),
                head_name=head,
                phone=phone(rng),
                size=rng.randint(*HOUSEHOLD_SIZES),
                **vulnerability_flags(rng),
                consent_given_by=head,
                consent_at=consented_before - datetime.timedelta(days=rng.randint(1, 30)),
                consent_scope=CONSENT_SCOPE,
                consent_recorded_by=rng.choice(team_users[team.pk]),
            )
            household.search_text = household.folded_search_text(area_name=village.name)
            households.append(household)
    return Household.objects.bulk_create(households)


def build_learners(households: list[Household], *, rng: random.Random) -> dict[int, list[Learner]]:
    """The head of each household and up to two more learners; returns them by household id."""
    learners = []
    for household in households:
        learners.append(
            Learner(
                household=household,
                name=household.head_name,
                birth_year=rng.randint(*HEAD_BIRTH_YEARS),
                **head_learner_flags(vars(household)),  # its field values
            )
        )
        for _extra in range(rng.randint(*EXTRA_LEARNERS)):
            learners.append(
                Learner(
                    household=household,
                    name=person_name(rng),
                    birth_year=rng.randint(*MEMBER_BIRTH_YEARS),
                )
            )
    by_household: dict[int, list[Learner]] = {}
    for learner in Learner.objects.bulk_create(learners):
        by_household.setdefault(learner.household_id, []).append(learner)
    return by_household
