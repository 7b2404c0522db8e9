"""Adding areas to the administrative tree and changing them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from volunteers import access, messages
from volunteers.models import Area

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def area_create(
    *, user: User, name: str, level: str, code: str, parent: Area | None = None
) -> Area:
    """Add an area below `parent` (a new top-level area without one); returns it.

    Non-superusers add areas only below an area they may see, never at the
    top (ValidationError on "parent"). Treebeard places the node among its
    siblings by name.
    """
    if parent is None and not user.is_superuser:
        raise ValidationError({"parent": messages.AREA_ROOT_FORBIDDEN})
    if parent is not None and access.area_for_user_by_pk(user, parent.pk) is None:
        raise ValidationError({"parent": messages.AREA_OUTSIDE_SCOPE})
    area = Area(name=name.strip(), level=level, code=code.strip())
    area.full_clean(exclude=["path", "depth", "numchild"])
    if parent is None:
        return Area.add_root(instance=area)
    parent.refresh_from_db()  # treebeard needs the current path and numchild
    return parent.add_child(instance=area)


@transaction.atomic
def area_update(*, user: User, area: Area, name: str, level: str, code: str | None = None) -> Area:
    """Rename an area the user may see, or change its level or official code; returns it.

    Where it sits in the tree does not change here.
    """
    area = access.get_visible_or_404(access.visible_areas, user, pk=area.pk)
    area.name, area.level = name.strip(), level
    if code is not None:
        area.code = code.strip()
    area.full_clean()
    area.save()
    return area
