"""The row-by-row report of an import, and running the rows each in its own savepoint."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.forms import validation_messages

from .reader import Rows


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
            writer.writerow([error.row or "", error.column, error.message])
        return buffer.getvalue()


class RowInvalid(Exception):
    """A row's cells cannot be read: (column, message) for each problem found."""

    def __init__(self, errors: list[tuple[str, Any]]):
        super().__init__(errors)
        self.errors = errors


def run_rows(
    report: ImportReport,
    rows: Rows,
    save_row: Callable[[dict[str, Any]], bool],
    column_of_field: Mapping[str, str],
) -> None:
    """Call `save_row(values)` (True: created, False: updated) for each row in its own savepoint.

    A row that raises RowInvalid, or a ValidationError from a service, is
    rolled back and reported; the error of a model field is reported under
    its column (`column_of_field`, else the field's own name).
    """
    report.rows = len(rows)
    for number, values in rows:
        try:
            with transaction.atomic():
                created = save_row(values)
        except RowInvalid as exc:
            for column, message in exc.errors:
                report.add_error(number, column, message)
            continue
        except ValidationError as exc:
            # Two fields may share a column (consent_scope is not in the file): report once.
            problems = {
                (column_of_field.get(name, name), message): None
                for name, _code, message in validation_messages(exc)
            }
            for column, message in problems:
                report.add_error(number, column, message)
            continue
        if created:
            report.created += 1
        else:
            report.updated += 1
