"""Demo teams (one per commune), their volunteers and the named volunteer logins."""

from __future__ import annotations

import random

from django.contrib.auth.models import AbstractBaseUser

from core.demo import ensure_user
from volunteers.models import Membership, Team, Volunteer

from .areas import DemoTree
from .vocabulary import person_name, team_contact_url, team_name

VOLUNTEERS_PER_TEAM = 4  # besides the named logins

# username -> (team index, role, display name); volunteer2 is in Mai Châu, another district.
NAMED_VOLUNTEERS = {
    "volunteer": (0, Membership.Role.MEMBER, "Lò Thị Mai"),
    "leader": (0, Membership.Role.LEADER, "Bùi Văn Khải"),
    "volunteer2": (2, Membership.Role.MEMBER, "Hà Thị Nhung"),
}

TeamUsers = dict[int, list[AbstractBaseUser]]  # team pk -> its volunteers


def build_teams(
    tree: DemoTree, *, rng: random.Random, password: str
) -> tuple[list[Team], TeamUsers]:
    """Create a team per commune with four volunteers each, plus the named logins."""
    teams = [
        Team.objects.create(
            name=team_name(commune.name), area=commune, contact_url=team_contact_url(f"demo{index}")
        )
        for index, (commune, _villages) in enumerate(tree.communes, start=1)
    ]
    team_users: TeamUsers = {team.pk: [] for team in teams}
    for username, (team_index, role, display_name) in NAMED_VOLUNTEERS.items():
        team = teams[team_index]
        user = _volunteer(
            username, password, display_name, team=team, role=role, phone="0912345678"
        )
        team_users[team.pk].append(user)
    for index, team in enumerate(teams):
        for number in range(VOLUNTEERS_PER_TEAM):
            # The first team is led by the named `leader`; the others by their first volunteer.
            leads = number == 0 and index != 0
            user = _volunteer(
                f"tnv{index + 1}{number + 1}",
                password,
                person_name(rng),
                team=team,
                role=Membership.Role.LEADER if leads else Membership.Role.MEMBER,
            )
            team_users[team.pk].append(user)
    return teams, team_users


def _volunteer(
    username: str, password: str, display_name: str, *, team: Team, role: str, phone: str = ""
) -> AbstractBaseUser:
    user = ensure_user(username, password, first_name=display_name.split()[-1])
    Volunteer.objects.get_or_create(
        user=user, defaults={"display_name": display_name, "phone": phone}
    )
    Membership.objects.get_or_create(user=user, team=team, defaults={"role": role})
    return user
