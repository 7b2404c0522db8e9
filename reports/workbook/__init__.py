"""The district workbook (openpyxl write-only: rows streamed, memory flat).

Numbers on the indicator sheets come from `reports.indicators`; this package
only lays them out.
"""

from .build import build_workbook, team_scope, visits_in_period
from .visits import EXCEL_MAX_ROWS

__all__ = ["EXCEL_MAX_ROWS", "build_workbook", "team_scope", "visits_in_period"]
