"""Rollup tables behind every dashboard number (see ``models`` for the layout, ``refresh``
for how they are kept current, ``check`` for the comparison with the raw rows).

Public API: ``refresh()``, ``rebuild(progress)``, ``data_as_of()``,
``check(area=..., start=..., end=...)``.
"""

from .check import differences
from .refresh import data_as_of, rebuild, refresh

__all__ = ["data_as_of", "differences", "rebuild", "refresh"]
