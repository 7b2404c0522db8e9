"""User text in spreadsheets: always a value, never a formula.

openpyxl writes a string that starts with "=" as a formula (write-only mode
too), and Excel, LibreOffice and Google Sheets also run CSV cells that start
with =, +, -, @, a tab or a carriage return. Every string a user typed goes
through one of these on its way into an xlsx or CSV file.
"""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def csv_text(value: Any) -> Any:
    """`value` for a CSV cell: a formula-like string gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def xlsx_text(cell: Any) -> Any:
    """Mark an openpyxl cell holding user text as a plain string, never a formula.

    Setting ``data_type = "s"`` after the value keeps the text exactly as the
    user typed it ("=1+1" shows as =1+1 and is not evaluated); returns the cell.
    """
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell
