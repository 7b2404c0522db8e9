"""Reading the first sheet of an .xlsx file or a CSV file into numbered rows of {column: value}.

Every bound is checked before the expensive part: the upload's size, then
(for .xlsx) the inflated size of the zip members and the first sheet's
declared <dimension> (openpyxl's read-only mode pads every row to it: a 5 KB
file declaring A1:XFD1048576 keeps a worker busy for minutes), then rows
(blank ones included), columns and the length of each cell while reading.
Any unreadable file becomes a TableError with a translated message.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from django.utils.translation import gettext_lazy as _

from core.text import fold

MAX_ROWS = 50_000  # data rows, blank ones included
MAX_COLUMNS = 60
MAX_CELL_CHARS = 2_000
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_INFLATED_BYTES = 100 * 1024 * 1024  # all members of an .xlsx, uncompressed
# How much of the start of a sheet's XML is searched for its <dimension>.
DIMENSION_SEARCH_BYTES = 64 * 1024

MSG_UNREADABLE = _("The file could not be read as .xlsx or .csv.")
MSG_MISSING_COLUMNS = _("Missing columns: %(columns)s.")
MSG_TOO_MANY_ROWS = _("The file has more than %(max)s rows; split it.")
MSG_TOO_LARGE = _("The file is larger than %(max)s MB.")
MSG_INFLATED_TOO_LARGE = _("The file unpacks to more than %(max)s MB.")
MSG_TOO_MANY_COLUMNS = _("The file has more than %(max)s columns.")
MSG_CELL_TOO_LONG = _("A cell is longer than %(max)s characters.")

Rows = list[tuple[int, dict[str, Any]]]

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Za-z0-9:$]+)\"")
_CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")


class TableError(Exception):
    """The file as a whole cannot be imported; `row` is 0 for the file, 1 for the header."""

    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row = row
        self.message = message


def read_table(file: str | Path | IO, *, required: tuple[str, ...]) -> Rows:
    """The data rows of `file`, checked for the `required` columns and every bound.

    Raises TableError when the file cannot be read, breaks a bound or lacks a
    required column. Nothing is written before this returns, so a broken file
    never leaves half an import behind.
    """
    headers, rows = read_rows(file)
    missing = [column for column in required if column not in headers]
    if missing:
        raise TableError(1, MSG_MISSING_COLUMNS % {"columns": ", ".join(missing)})
    return rows


def read_rows(file: str | Path | IO) -> tuple[list[str], Rows]:
    """(headers, [(row number, {header: value})]) of the first sheet of an .xlsx or a CSV file.

    `file` is a path or a binary file object (an upload). Row numbers are the
    spreadsheet's (the header is row 1); blank rows are skipped but counted
    against MAX_ROWS. Headers are folded ("Area code" -> "area_code").
    """
    data = _read_all(file)
    if data[:2] == b"PK":
        check_xlsx(data)
        table = _xlsx_rows(data)
    else:
        table = _csv_rows(data)
    try:
        headers = [_header(value) for value in _bounded(next(table, []), row=1)]
        rows = []
        for number, values in enumerate(table, start=2):
            if number > MAX_ROWS + 1:
                raise TableError(0, MSG_TOO_MANY_ROWS % {"max": MAX_ROWS})
            cells = [_cell(value) for value in _bounded(values, row=number)]
            if any(value != "" for value in cells):
                rows.append((number, dict(zip(headers, cells, strict=False))))
    except TableError:
        raise
    except Exception as exc:  # a truncated zip, broken XML, a bad CSV quote: all "unreadable"
        raise TableError(0, str(MSG_UNREADABLE)) from exc
    return headers, rows


def check_xlsx(data: bytes) -> None:
    """TableError unless the .xlsx's inflated size and its first sheet's dimension are in bounds.

    Reads only the zip directory, the workbook's sheet list and the first
    kilobytes of the first sheet; never the cells.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError(0, str(MSG_UNREADABLE)) from exc
    if sum(member.file_size for member in members) > MAX_INFLATED_BYTES:
        raise TableError(0, MSG_INFLATED_TOO_LARGE % {"max": MAX_INFLATED_BYTES // 2**20})
    try:
        sheet = _first_sheet_path(archive)
        with archive.open(sheet) as stream:
            head = stream.read(DIMENSION_SEARCH_BYTES)
    except (
        KeyError,
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        ElementTree.ParseError,
    ) as exc:
        raise TableError(0, str(MSG_UNREADABLE)) from exc
    match = _DIMENSION.search(head)
    if match is None:
        return  # no declared size: openpyxl then pads nothing; rows are bounded while reading
    rows, columns = _dimension_size(match.group(1).decode("ascii"))
    if columns > MAX_COLUMNS:
        raise TableError(0, MSG_TOO_MANY_COLUMNS % {"max": MAX_COLUMNS})
    if rows > MAX_ROWS + 1:
        raise TableError(0, MSG_TOO_MANY_ROWS % {"max": MAX_ROWS})


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    """The zip path of the workbook's first sheet (the one openpyxl reads as worksheets[0])."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314 (size checked)
    first = workbook.find(f"{_NS_MAIN}sheets/{_NS_MAIN}sheet")
    if first is None:
        raise KeyError("no sheet")
    rel_id = first.get(f"{_NS_REL}id")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    raise KeyError(rel_id)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _dimension_size(ref: str) -> tuple[int, int]:
    """(rows, columns) spanned by a dimension ref such as "A1:F200" (one cell: "A1")."""
    corners = [_CELL_REF.fullmatch(part.upper()) for part in ref.split(":")]
    if not corners or any(corner is None for corner in corners) or len(corners) > 2:
        raise TableError(0, str(MSG_UNREADABLE))
    first, last = corners[0], corners[-1]
    rows = int(last.group(2)) - int(first.group(2)) + 1  # type: ignore[union-attr]
    columns = _column_number(last.group(1)) - _column_number(first.group(1)) + 1  # type: ignore[union-attr]
    return max(rows, 1), max(columns, 1)


def _bounded(values: Any, *, row: int) -> list[Any]:
    """The row's cells, or TableError when it has too many columns or too long a cell.

    Trailing empty cells do not count as columns (spreadsheet programs write them).
    """
    cells = list(values)
    while cells and cells[-1] in (None, ""):
        cells.pop()
    if len(cells) > MAX_COLUMNS:
        raise TableError(row, MSG_TOO_MANY_COLUMNS % {"max": MAX_COLUMNS})
    if any(isinstance(value, str) and len(value) > MAX_CELL_CHARS for value in cells):
        raise TableError(row, MSG_CELL_TOO_LONG % {"max": MAX_CELL_CHARS})
    return cells


def _header(value: Any) -> str:
    return fold(str(value or "")).replace(" ", "_")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def _read_all(file: str | Path | IO) -> bytes:
    if isinstance(file, str | Path):
        if Path(file).stat().st_size > MAX_UPLOAD_BYTES:
            raise TableError(0, MSG_TOO_LARGE % {"max": MAX_UPLOAD_BYTES // 2**20})
        return Path(file).read_bytes()
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise TableError(0, MSG_TOO_LARGE % {"max": MAX_UPLOAD_BYTES // 2**20})
    return data.encode() if isinstance(data, str) else data


def _xlsx_rows(data: bytes) -> Iterator[tuple]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise TableError(0, str(MSG_UNREADABLE)) from exc
    try:
        # Bounded even if the dimension was missing or lied: one row past the limit is enough
        # to say "too many", and no row is padded past one column beyond the limit.
        yield from workbook.worksheets[0].iter_rows(
            max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS + 1, values_only=True
        )
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(0, str(MSG_UNREADABLE)) from exc
    if "\x00" in text:
        raise TableError(0, str(MSG_UNREADABLE))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # "field larger than field limit" (128 KB), a NUL, ...
            if "field larger" in str(exc):
                message = MSG_CELL_TOO_LONG % {"max": MAX_CELL_CHARS}
                raise TableError(reader.line_num, message) from exc
            raise TableError(0, str(MSG_UNREADABLE)) from exc
        yield row
