"""Vocabularies of the coordination module, each defined once.

The vulnerability groups are the household flags that reports break reach
down by. The model's columns, the field and admin forms, the admin filter,
the import columns, the demo and load data, the dashboard rows and the
workbook columns are all derived from ``VULNERABILITY_GROUPS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class VulnerabilityGroup:
    """One group: its Household field, a short key and its labels.

    `key` names it in indicator keys (``elderly_reached``), import columns and
    the admin filter; `label` is the badge and column heading; `adjective`
    qualifies households in indicator descriptions ("elderly households");
    `on_learner` says whether a Learner records it too.
    """

    field: str
    key: str
    label: Promise
    adjective: Promise
    on_learner: bool = False


VULNERABILITY_GROUPS: tuple[VulnerabilityGroup, ...] = (
    VulnerabilityGroup("is_elderly", "elderly", _("Elderly"), _("elderly"), on_learner=True),
    VulnerabilityGroup(
        "has_disability", "disability", _("Disability"), _("with a disability"), on_learner=True
    ),
    VulnerabilityGroup("is_low_income", "low_income", _("Low income"), _("low-income")),
    VulnerabilityGroup(
        "is_ethnic_minority", "ethnic_minority", _("Ethnic minority"), _("ethnic-minority")
    ),
)
VULNERABILITY_FIELDS: tuple[str, ...] = tuple(group.field for group in VULNERABILITY_GROUPS)
LEARNER_VULNERABILITY_FIELDS: tuple[str, ...] = tuple(
    group.field for group in VULNERABILITY_GROUPS if group.on_learner
)
GROUP_BY_KEY: dict[str, VulnerabilityGroup] = {group.key: group for group in VULNERABILITY_GROUPS}
GROUP_BY_FIELD: dict[str, VulnerabilityGroup] = {
    group.field: group for group in VULNERABILITY_GROUPS
}


def any_vulnerability_q(prefix: str = "") -> models.Q:
    """A Q matching households (through `prefix`) in at least one group."""
    query = models.Q()
    for field in VULNERABILITY_FIELDS:
        query |= models.Q(**{f"{prefix}{field}": True})
    return query


def vulnerability_flags_model(name: str, *, learner: bool = False) -> type[models.Model]:
    """An abstract model with one boolean column per group (only `on_learner` ones for learners).

    The concrete models inherit it, so their columns come from the registry.
    """
    attrs: dict[str, object] = {
        "__module__": "volunteers.models.households",
        "Meta": type("Meta", (), {"abstract": True}),
    }
    for group in VULNERABILITY_GROUPS:
        if group.on_learner or not learner:
            attrs[group.field] = models.BooleanField(group.label, default=False)
    return type(name, (models.Model,), attrs)
