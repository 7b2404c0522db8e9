"""The Visits sheet(s): one row per visit, streamed in chunks in constant memory.

Rows come from one `values_list(...).iterator()`; the many-to-many columns
(volunteers, skills, services) and the area and team names are fetched once
per chunk of visits, so the number of queries grows with the number of
chunks, never with the number of rows. Past `rows_per_sheet` rows (Excel's
limit by default) the table continues on "Visits (2)", "Visits (3)", ...
"""

from __future__ import annotations

import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell

from courses.models import Skill
from volunteers.models import Area, Service, Team, Visit

from . import styles

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


def _joined_by_visit(through, column: str, visit_ids: list[int], names: _Names) -> dict[int, str]:
    pairs = list(through.objects.filter(visit_id__in=visit_ids).values_list("visit_id", column))
    names.fetch(pk for _visit, pk in pairs)
    joined: dict[int, list[str]] = defaultdict(list)
    for visit_id, pk in pairs:
        joined[visit_id].append(names[pk])
    return {visit_id: "; ".join(sorted(values)) for visit_id, values in joined.items()}


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
        self.skills = _Names(Skill.objects.all())
        self.services = _Names(Service.objects.all())

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
        return widths + [24, 24, 11, 11, 18, 40, 40, 12, 13]

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
            .values_list(*fields)
            .iterator(chunk_size=self.chunk_size)
        )
        ws = self._open_sheet()
        written = 0
        for chunk in _batched(rows, self.chunk_size):
            ids = [row[0] for row in chunk]
            volunteers = Counter(
                Visit.volunteers.through.objects.filter(visit_id__in=ids).values_list(
                    "visit_id", flat=True
                )
            )
            skills = _joined_by_visit(Visit.skills.through, "skill_id", ids, self.skills)
            services = _joined_by_visit(Visit.services.through, "service_id", ids, self.services)
            self.areas.fetch(row[4] for row in chunk)
            self.teams.fetch(row[5] for row in chunk)
            for (
                pk,
                visited_at,
                code,
                head,
                area_id,
                team_id,
                minutes,
                outcome,
                score,
                follow_up,
            ) in chunk:
                if self._sheet_rows >= self.rows_per_sheet:
                    self._close_sheet(ws)
                    ws = self._open_sheet()
                self._visited_cell.value = visited_at.astimezone(self.tz).replace(tzinfo=None)
                self._follow_up_cell.value = follow_up
                row = [self._visited_cell, code]
                if self.include_names:
                    row.append(head)
                row += [
                    self.areas[area_id],
                    self.teams[team_id],
                    volunteers.get(pk, 0),
                    minutes,
                    self.outcomes.get(outcome, outcome),
                    skills.get(pk, ""),
                    services.get(pk, ""),
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
