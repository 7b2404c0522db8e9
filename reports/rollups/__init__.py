"""Rollup tables behind every dashboard number (see ``models`` for the layout, ``refresh``
for how they are kept current, ``check`` for the comparison with the raw rows).

Public API: ``refresh()``, ``rebuild(progress)``, ``data_as_of()``,
``check(area=..., start=..., end=...)``, ``tables_for(scope)``.
"""

from .check import differences
from .refresh import data_as_of, rebuild, refresh, settle

__all__ = ["data_as_of", "differences", "rebuild", "refresh", "tables_for"]


def tables_for(scope):
    """The reader module answering `scope`: ``area_readers`` (a few rows per area and month)
    when it fits the scope, else ``readers`` (the day tables). Both offer ``FAMILIES``,
    ``certification_skill_rows`` and ``skill_practice_rows``."""
    from . import area_readers, readers

    settle()
    return area_readers if area_readers.fits(scope) else readers
