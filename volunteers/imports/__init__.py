"""Bulk import of areas and households from an Excel (.xlsx) or CSV file.

reader.py  the file's first sheet as numbered rows of {column: value}
rows.py    each kind's rows, written through volunteers.services
report.py  the row-by-row report; each row runs in its own savepoint

Each data row is saved in its own savepoint: a bad row is reported (row
number, column, message) and rolled back on its own, the good rows are kept,
and no row is ever half-saved (a household and its consent record are one
row). Row numbers are the spreadsheet's: the header is row 1.
"""

from .reader import MAX_ROWS, MSG_MISSING_COLUMNS, MSG_TOO_MANY_ROWS, MSG_UNREADABLE, read_rows
from .report import ImportReport, RowError
from .rows import (
    AREA_COLUMNS,
    HOUSEHOLD_COLUMNS,
    IMPORTERS,
    MSG_AREA_MOVED,
    MSG_AREA_UNKNOWN,
    MSG_BAD_DATE,
    MSG_BAD_FLAG,
    MSG_BAD_LEVEL,
    MSG_BAD_NUMBER,
    MSG_FUTURE_DATE,
    MSG_HOUSEHOLD_EXISTS,
    MSG_PARENT_UNKNOWN,
    MSG_REQUIRED,
    MSG_TEAM_AMBIGUOUS,
    MSG_TEAM_UNKNOWN,
    areas_import,
    households_import,
)

__all__ = [
    "AREA_COLUMNS",
    "HOUSEHOLD_COLUMNS",
    "IMPORTERS",
    "MAX_ROWS",
    "MSG_AREA_MOVED",
    "MSG_AREA_UNKNOWN",
    "MSG_BAD_DATE",
    "MSG_BAD_FLAG",
    "MSG_BAD_LEVEL",
    "MSG_BAD_NUMBER",
    "MSG_FUTURE_DATE",
    "MSG_HOUSEHOLD_EXISTS",
    "MSG_MISSING_COLUMNS",
    "MSG_PARENT_UNKNOWN",
    "MSG_REQUIRED",
    "MSG_TEAM_AMBIGUOUS",
    "MSG_TEAM_UNKNOWN",
    "MSG_TOO_MANY_ROWS",
    "MSG_UNREADABLE",
    "ImportReport",
    "RowError",
    "areas_import",
    "households_import",
    "read_rows",
]
