"""A large synthetic coordination data set for benchmarks (`manage.py generate_load_data`).

One province (its own root, `root_code`) with districts, communes and villages;
a team per commune with six volunteers; households with learners; visits spread
over the last twelve months; certifications. Everything below the root is
written in batches (`writer.RawWriter`): the area paths are computed here (the
materialised path of treebeard) instead of one `add_child` per node, and the
many-to-many rows of visits go straight into the through tables.

The data are made from a seeded random generator (seed and root code), so the
same arguments give the same households, visits and codes (dates move with
"now"). Names, places, outcomes, vulnerability shares and codes are those of
the demo (`volunteers.demo.vocabulary`, `services.codes.random_code`).
"""

from __future__ import annotations

import random
import sys

from django.contrib.auth import get_user_model
from django.db import transaction

from volunteers.models import (
    AccessLog,
    Area,
    Certification,
    Household,
    Learner,
    Membership,
    Official,
    Target,
    Team,
    Visit,
    Volunteer,
)

from .builder import Builder, say, username_prefix

__all__ = ["LoadDataExists", "delete", "generate"]


class LoadDataExists(Exception):
    """The root code is already taken (pass replace=True to rebuild it)."""


def generate(
    *,
    households: int,
    visits: int,
    seed: int = 1,
    root_code: str = "LOAD",
    stdout=None,
    replace: bool = False,
) -> Area:
    """Build the synthetic tree under a new root area `root_code`; returns the root.

    Raises LoadDataExists when `root_code` exists, unless `replace` (then the
    old root, everything under it and its load users are deleted first).
    """
    out = stdout or sys.stdout
    if not 1 <= len(root_code) <= 8:
        raise ValueError("root_code must be 1 to 8 characters (household codes are it + 7 digits)")
    existing = Area.objects.filter(code=root_code).first()
    if existing is not None:
        if not replace:
            raise LoadDataExists(root_code)
        say(out, f"Deleting the existing '{root_code}' data …")
        delete(existing)
    builder = Builder(
        households=households,
        visits=visits,
        rng=random.Random(f"{seed}:{root_code}"),  # noqa: S311 - synthetic data, reproducible by seed
        root_code=root_code,
        out=out,
    )
    return builder.run()


def delete(root: Area) -> None:
    """Remove a root area, everything recorded under it and its load users (fast, raw deletes)."""
    households_in_tree = root.subtree_q("household__area__")
    teams_in_tree = root.subtree_q("team__area__")
    in_tree = root.subtree_q("area__")
    with transaction.atomic():
        user_ids = list(Membership.objects.filter(teams_in_tree).values_list("user_id", flat=True))
        Certification.objects.filter(root.subtree_q("learner__household__area__"))._raw_delete(
            "default"
        )
        visit_ids = Visit.objects.filter(households_in_tree).values("pk")
        for through in (
            Visit.volunteers.through,
            Visit.skills.through,
            Visit.services.through,
            Visit.lessons.through,
        ):
            through.objects.filter(visit_id__in=visit_ids)._raw_delete("default")
        for model in (Visit, Learner, AccessLog):
            model.objects.filter(households_in_tree)._raw_delete("default")
        Household.objects.filter(in_tree)._raw_delete("default")
        Membership.objects.filter(teams_in_tree)._raw_delete("default")
        for model in (Team, Target, Official):
            model.objects.filter(in_tree)._raw_delete("default")
        load_users = get_user_model().objects.filter(
            pk__in=user_ids, username__startswith=username_prefix(root.code)
        )
        Volunteer.objects.filter(user__in=load_users)._raw_delete("default")
        load_users.delete()
        Area.objects.get(pk=root.pk).delete()  # treebeard: the subtree and the parent's numchild
