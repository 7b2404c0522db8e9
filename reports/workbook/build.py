"""Put the workbook together: indicator sheets, the streamed Visits sheets, definitions."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from reports.indicators import period_bounds
from reports.rollups import data_as_of
from volunteers import access
from volunteers.models import Area, Visit

from . import sheets
from .visits import EXCEL_MAX_ROWS, VisitsWriter

# Share of the progress bar spent before and after the Visits rows.
PROGRESS_BEFORE_VISITS = 10
PROGRESS_AFTER_VISITS = 97


def team_scope(user) -> list[int] | None:
    """The teams a report for `user` counts, as on the dashboard (``access.report_teams``);
    None (all) for the command line, which has no user."""
    return None if user is None else access.report_teams(user)


def visits_in_period(
    *, area: Area, start: datetime.date, end: datetime.date, user=None
) -> QuerySet:
    """Visits to households in `area`'s subtree over start..end that `user` may see (None: all)."""
    first, after = period_bounds(start, end)
    visits = access.visible_visits(user) if user is not None else Visit.objects.all()
    return visits.filter(
        area.subtree_q("household__area__"), visited_at__gte=first, visited_at__lt=after
    )


def build_workbook(
    path,
    *,
    area: Area,
    start: datetime.date,
    end: datetime.date,
    user,
    language: str,
    include_names: bool,
    generated_by=None,
    on_progress: Callable[[int], None] | None = None,
    rows_per_sheet: int = EXCEL_MAX_ROWS,
) -> int:
    """Write the workbook of `area` over start..end to `path`; returns the number of visit rows.

    Call inside ``translation.override(language)``: every label is gettext'd.
    """
    progress = on_progress or (lambda percent: None)
    workbook = Workbook(write_only=True)
    context = sheets.SheetContext(
        area=area,
        start=start,
        end=end,
        user=user,
        language=language,
        generated_by=generated_by,
        generated_at=timezone.localtime(),
        teams=team_scope(user),
        data_as_of=data_as_of(),
    )
    summary = sheets.write_indicator_sheets(workbook, context)
    progress(PROGRESS_BEFORE_VISITS)

    visits = visits_in_period(area=area, start=start, end=end, user=user)
    if context.teams is not None:
        visits = visits.filter(team_id__in=context.teams)  # visit rows follow the visit's team
    # Only for the progress bar: the summary's visit count spares one more scan of the rows.
    total = max(summary.visits, 1)
    span = PROGRESS_AFTER_VISITS - PROGRESS_BEFORE_VISITS
    writer = VisitsWriter(
        workbook, language=language, include_names=include_names, rows_per_sheet=rows_per_sheet
    )
    rows = writer.write(
        visits, on_rows=lambda done: progress(PROGRESS_BEFORE_VISITS + span * done // total)
    )
    sheets.write_definitions(workbook, context)
    workbook.save(path)
    return rows
