"""The rows of each kind of import file, written through the services.

Areas file columns: code, name, level, parent_code (a parent may appear
earlier in the same file; no parent_code makes a root, superusers only).
Households file columns: code, area_code, team (name or id), address,
head_name, phone, size, one yes/no column per vulnerability group (its key:
elderly, disability, ...), consent_given_by, consent_date. The services
decide the rules (consent before personal data, the size limits, where a
user may add areas); this module reads the cells and names the column of
each problem.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.parsing import parse_date, parse_id, parse_int
from core.text import fold
from volunteers import access, services
from volunteers.models import Area, Household, Team
from volunteers.vocabulary import GROUP_BY_KEY, VULNERABILITY_GROUPS

from .reader import TableError, read_table
from .report import ImportReport, Progress, RowInvalid, run_rows

if TYPE_CHECKING:
    from django.contrib.auth.models import User

AREA_COLUMNS = ("code", "name", "level", "parent_code")
FLAG_COLUMNS = tuple(GROUP_BY_KEY)
PERSONAL_COLUMNS = Household.PERSONAL_FIELDS
HOUSEHOLD_COLUMNS = (
    "code",
    "area_code",
    "team",
    *PERSONAL_COLUMNS,
    "size",
    *FLAG_COLUMNS,
    "consent_given_by",
    "consent_date",
)
TRUE_WORDS = {"1", "x", "yes", "y", "true", "co", "ja", "wahr"}
FALSE_WORDS = {"", "0", "no", "n", "false", "khong", "nein", "falsch"}

# The column each service field's errors are reported under (else the field's name).
AREA_COLUMN_OF_FIELD = {"parent": "parent_code"}
HOUSEHOLD_COLUMN_OF_FIELD = {
    "area": "area_code",
    "consent_at": "consent_date",
    "consent_scope": "consent_given_by",  # the file has no scope column: the import sets it
    **{group.field: group.key for group in VULNERABILITY_GROUPS},
}

MSG_REQUIRED = _("This field is required.")
MSG_BAD_LEVEL = _("Unknown level; use one of: %(levels)s.")
MSG_PARENT_UNKNOWN = _("No area with this code (a parent must come before its children).")
MSG_AREA_MOVED = _("An area with this code already exists under another parent.")
MSG_AREA_UNKNOWN = _("No area with this code that you may use.")
MSG_TEAM_UNKNOWN = _("No team with this name or id that you may add households to.")
MSG_TEAM_AMBIGUOUS = _("Several teams have this name; use the team id.")
MSG_HOUSEHOLD_EXISTS = _("A household with this code already exists.")
MSG_BAD_NUMBER = _("Enter a whole number between %(min)s and %(max)s.")
MSG_BAD_FLAG = _("Enter yes or no (1 or 0).")
MSG_BAD_DATE = _("Enter a date as YYYY-MM-DD or DD/MM/YYYY.")
MSG_FUTURE_DATE = _("The consent date cannot be in the future.")
CONSENT_SCOPE = _("Consent recorded on paper; household imported from a file.")


def _open(kind: str, file: Any, required: tuple[str, ...]) -> tuple[ImportReport, list]:
    report = ImportReport(kind=kind)
    try:
        return report, read_table(file, required=required)
    except TableError as exc:
        report.add_error(exc.row, "", exc.message)
        return report, []


def _text(values: dict[str, Any], column: str) -> str:
    return str(values.get(column, "") or "").strip()


# --- areas -------------------------------------------------------------------


def _level(value: str) -> str | None:
    folded = fold(value)
    for choice, label in Area.Level.choices:
        if folded in (choice, fold(str(label))):
            return choice
    return None


def _area_row(user: User, values: dict[str, Any]) -> bool:
    """Create the row's area (True) or rename the one with its code under the same parent (False)."""
    code, name, parent_code = (_text(values, c) for c in ("code", "name", "parent_code"))
    level = _level(_text(values, "level"))
    errors: list[tuple[str, Any]] = [
        (column, MSG_REQUIRED) for column, value in (("code", code), ("name", name)) if not value
    ]
    if level is None:
        levels = ", ".join(choice for choice, _label in Area.Level.choices)
        errors.append(("level", MSG_BAD_LEVEL % {"levels": levels}))
    # Any area's code, not only visible ones: the service says "not here" for the others.
    parent = Area.objects.filter(code=parent_code).first() if parent_code else None
    if parent_code and parent is None:
        errors.append(("parent_code", MSG_PARENT_UNKNOWN))
    if errors:
        raise RowInvalid(errors)
    existing = Area.objects.filter(code=code).first()
    if existing is None:
        services.area_create(user=user, name=name, level=level, code=code, parent=parent)
        return True
    if existing.get_parent() != parent:
        raise RowInvalid([("parent_code", MSG_AREA_MOVED)])
    services.area_update(user=user, area=existing, name=name, level=level)
    return False


