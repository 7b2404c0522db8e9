"""The Visits sheet(s): one row per visit, streamed in chunks in constant memory.

Rows come from one `values_list(...).iterator()`; the many-to-many columns
come with them as correlated subqueries (the number of volunteers; the
skill and service ids as a comma-separated list, GROUP_CONCAT on SQLite,
STRING_AGG on PostgreSQL), named from small lookup tables read once. Area
and team names are fetched once per chunk of rows, so the number of queries
grows with the number of chunks, never with the number of rows (measured
against IN-list queries per chunk: about 7x less time on SQLite). Past `rows_per_sheet` rows (Excel's
limit by default) the table continues on "Visits (2)", "Visits (3)", ...
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db.models import Aggregate, CharField, Count, IntegerField, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell

from courses.models import skill_names
from volunteers.models import Area, Service, Team, Visit

from . import styles
from .styles import text

EXCEL_MAX_ROWS = 1_048_576
CHUNK_SIZE = 2_000


def _batched(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _Names:
    """id -> name for a small table, fetched lazily for the ids a chunk needs."""

    def __init__(self, queryset: QuerySet, field: str = "name"):
        self.queryset = queryset
        self.field = field
        self.names: dict[int, str] = {}

    def fetch(self, ids: Iterable[int]) -> None:
        missing = {pk for pk in ids if pk is not None and pk not in self.names}
        if missing:
            self.names.update(self.queryset.filter(pk__in=missing).values_list("pk", self.field))

    def __getitem__(self, pk: int) -> str:
        return self.names.get(pk, "")


class _IdList(Aggregate):
    """The grouped ids as one comma-separated string."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra_context,
        )


def _id_list(through, column: str) -> Subquery:
    rows = through.objects.filter(visit_id=OuterRef("pk")).order_by().values("visit_id")
    return Subquery(rows.annotate(ids=_IdList(column)).values("ids")[:1], output_field=CharField())


def _count(through) -> Subquery:
    rows = through.objects.filter(visit_id=OuterRef("pk")).order_by().values("visit_id")
    return Subquery(rows.annotate(n=Count("*")).values("n")[:1], output_field=IntegerField())


def _joined(ids: str | None, names: dict[int, str]) -> str:
    if not ids:
        return ""
    return "; ".join(sorted(names.get(int(pk), "") for pk in ids.split(",")))


class _Joined(dict):
    """Id lists joined to names once ("3,1" -> "Name 1; Name 3"): a sheet repeats a few dozen."""

    def __init__(self, names: dict[int, str]):
        super().__init__()
        self.names = names

    def __missing__(self, ids: str) -> str:
        self[ids] = value = _joined(ids, self.names)
        return value


class VisitsWriter:
    """Writes the visits of `visits` (a Visit queryset already scoped and filtered)."""

    def __init__(
        self,
        workbook,
        *,
        language: str,
        include_names: bool,
        rows_per_sheet: int = EXCEL_MAX_ROWS,
        chunk_size: int = CHUNK_SIZE,
    ):
        if rows_per_sheet < 2:
            raise ValueError("rows_per_sheet must leave room for the header and one row")
        self.workbook = workbook
        self.language = language
        self.include_names = include_names
        self.rows_per_sheet = rows_per_sheet
        self.chunk_size = chunk_size
        self.sheets: list = []
        self.tz = zoneinfo.ZoneInfo(timezone.get_current_timezone_name())
        self.outcomes = {value: str(label) for value, label in Visit.Outcome.choices}
        self.areas = _Names(Area.objects.all())
        self.teams = _Names(Team.objects.all())
        # Small catalogues: read whole, once.
        self.skills = _Joined(skill_names())  # in the workbook's language
        self.services = _Joined(dict(Service.objects.values_list("pk", "name")))

    # --- layout ---------------------------------------------------------------

    def headers(self) -> list[str]:
        labels = [_("Date and time"), _("Household code")]
        if self.include_names:
            labels.append(_("Head of household"))
        labels += [
            _("Area"),
            _("Team"),
            _("Volunteers"),
            _("Duration (minutes)"),
            _("Outcome"),
            _("Skills practised"),
            _("Services completed"),
            _("Satisfaction (1-5)"),
            _("Follow-up on"),
        ]
        return labels

    def widths(self) -> list[float]:
        widths = [17, 14] + ([26] if self.include_names else [])
        return widths + [24, 24, 14, 12, 18, 40, 40, 13, 14]

    def sheet_title(self, number: int) -> str:
        title = _("Visits")
        return title if number == 1 else f"{title} ({number})"

    def _open_sheet(self):
        ws = self.workbook.create_sheet(self.sheet_title(len(self.sheets) + 1)[:31])
        styles.sheet_setup(ws, widths=self.widths())
        ws.append(styles.header_cells(ws, self.headers()))
        day = styles.date_format(self.language)
        # One styled cell per dated column, reused for every row: the row is
        # written out before the next append, and it saves a cell per value.
        self._visited_cell = WriteOnlyCell(ws)
        self._visited_cell.number_format = day + styles.TIME_SUFFIX
        self._follow_up_cell = WriteOnlyCell(ws)
        self._follow_up_cell.number_format = day
        self.sheets.append(ws)
        self._sheet_rows = 1
        return ws

    def _close_sheet(self, ws) -> None:
        styles.sheet_finish(
            ws, header_row=1, columns=len(self.headers()), last_row=self._sheet_rows
        )

    # --- rows -------------------------------------------------------------------

    def write(self, visits: QuerySet, *, on_rows: Callable[[int], None] | None = None) -> int:
        """Write every visit of `visits`; returns the number of visit rows written."""
        fields = [
            "pk",
            "visited_at",
            "household__code",
            "household__head_name",
            "household__area_id",
            "team_id",
            "duration_minutes",
            "outcome",
            "satisfaction",
            "follow_up_on",
        ]
        rows = (
            visits.order_by("visited_at", "pk")
            .annotate(
                _volunteers=_count(Visit.volunteers.through),
                _skills=_id_list(Visit.skills.through, "skill_id"),
                _services=_id_list(Visit.services.through, "service_id"),
            )
            .values_list(*fields, "_volunteers", "_skills", "_services")
            .iterator(chunk_size=self.chunk_size)
        )
        ws = self._open_sheet()
        written = 0
        for chunk in _batched(rows, self.chunk_size):
            self.areas.fetch(row[4] for row in chunk)
            self.teams.fetch(row[5] for row in chunk)
            for (
                _pk,
                visited_at,
                code,
                head,
                area_id,
                team_id,
                minutes,
                outcome,
                score,
                follow_up,
                volunteers,
                skills,
                services,
            ) in chunk:
                if self._sheet_rows >= self.rows_per_sheet:
                    self._close_sheet(ws)
                    ws = self._open_sheet()
                self._visited_cell.value = visited_at.astimezone(self.tz).replace(tzinfo=None)
                self._follow_up_cell.value = follow_up
                # User text goes through styles.text (xlsx_text for a formula-like value).
                row = [self._visited_cell, text(ws, code)]
                if self.include_names:
                    row.append(text(ws, head))
                row += [
                    text(ws, self.areas[area_id]),
                    text(ws, self.teams[team_id]),
                    volunteers or 0,
                    minutes,
                    self.outcomes.get(outcome, outcome),
                    text(ws, self.skills[skills]) if skills else "",
                    text(ws, self.services[services]) if services else "",
                    score,
                    self._follow_up_cell if follow_up else None,
                ]
                ws.append(row)
                self._sheet_rows += 1
            written += len(chunk)
            if on_rows:
                on_rows(written)
        self._close_sheet(ws)
        return written
