"""Bulk import of areas and households from an Excel (.xlsx) or CSV file.

Each data row is saved in its own savepoint: a bad row is reported (row
number, column, message) and rolled back on its own, the good rows are kept,
and no row is ever half-saved (a household and its consent record are one
row). Row numbers are the spreadsheet's: the header is row 1.

Areas file columns: code, name, level, parent_code (a parent may appear
earlier in the same file; no parent_code makes a root, superusers only).
Households file columns: code, area_code, team (name or id), address,
head_name, phone, size, elderly, disability, low_income, ethnic_minority,
consent_given_by, consent_date (consent is required when any personal field
is present).
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import fold

from . import access
from .models import Area, Household, Team

AREA_COLUMNS = ("code", "name", "level", "parent_code")
HOUSEHOLD_COLUMNS = (
    "code",
    "area_code",
    "team",
    "address",
    "head_name",
    "phone",
    "size",
    "elderly",
    "disability",
    "low_income",
    "ethnic_minority",
    "consent_given_by",
    "consent_date",
)
PERSONAL_COLUMNS = ("address", "head_name", "phone")
FLAG_COLUMNS = {
    "elderly": "is_elderly",
    "disability": "has_disability",
    "low_income": "is_low_income",
    "ethnic_minority": "is_ethnic_minority",
}
TRUE_WORDS = {"1", "x", "yes", "y", "true", "co", "ja", "wahr"}
FALSE_WORDS = {"", "0", "no", "n", "false", "khong", "nein", "falsch"}
MAX_ROWS = 50_000

# Messages the user sees, defined once (tests assert on them).
MSG_UNREADABLE = gettext_lazy("The file could not be read as .xlsx or .csv.")
MSG_MISSING_COLUMNS = gettext_lazy("Missing columns: %(columns)s.")
MSG_TOO_MANY_ROWS = gettext_lazy("The file has more than %(max)s rows; split it.")
MSG_REQUIRED = gettext_lazy("This field is required.")
MSG_BAD_LEVEL = gettext_lazy("Unknown level; use one of: %(levels)s.")
MSG_PARENT_UNKNOWN = gettext_lazy(
    "No area with this code (a parent must come before its children)."
)
MSG_ROOT_FORBIDDEN = gettext_lazy("Only an administrator may add a top-level area.")
MSG_AREA_OUTSIDE = gettext_lazy("You may not add areas here.")
MSG_AREA_MOVED = gettext_lazy("An area with this code already exists under another parent.")
MSG_AREA_UNKNOWN = gettext_lazy("No area with this code that you may use.")
MSG_TEAM_UNKNOWN = gettext_lazy("No team with this name or id that you may add households to.")
MSG_TEAM_AMBIGUOUS = gettext_lazy("Several teams have this name; use the team id.")
MSG_HOUSEHOLD_EXISTS = gettext_lazy("A household with this code already exists.")
MSG_BAD_NUMBER = gettext_lazy("Enter a whole number between %(min)s and %(max)s.")
MSG_BAD_FLAG = gettext_lazy("Enter yes or no (1 or 0).")
MSG_BAD_DATE = gettext_lazy("Enter a date as YYYY-MM-DD or DD/MM/YYYY.")
MSG_FUTURE_DATE = gettext_lazy("The consent date cannot be in the future.")
MSG_CONSENT_REQUIRED = gettext_lazy(
    "Consent (who and when) is required before personal data is stored."
)
CONSENT_SCOPE = gettext_lazy("Consent recorded on paper; household imported from a file.")


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

    def add_error(self, row: int, column: str, message) -> None:
        self.errors.append(RowError(row=row, column=column, message=str(message)))

    def errors_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_("Row"), _("Column"), _("Problem")])
        for error in self.errors:
            writer.writerow([error.row or "", error.column, error.message])
        return buffer.getvalue()


class _RowInvalid(Exception):
    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(errors)
        self.errors = errors


# --- reading -----------------------------------------------------------------


def _header(value: Any) -> str:
    return fold(str(value or "")).replace(" ", "_")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def read_rows(file) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """(headers, [(row number, {header: value})]) of the first sheet of an .xlsx or a CSV file.

    `file` is a path or a binary file object (an upload). Blank rows are skipped.
    """
    data = Path(file).read_bytes() if isinstance(file, str | Path) else _read_all(file)
    if data[:2] == b"PK":
        table = _xlsx_rows(data)
    else:
        table = _csv_rows(data)
    headers = [_header(value) for value in next(table, [])]
    rows = []
    for number, values in enumerate(table, start=2):
        values = [_cell(value) for value in values]
        if not any(value != "" for value in values):
            continue
        rows.append((number, dict(zip(headers, values, strict=False))))
        if len(rows) > MAX_ROWS:
            break
    return headers, rows


def _read_all(file: IO) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read()
    return data.encode() if isinstance(data, str) else data


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise ValueError(str(MSG_UNREADABLE)) from exc
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(str(MSG_UNREADABLE)) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def _start(kind: str, file, columns: tuple[str, ...], required: tuple[str, ...]):
    report = ImportReport(kind=kind)
    try:
        headers, rows = read_rows(file)
    except (ValueError, KeyError, IndexError, StopIteration):
        report.add_error(0, "", MSG_UNREADABLE)
        return report, []
    missing = [column for column in required if column not in headers]
    if missing:
        report.add_error(1, "", MSG_MISSING_COLUMNS % {"columns": ", ".join(missing)})
        return report, []
    if len(rows) > MAX_ROWS:
        report.add_error(0, "", MSG_TOO_MANY_ROWS % {"max": MAX_ROWS})
        return report, []
    report.rows = len(rows)
    return report, rows


def _run_rows(report: ImportReport, rows, save_row) -> None:
    """Call `save_row(values)` for each row in its own savepoint; record its errors."""
    for number, values in rows:
        try:
            with transaction.atomic():
                created = save_row(values)
        except _RowInvalid as exc:
            for column, message in exc.errors:
                report.add_error(number, column, message)
            continue
        except ValidationError as exc:
            for column, messages in _validation_items(exc):
                for message in messages:
                    report.add_error(number, column, message)
            continue
        if created:
            report.created += 1
        else:
            report.updated += 1


def _validation_items(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            yield (
                ("" if name == "__all__" else name),
                [str(m) for error in errors for m in error.messages],
            )
    else:
        yield "", list(exc.messages)


# --- areas -------------------------------------------------------------------


def _level(value: str) -> str | None:
    folded = fold(value)
    for choice, label in Area.Level.choices:
        if folded in (choice, fold(str(label))):
            return choice
    return None


def areas_import(*, file, user) -> ImportReport:
    """Create (or rename) areas from a file; returns the report.

    A row whose code exists under the same parent updates its name and level.
    Non-superusers may add areas only below the areas they may see.
    """
    report, rows = _start("areas", file, AREA_COLUMNS, ("code", "name", "level"))
    allowed = access.visible_areas(user)

    def save_row(values: dict) -> bool:
        code = str(values.get("code", "")).strip()
        name = str(values.get("name", "")).strip()
        parent_code = str(values.get("parent_code", "") or "").strip()
        level = _level(str(values.get("level", "")))
        errors = [
            (column, MSG_REQUIRED)
            for column, value in (("code", code), ("name", name))
            if not value
        ]
        if level is None:
            levels = ", ".join(choice for choice, _label in Area.Level.choices)
            errors.append(("level", MSG_BAD_LEVEL % {"levels": levels}))
        parent = None
        if parent_code:
            parent = Area.objects.filter(code=parent_code).first()
            if parent is None:
                errors.append(("parent_code", MSG_PARENT_UNKNOWN))
            elif not allowed.filter(pk=parent.pk).exists():
                errors.append(("parent_code", MSG_AREA_OUTSIDE))
        elif not user.is_superuser:
            errors.append(("parent_code", MSG_ROOT_FORBIDDEN))
        if errors:
            raise _RowInvalid(errors)
        existing = Area.objects.filter(code=code).first()
        if existing is not None:
            same_parent = existing.get_parent() == parent if parent else existing.is_root()
            if not same_parent:
                raise _RowInvalid([("parent_code", MSG_AREA_MOVED)])
            existing.name, existing.level = name, level
            existing.full_clean()
            existing.save(update_fields=["name", "level", "updated_at"])
            return False
        area = Area(name=name, level=level, code=code)
        area.full_clean(exclude=["path", "depth", "numchild"])
        if parent is None:
            Area.add_root(instance=area)
        else:
            parent.refresh_from_db()  # treebeard needs the current numchild and path
            parent.add_child(instance=area)
        return True

    _run_rows(report, rows, save_row)
    return report


# --- households --------------------------------------------------------------


def _flag(value) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(str(value))
    if folded in TRUE_WORDS:
        return True
    if folded in FALSE_WORDS:
        return False
    raise ValueError(folded)


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(text)


class _HouseholdRows:
    """Lookups shared by the rows of one households import (areas, teams, the user's rights)."""

    def __init__(self, user):
        self.user = user
        self.areas = access.visible_areas(user)
        self.teams = access.recordable_teams(user)
        self._area_cache: dict[str, Area | None] = {}
        self._team_cache: dict[str, Team | str | None] = {}

    def area(self, code: str) -> Area | None:
        if code not in self._area_cache:
            self._area_cache[code] = self.areas.filter(code=code).first()
        return self._area_cache[code]

    def team(self, value: str) -> Team | str | None:
        """The team by id or name; the string "ambiguous" when several share the name."""
        if value not in self._team_cache:
            if value.isdigit():
                found = list(self.teams.filter(pk=int(value))[:1])
            else:
                found = list(self.teams.filter(name__iexact=value)[:2])
            self._team_cache[value] = (
                "ambiguous" if len(found) > 1 else (found[0] if found else None)
            )
        return self._team_cache[value]

    def parse(self, values: dict) -> dict:
        """The household's fields from one row, or _RowInvalid with every problem found."""
        errors: list[tuple[str, Any]] = []
        text = {column: str(values.get(column, "") or "").strip() for column in HOUSEHOLD_COLUMNS}
        for column in ("code", "area_code", "team"):
            if not text[column]:
                errors.append((column, MSG_REQUIRED))
        area = self.area(text["area_code"]) if text["area_code"] else None
        if text["area_code"] and area is None:
            errors.append(("area_code", MSG_AREA_UNKNOWN))
        team = self.team(text["team"]) if text["team"] else None
        if team == "ambiguous":
            errors.append(("team", MSG_TEAM_AMBIGUOUS))
        elif text["team"] and team is None:
            errors.append(("team", MSG_TEAM_UNKNOWN))
        fields: dict[str, Any] = {
            "code": text["code"],
            "area": area,
            "team": team,
            **{column: text[column] for column in PERSONAL_COLUMNS},
        }
        size = values.get("size", "")
        if size in ("", None):
            fields["size"] = 1
        else:
            try:
                fields["size"] = int(str(size).strip())
                if not 1 <= fields["size"] <= 99:
                    raise ValueError(size)
            except ValueError:
                errors.append(("size", MSG_BAD_NUMBER % {"min": 1, "max": 99}))
        for column, name in FLAG_COLUMNS.items():
            try:
                fields[name] = _flag(values.get(column, ""))
            except ValueError:
                errors.append((column, MSG_BAD_FLAG))
        consent_date = None
        if values.get("consent_date", "") not in ("", None):
            try:
                consent_date = _date(values["consent_date"])
                if consent_date > timezone.localdate():
                    errors.append(("consent_date", MSG_FUTURE_DATE))
            except ValueError:
                errors.append(("consent_date", MSG_BAD_DATE))
        if any(text[column] for column in PERSONAL_COLUMNS):
            if not text["consent_given_by"]:
                errors.append(("consent_given_by", MSG_CONSENT_REQUIRED))
            if values.get("consent_date", "") in ("", None):
                errors.append(("consent_date", MSG_CONSENT_REQUIRED))
        if errors:
            raise _RowInvalid(errors)
        if consent_date is not None:
            fields["consent_given_by"] = text["consent_given_by"]
            fields["consent_at"] = timezone.make_aware(
                datetime.datetime.combine(consent_date, datetime.time(12, 0))
            )
            fields["consent_scope"] = str(CONSENT_SCOPE)
            fields["consent_recorded_by"] = self.user
        return fields


def households_import(*, file, user) -> ImportReport:
    """Create households (with their consent record) from a file; returns the report.

    Only into areas the user may see and teams whose households the user may
    change (access module); existing codes are reported, never overwritten.
    """
    report, rows = _start("households", file, HOUSEHOLD_COLUMNS, ("code", "area_code", "team"))
    lookups = _HouseholdRows(user)

    def save_row(values: dict) -> bool:
        fields = lookups.parse(values)
        if Household.objects.filter(code=fields["code"]).exists():
            raise _RowInvalid([("code", MSG_HOUSEHOLD_EXISTS)])
        _household_save(user=user, **fields)
        return True

    _run_rows(report, rows, save_row)
    return report


COLUMN_OF_FIELD = {
    "area": "area_code",
    "team": "team",
    "code": "code",
    "consent_given_by": "consent_given_by",
}
COLUMN_OF_CODE = {"consent_required": "consent_given_by", "team": "team"}


def _household_save(*, user, **fields) -> Household:
    """The one place an imported household is written (validated, with its consent).

    With consent, the field service `household_register` does the work (its
    checks: the user's team, the area inside the team's area); the consent
    date from the file then replaces "now". A row without any personal data
    and without consent is only validated and saved: there is nothing to
    consent to, which the service does not allow for.
    """
    try:
        if fields.get("consent_at") is None:
            if not access.recordable_teams(user).filter(pk=fields["team"].pk).exists():
                raise ValidationError({"team": MSG_TEAM_UNKNOWN})
            household = Household(**fields)
            household.full_clean()
            household.save()
            return household
        from .services import household_register

        consent_at = fields.pop("consent_at")
        fields.pop("consent_recorded_by", None)
        household = household_register(user=user, consent_confirmed=True, **fields)
        Household.objects.filter(pk=household.pk).update(consent_at=consent_at)
        return household
    except ValidationError as exc:
        raise _RowInvalid(list(_service_errors(exc))) from exc


def _service_errors(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                column = COLUMN_OF_FIELD.get(name, COLUMN_OF_CODE.get(error.code, ""))
                for message in error.messages:
                    yield column, message
    else:
        for error in exc.error_list:
            for message in error.messages:
                yield COLUMN_OF_CODE.get(error.code, ""), message
