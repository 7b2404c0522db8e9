"""Reading the first sheet of an .xlsx file or a CSV file into numbered rows of {column: value}."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

from core.text import fold

MAX_ROWS = 50_000

MSG_UNREADABLE = _("The file could not be read as .xlsx or .csv.")
MSG_MISSING_COLUMNS = _("Missing columns: %(columns)s.")
MSG_TOO_MANY_ROWS = _("The file has more than %(max)s rows; split it.")

Rows = list[tuple[int, dict[str, Any]]]


class TableError(Exception):
    """The file as a whole cannot be imported; `row` is 0 for the file, 1 for the header."""

    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row = row
        self.message = message


def read_table(file: str | Path | IO, *, required: tuple[str, ...]) -> Rows:
    """The data rows of `file`, checked for the `required` columns and the row limit.

    Raises TableError when the file cannot be read, lacks a required column
    or has more than MAX_ROWS rows.
    """
    try:
        headers, rows = read_rows(file)
    except (ValueError, KeyError, IndexError, StopIteration) as exc:
        raise TableError(0, str(MSG_UNREADABLE)) from exc
    missing = [column for column in required if column not in headers]
    if missing:
        raise TableError(1, MSG_MISSING_COLUMNS % {"columns": ", ".join(missing)})
    if len(rows) > MAX_ROWS:
        raise TableError(0, MSG_TOO_MANY_ROWS % {"max": MAX_ROWS})
    return rows


def read_rows(file: str | Path | IO) -> tuple[list[str], Rows]:
    """(headers, [(row number, {header: value})]) of the first sheet of an .xlsx or a CSV file.

    `file` is a path or a binary file object (an upload). Row numbers are the
    spreadsheet's (the header is row 1); blank rows are skipped. Headers are
    folded ("Area code" -> "area_code").
    """
    data = Path(file).read_bytes() if isinstance(file, str | Path) else _read_all(file)
    table = _xlsx_rows(data) if data[:2] == b"PK" else _csv_rows(data)
    headers = [_header(value) for value in next(table, [])]
    rows = []
    for number, values in enumerate(table, start=2):
        cells = [_cell(value) for value in values]
        if not any(value != "" for value in cells):
            continue
        rows.append((number, dict(zip(headers, cells, strict=False))))
        if len(rows) > MAX_ROWS:
            break
    return headers, rows


def _header(value: Any) -> str:
    return fold(str(value or "")).replace(" ", "_")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def _read_all(file: IO) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read()
    return data.encode() if isinstance(data, str) else data


def _xlsx_rows(data: bytes) -> Iterator[tuple]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise ValueError(str(MSG_UNREADABLE)) from exc
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(str(MSG_UNREADABLE)) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)
