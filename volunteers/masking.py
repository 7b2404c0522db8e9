"""Showing people without naming them: the one masking rule for every path.

Whether a user may see a household's personal data is decided once, by
``access.can_see_personal_data``; this module applies the answer. Every path
that shows a person (field pages, the admin's lists, inspect, edit and history
views, certificates, search results) passes its rows through ``for_user``.

A masked row shows codes and initials only: names become initials; phones,
addresses, the consent text and who gave it, visit notes and revocation
reasons become empty. A masked row is marked and refuses to be saved
(``NeverSaveMasked``), so a masked copy can never overwrite the real data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from . import access
from .models import Certification, Household, Learner, Visit

if TYPE_CHECKING:
    from .access import AnyUser

T = TypeVar("T")

# Per model: the fields shown as initials, and the fields hidden entirely.
INITIALS = {Household: ("head_name",), Learner: ("name",)}
HIDDEN = {
    Household: ("address", "phone", "consent_given_by", "consent_scope"),
    Learner: (),
    Visit: ("notes",),
    Certification: ("revoked_reason",),
}
MASKED_MODELS = tuple(HIDDEN)


def initials(name: str | None) -> str:
    """'Bùi Thị Lan' -> 'B. T. L.'; empty for an empty name."""
    return " ".join(f"{part[0].upper()}." for part in (name or "").split() if part)


def household_of(obj: Any) -> Household | None:
    """The household a household, learner, visit or certificate belongs to."""
    if isinstance(obj, Household):
        return obj
    if isinstance(obj, Learner | Visit):
        return obj.household
    if isinstance(obj, Certification):
        return obj.learner.household
    return None


def mask(obj: T) -> T:
    """Mask `obj` in place (initials, hidden fields emptied) and mark it unsaveable; returns it."""
    model = type(obj)
    for field in INITIALS.get(model, ()):  # type: ignore[call-overload]
        setattr(obj, field, initials(getattr(obj, field)))
    for field in HIDDEN.get(model, ()):  # type: ignore[call-overload]
        setattr(obj, field, "")
    obj.masked_for_display = True  # type: ignore[attr-defined]
    return obj


def for_user(user: AnyUser, obj: T) -> T:
    """`obj` as `user` may see it: unchanged, or masked (see the module docstring)."""
    household = household_of(obj)
    if household is not None and not access.can_see_personal_data(user, household):
        mask(obj)
    return obj


def name_for_user(user: AnyUser, household: Household, name: str) -> str:
    """A person's name of `household` as `user` may see it (the name or its initials)."""
    return name if access.can_see_personal_data(user, household) else initials(name)
