"""The row-by-row report of an import, and running the rows each in its own savepoint."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.forms import validation_messages
from core.spreadsheets import csv_text

from .reader import Rows

logger = logging.getLogger(__name__)


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    """What an import did: rows read, created, updated, and one entry per problem."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        return len({error.row for error in self.errors if error.row})

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, row: int, column: str, message: Any) -> None:
        self.errors.append(RowError(row=row, column=column, message=str(message)))

    def errors_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_("Row"), _("Column"), _("Problem")])
        for error in self.errors:
            # A problem can quote the uploaded cell: never let it become a formula.
            writer.writerow([error.row or "", csv_text(error.column), csv_text(error.message)])
        return buffer.getvalue()


class RowInvalid(Exception):
    """A row's cells cannot be read: (column, message) for each problem found."""

    def __init__(self, errors: list[tuple[str, Any]]):
        super().__init__(errors)
        self.errors = errors


# Rows saved per transaction: each chunk commits with the job's counters (see run_rows).
CHUNK_ROWS = 200

MSG_ROW_FAILED = _lazy("This row could not be saved; nothing of it was kept.")

Progress = Callable[["ImportReport", int], None]


def run_rows(
    report: ImportReport,
    rows: Rows,
    save_row: Callable[[dict[str, Any]], bool],
    column_of_field: Mapping[str, str],
    progress: Progress | None = None,
) -> None:
    """Call `save_row(values)` (True: created, False: updated) for each row in its own savepoint.

    A row that raises RowInvalid, a ValidationError from a service, or any
    other error is rolled back and reported (the error of a model field under
    its column: `column_of_field`, else the field's own name); the other rows
    are kept. Rows are saved CHUNK_ROWS at a time in one transaction that
    also runs `progress(report, rows_done)`, so a job's saved counters always
    match the rows in the database, even if the process dies mid-file.
    """
    report.rows = len(rows)
    for start in range(0, len(rows), CHUNK_ROWS):
        with transaction.atomic():
            for number, values in rows[start : start + CHUNK_ROWS]:
                _run_row(report, number, values, save_row, column_of_field)
            if progress is not None:
                progress(report, min(start + CHUNK_ROWS, len(rows)))


def _run_row(report, number, values, save_row, column_of_field) -> None:
    try:
        with transaction.atomic():
            created = save_row(values)
    except RowInvalid as exc:
        for column, message in exc.errors:
            report.add_error(number, column, message)
        return
    except ValidationError as exc:
        # Two fields may share a column (consent_scope is not in the file): report once.
        problems = {
            (column_of_field.get(name, name), message): None
            for name, _code, message in validation_messages(exc)
        }
        for column, message in problems:
            report.add_error(number, column, message)
        return
    except Exception:  # an unforeseen cell: the row is rolled back and reported, never a 500
        logger.exception("Import row %s failed", number)
        report.add_error(number, "", MSG_ROW_FAILED)
        return
    if created:
        report.created += 1
    else:
        report.updated += 1
