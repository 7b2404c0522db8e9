"""The official's login, the yearly targets and the admin groups of the demo roles."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from core.demo import ensure_user
from volunteers.models import Area, Official, Target

from .areas import DemoTree

# Households to reach this year by level (communes: the default); half as many adults certified.
HOUSEHOLDS_TARGET = {Area.Level.PROVINCE: 1200, Area.Level.DISTRICT: 400}
COMMUNE_HOUSEHOLDS_TARGET = 200

# Admin groups for the demo roles. Model permissions decide which admin
# screens open; volunteers.access still narrows every row to the user's scope.
DEMO_GROUPS = {
    "Team leaders": {
        "volunteers": [
            "view_area",
            "view_team",
            "change_team",
            "view_membership",
            "add_membership",
            "change_membership",
            "delete_membership",
            "view_household",
            "add_household",
            "change_household",
            "view_learner",
            "change_learner",
            "view_visit",
            "view_certification",
            "view_service",
        ],
    },
    "Officials": {
        "volunteers": [
            "view_area",
            "view_team",
            "view_membership",
            "view_household",
            "view_visit",
            "view_certification",
            "view_target",
            "view_service",
        ],
        "reports": ["view_campaign", "add_campaign", "change_campaign"],
    },
}
GROUP_MEMBERS = {"Team leaders": "leader", "Officials": "official"}


def build_targets(tree: DemoTree, *, today: datetime.date) -> None:
    """This year's targets for the province, every district and every commune."""
    year_start, year_end = datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
    targets = []
    for area in [tree.province, *tree.districts, *(commune for commune, _v in tree.communes)]:
        households = HOUSEHOLDS_TARGET.get(area.level, COMMUNE_HOUSEHOLDS_TARGET)
        for indicator, value in (
            (Target.Indicator.HOUSEHOLDS_REACHED, households),
            (Target.Indicator.LEARNERS_CERTIFIED, households // 2),
        ):
            targets.append(
                Target(
                    area=area,
                    indicator=indicator,
                    value=value,
                    period_start=year_start,
                    period_end=year_end,
                )
            )
    Target.objects.bulk_create(targets)


def ensure_official(tree: DemoTree, *, password: str) -> None:
    """The `official` login: a district official of the first district."""
    official = ensure_user("official", password, first_name="Quách")
    Official.objects.get_or_create(
        user=official, area=tree.districts[0], defaults={"role": Official.Role.DISTRICT}
    )


def ensure_groups() -> None:
    """The admin groups with their permissions, and the demo logins in them (idempotent)."""
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name, apps in DEMO_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [admin_access]
        for app_label, codenames in apps.items():
            wanted += Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        group.permissions.add(*wanted)
        group.user_set.add(*get_user_model().objects.filter(username=GROUP_MEMBERS[name]))