def areas_import(*, file: Any, user: User, progress: Progress | None = None) -> ImportReport:
    """Create (or rename) areas from a file; returns the report.

    A row whose code exists under the same parent updates its name and level.
    Non-superusers may add areas only below the areas they may see.
    """
    report, rows = _open("areas", file, ("code", "name", "level"))
    run_rows(report, rows, lambda values: _area_row(user, values), AREA_COLUMN_OF_FIELD, progress)
    return report


# --- households --------------------------------------------------------------


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(str(value))
    if folded in TRUE_WORDS:
        return True
    if folded in FALSE_WORDS:
        return False
    raise ValueError(folded)


def _date(value: Any) -> datetime.date:
    """A calendar date (no time zone) between the years core.parsing allows."""
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(str(value)[:40])
    return parsed


def _size(value: Any) -> int:
    """The size cell as a whole number (empty: 1); the model's validators check the bounds.

    ASCII digits only: "²" passes str.isdigit() but not int(), "١٢" passes int().
    """
    if value in ("", None):
        return 1
    if isinstance(value, float):
        raise ValueError(value)
    size = parse_int(value, maximum=2**31 - 1)
    if size is None:
        raise ValueError(str(value)[:40])
    return size


class HouseholdRows:
    """The rows of one households import, with the lookups they share (areas, teams)."""

    def __init__(self, user: User):
        self.user = user
        self.teams = access.recordable_teams(user)
        self._areas: dict[str, Area | None] = {}
        self._teams: dict[str, Team | str | None] = {}

    def area(self, code: str) -> Area | None:
        if code not in self._areas:
            self._areas[code] = access.area_for_user_by_code(self.user, code)
        return self._areas[code]

    def team(self, value: str) -> Team | str | None:
        """The team by id or name; the string "ambiguous" when several share the name."""
        if value not in self._teams:
            pk = parse_id(value)  # not str.isdigit(): "²" would reach int() and fail
            if pk is not None:
                found = list(self.teams.filter(pk=pk)[:1])
            else:
                found = list(self.teams.filter(name__iexact=value)[:2])
            self._teams[value] = "ambiguous" if len(found) > 1 else (found[0] if found else None)
        return self._teams[value]

    def fields(self, values: dict[str, Any]) -> dict[str, Any]:
        """household_create's arguments from one row, or RowInvalid naming every unreadable cell."""
        text = {column: _text(values, column) for column in HOUSEHOLD_COLUMNS}
        errors: list[tuple[str, Any]] = [
            (column, MSG_REQUIRED) for column in ("code", "area_code", "team") if not text[column]
        ]
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
            "consent_given_by": text["consent_given_by"],
            **{column: text[column] for column in PERSONAL_COLUMNS},
        }
        try:
            fields["size"] = _size(values.get("size"))
        except ValueError:
            low, high = Household.size_limits()
            errors.append(("size", MSG_BAD_NUMBER % {"min": low, "max": high}))
        for key, group in GROUP_BY_KEY.items():
            try:
                fields[group.field] = _flag(values.get(key, ""))
            except ValueError:
                errors.append((key, MSG_BAD_FLAG))
        consent_date = None
        if values.get("consent_date") not in ("", None):
            try:
                consent_date = _date(values["consent_date"])
            except ValueError:
                errors.append(("consent_date", MSG_BAD_DATE))
            else:
                if consent_date > timezone.localdate():
                    errors.append(("consent_date", MSG_FUTURE_DATE))
        if errors:
            raise RowInvalid(errors)
        fields["consent_at"] = consent_date and timezone.make_aware(
            datetime.datetime.combine(consent_date, datetime.time(12, 0))
        )
        if fields["consent_at"] or fields["consent_given_by"]:
            fields["consent_scope"] = str(CONSENT_SCOPE)
        return fields

    def save(self, values: dict[str, Any]) -> bool:
        fields = self.fields(values)
        if Household.objects.filter(code=fields["code"]).exists():
            raise RowInvalid([("code", MSG_HOUSEHOLD_EXISTS)])
        services.household_create(user=self.user, **fields)
        return True


def households_import(*, file: Any, user: User, progress: Progress | None = None) -> ImportReport:
    """Create households (with their consent record) from a file; returns the report.

    Only into areas the user may see and teams whose households the user may
    change (access module); existing codes are reported, never overwritten.
    """
    report, rows = _open("households", file, ("code", "area_code", "team"))
    run_rows(report, rows, HouseholdRows(user).save, HOUSEHOLD_COLUMN_OF_FIELD, progress)
    return report


IMPORTERS = {"areas": areas_import, "households": households_import}
