"""Moving and merging areas (Vietnam 2025: districts abolished, provinces and communes merged).

Figures follow from the leaf areas: rollups are keyed by the area a row is
attached to, and every subtree total is computed through the tree when read.
A move changes paths only and sends ``area_moved``, so that derived tables
(the report rollups' area totals) recompute the old and new ancestors. A merge re-attaches the
source's children, households and teams to the target and then sends
``areas_merged``, so that derived tables (the report rollups) re-key their
rows from the source to the target without reading raw visits; the visits
themselves are never touched.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from volunteers import access
from volunteers.models import Area, Household, Official, Target, Team

# Sent inside the merge's transaction: source_id, target_id (the source is deleted after).
areas_merged = Signal()
# Sent inside the move's transaction: area_id, old_parent_id (the subtree's totals move).
area_moved = Signal()

MOVE_INTO_OWN_SUBTREE = "An area cannot be moved below itself."
MERGE_INTO_ITSELF = "An area cannot be merged into itself or into an area below it."


@transaction.atomic
def area_move(*, user: User, area: Area, new_parent: Area) -> Area:
    """Move `area` (with its subtree) below `new_parent`; figures follow without a rebuild."""
    if not access.can_reorganise_areas(user, area) or not access.can_reorganise_areas(
        user, new_parent
    ):
        raise PermissionDenied
    if new_parent.path.startswith(area.path):
        raise ValidationError(_(MOVE_INTO_OWN_SUBTREE))
    old_parent = area.get_parent()
    area.move(new_parent, pos="sorted-child")
    area_moved.send(
        sender=Area, area_id=area.pk, old_parent_id=old_parent.pk if old_parent else None
    )
    return Area.objects.get(pk=area.pk)


@transaction.atomic
def area_merge(*, user: User, source: Area, target: Area) -> Area:
    """Merge `source` into `target`: its children, households, teams, officials and targets
    move to `target`, then `source` is deleted. Returns the target, reloaded."""
    if not access.can_reorganise_areas(user, source) or not access.can_reorganise_areas(
        user, target
    ):
        raise PermissionDenied
    if target.path.startswith(source.path):
        raise ValidationError(_(MERGE_INTO_ITSELF))
    for child in list(source.get_children()):
        child.move(Area.objects.get(pk=target.pk), pos="sorted-child")
    # Plain UPDATEs: a merge is a re-keying, not an edit of each household.
    Household.objects.filter(area_id=source.pk).update(area_id=target.pk)
    Team.objects.filter(area_id=source.pk).update(area_id=target.pk)
    Target.objects.filter(area_id=source.pk).delete()  # the target area's own targets stand
    for official in Official.objects.filter(area_id=source.pk):
        if Official.objects.filter(user_id=official.user_id, area_id=target.pk).exists():
            official.delete()
        else:
            Official.objects.filter(pk=official.pk).update(area_id=target.pk)
    areas_merged.send(sender=Area, source_id=source.pk, target_id=target.pk)
    Area.objects.get(pk=source.pk).delete()
    return Area.objects.get(pk=target.pk)
