import csv
import io

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from core.spreadsheets import csv_text, xlsx_text

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", '=HYPERLINK("http://x")']


def test_xlsx_cells_keep_user_text_as_text(tmp_path):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([xlsx_text(WriteOnlyCell(sheet, value=text)) for text in HOSTILE])
    sheet.append(
        [xlsx_text(WriteOnlyCell(sheet, value=7)), xlsx_text(WriteOnlyCell(sheet, value="Lan"))]
    )
    path = tmp_path / "hostile.xlsx"
    workbook.save(path)
    rows = list(load_workbook(path).active.iter_rows())
    assert [(cell.value, cell.data_type) for cell in rows[0]] == [(text, "s") for text in HOSTILE]
    assert [(cell.value, cell.data_type) for cell in rows[1][:2]] == [(7, "n"), ("Lan", "s")]


def test_csv_cells_cannot_start_a_formula():
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_text(text) for text in [*HOSTILE, "Bùi Thị Lan", 3]])
    cells = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert all(cell.startswith("'") for cell in cells[: len(HOSTILE)])
    assert cells[len(HOSTILE) :] == ["Bùi Thị Lan", "3"]
