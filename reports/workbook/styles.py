"""Cell styles and sheet set-up shared by every sheet of the workbook.

openpyxl's write-only worksheets write their "top" (sheet properties such as
fit-to-page, the frozen pane, column widths) when the first row is appended,
and their "tail" (autofilter, conditional formatting, print set-up, charts)
when the workbook is saved. So `sheet_setup` must run before the first
`append`, and `sheet_finish` any time before saving.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from core.spreadsheets import is_formula_like, xlsx_text

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B5394")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
HEADER_ALIGNMENT_NUMBER = Alignment(wrap_text=True, vertical="center", horizontal="right")
# Room for two lines of wrapped header text (points).
HEADER_HEIGHT = 32
LEFT = Alignment(horizontal="left")
WRAP = Alignment(wrap_text=True, vertical="top")
TITLE_FONT = Font(bold=True, size=14)
LABEL_FONT = Font(bold=True)
TOTAL_FONT = Font(bold=True)
TOTAL_BORDER = Border(top=Side(style="thin"))

INTEGER = "#,##0"


def number_format(*, decimals: int = 0, percent: bool = False) -> str:
    """An Excel number format: grouped digits with `decimals` after the point, or a percentage."""
    digits = "." + "0" * decimals if decimals else ""
    return f"0{digits}%" if percent else f"#,##0{digits}"


# Dates as people in each language write them.
DATE_FORMATS = {"vi": "dd/mm/yyyy", "de": "dd.mm.yyyy", "en": "yyyy-mm-dd"}
TIME_SUFFIX = " hh:mm"


def date_format(language: str) -> str:
    return DATE_FORMATS.get(language, DATE_FORMATS["en"])


def styled(
    ws,
    value,
    *,
    number_format: str | None = None,
    font: Font | None = None,
    border: Border | None = None,
    alignment: Alignment | None = None,
) -> WriteOnlyCell:
    """A write-only cell carrying a style (plain values need no cell object)."""
    cell = WriteOnlyCell(ws, value=value)  # totals pass formulas here: user text goes via text()
    if number_format:
        cell.number_format = number_format
    if font:
        cell.font = font
    if border:
        cell.border = border
    if alignment:
        cell.alignment = alignment
    return cell


def styled_text(ws, value, **style) -> WriteOnlyCell:
    """A styled cell holding user text: a string cell even when it starts with "="."""
    return xlsx_text(styled(ws, value, **style))


def text(ws, value):
    """User-typed text (names, codes) for a row: a formula-like string becomes a string cell
    through ``core.spreadsheets.xlsx_text``; anything else stays a plain value (fast path)."""
    if isinstance(value, str) and is_formula_like(value):
        return xlsx_text(WriteOnlyCell(ws, value=value))
    return value


def header_cells(ws, labels, *, numeric_from: int | None = None) -> list[WriteOnlyCell]:
    """Header cells; columns from index `numeric_from` (0-based) on hold numbers: right-aligned."""
    cells = []
    for index, label in enumerate(labels):
        cell = xlsx_text(WriteOnlyCell(ws, value=str(label)))  # child area names are user text
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        numeric = numeric_from is not None and index >= numeric_from
        cell.alignment = HEADER_ALIGNMENT_NUMBER if numeric else HEADER_ALIGNMENT
        cells.append(cell)
    return cells


def sheet_setup(
    ws,
    *,
    widths: list[float],
    freeze: str | None = "A2",
    landscape: bool = True,
    header_row: int | None = 1,
    pages_wide: int = 1,
) -> None:
    """Widths, frozen header and fit-to-width printing; call before the first append."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    if freeze:
        ws.freeze_panes = freeze
    if header_row:
        ws.row_dimensions[header_row].height = HEADER_HEIGHT
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def sheet_finish(ws, *, header_row: int, columns: int, last_row: int) -> None:
    """Autofilter over the table and the header repeated on every printed page."""
    last_column = get_column_letter(max(columns, 1))
    ws.auto_filter.ref = f"A{header_row}:{last_column}{max(last_row, header_row)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
