"""The officials' dashboard: indicators for an area and period, child areas, trend by month."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from core.text import sort_key
from reports import charts, indicators, rollups, selectors
from reports.periods import PeriodForm
from volunteers.vocabulary import VULNERABILITY_GROUPS

# What each table shows, as keys of the indicator registry (reports.indicators): labels,
# formats and sorting come from each key's Definition.
CHILD_COLUMNS = (
    "households_registered",
    "households_reached",
    "households_target",
    "coverage",
    "visits",
    "learners_certified",
    "active_volunteers",
    "volunteer_hours",
    "follow_ups_overdue",
    "average_satisfaction",
)
MONTH_COLUMNS = ("visits", "households_reached", "certifications", "volunteer_hours")
TEAM_COLUMNS = (
    "visits",
    "households_reached",
    "active_volunteers",
    "volunteer_hours",
    "follow_ups_overdue",
)
# Per skill: its certificates and distinct learners certified (then visits that practised it).
SKILL_COLUMNS = ("certifications", "learners_certified")
# Headline cards: a ratio, shown as its numerator against its denominator; the word before
# the denominator ("target" when None).
KPI_CARDS = {
    "coverage": None,
    "certified_coverage": None,
    "visits_coverage": None,
    "teams_reporting_share": pgettext_lazy("teams reporting 3 of 4", "of"),
}
FIGURES = (
    "households_registered",
    "learners",
    "certifications",
    "active_volunteers",
    "volunteer_hours",
    "mentors",
    "follow_ups_overdue",
    "average_satisfaction",
)
WARN_WHEN_ANY = {"follow_ups_overdue"}  # figures shown as a warning when not zero
# Query-string sort keys of the child-area table.
SORT_COLUMNS = ("name", *CHILD_COLUMNS)
TEAM_TABLE_MAX = 60  # teams listed on one dashboard at most


@dataclass(frozen=True)
class Cell:
    definition: indicators.Definition
    value: int | float | None


@dataclass(frozen=True)
class TableRow:
    """A breakdown row (AreaRow, TeamRow or MonthRow) with its cells for `columns`."""

    row: indicators.AreaRow | indicators.TeamRow | indicators.MonthRow
    cells: list[Cell]

    @property
    def values(self) -> indicators.Summary:
        return self.row.values

    @property
    def area(self):
        return getattr(self.row, "area", None)

    @property
    def team(self):
        return getattr(self.row, "team", None)

    @property
    def month(self):
        return getattr(self.row, "month", None)


def _table(rows, columns) -> list[TableRow]:
    result = []
    for row in rows:
        values = row.values.as_dict()
        cells = [Cell(indicators.definition(key), values[key]) for key in columns]
        result.append(TableRow(row, cells))
    return result


def _sorted_rows(rows: list[TableRow], sort: str) -> list[TableRow]:
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key not in SORT_COLUMNS:
        key = "name"

    def value(row: TableRow):
        if key == "name":
            return sort_key(row.area.name if row.area else "")
        return next(cell.value for cell in row.cells if cell.definition.key == key)

    def row_key(row):
        found = value(row)
        # Missing values (no target, no rating) sort last whichever the direction.
        return (found is None) != descending, found if found is not None else 0

    return sorted(rows, key=row_key, reverse=descending)


def _columns(sort: str, base_query: dict) -> list[dict]:
    """Header cells with the link that sorts by that column (toggling the direction)."""
    columns = []
    for key in SORT_COLUMNS:
        label = _("Area") if key == "name" else indicators.definition(key).label
        current = sort.lstrip("-") == key
        descending = current and sort.startswith("-")
        next_sort = (
            key if current and descending else f"-{key}" if key != "name" or current else key
        )
        query = urlencode({**base_query, "sort": next_sort})
        columns.append(
            {
                "key": key,
                "label": label,
                "url": f"?{query}",
                "aria_sort": ("descending" if descending else "ascending") if current else None,
                "numeric": key != "name",
            }
        )
    return columns


def _kpis(summary: indicators.Summary) -> list[dict]:
    """The headline cards: each ratio's numerator, its denominator and the fraction."""
    values = summary.as_dict()
    cards = []
    for key, of_label in KPI_CARDS.items():
        numerator, denominator = indicators.definition(key).ratio_of or ("", "")
        cards.append(
            {
                "label": indicators.definition(numerator).label,
                "value": values[numerator],
                "target": values[denominator],
                "fraction": values[key],
                "of_label": of_label,
            }
        )
    return cards


def _figures(summary: indicators.Summary) -> list[dict]:
    values = summary.as_dict()
    return [
        {
            "definition": indicators.definition(key),
            "value": values[key],
            "warn": key in WARN_WHEN_ANY and bool(values[key]),
        }
        for key in FIGURES
    ]


def _headers(columns) -> list[indicators.Definition]:
    return [indicators.definition(key) for key in columns]


def _trend_chart(months):
    categories = [formats.date_format(row.month, "m/Y") for row in months]
    return charts.bar_chart(
        title=_("Visits and certificates by month"),
        categories=categories,
        series=[
            charts.Series(
                str(indicators.definition(key).label),
                [getattr(row.values, key) for row in months],
                css_class,
                decimals=indicators.definition(key).decimals,
            )
            for key, css_class in (("visits", "s-visits"), ("certifications", "s-certs"))
        ],
    )


def _skill_rows(certified, practised) -> list[dict]:
    """One row per skill with certificates, learners and visits that practised it, by name."""
    rows: dict[int, dict] = {}
    for row in certified:
        rows[row.skill_id] = {
            "name": row.name,
            "certifications": row.certifications,
            "learners": row.learners,
            "visits": 0,
        }
    for row in practised:
        rows.setdefault(
            row.skill_id, {"name": row.name, "certifications": 0, "learners": 0, "visits": 0}
        )["visits"] = row.visits
    return sorted(rows.values(), key=lambda r: sort_key(r["name"]))


def _picker_options(areas) -> list[tuple[int, str]]:
    """(id, label) with the tree shown by indentation (a select cannot nest deeper than one level)."""
    top = min((a.depth for a in areas), default=1)
    return [(a.pk, a.indented_label(top_depth=top)) for a in areas]


@login_required
def dashboard(request):
    """Headline numbers, trend and child areas for one visible area over one period.

    GET parameters: area (id; 404 outside the user's areas), period
    (month, 3months, 12months, campaign, custom), campaign (id), start, end (YYYY-MM-DD),
    sort (a SORT_COLUMNS key, "-" for descending).
    """
    scope = selectors.dashboard_scope(request.user, request.GET.get("area"))
    area = scope.area
    campaigns = list(selectors.campaigns_for_area(area)[:50])
    form = PeriodForm(request.GET if "period" in request.GET else None, campaigns=campaigns)
    period = form.period_or_default()
    data_as_of = rollups.data_as_of()
    kwargs = {
        "area": area,
        "start": period.start,
        "end": period.end,
        "teams": scope.teams,
        "source": indicators.source_for(data_as_of),
    }
    summary = indicators.summary(**kwargs)
    children = indicators.by_child_area(**kwargs)
    if not any(row.area for row in children):
        children = []  # a leaf area: only its own row, which the headline numbers already show
    months = indicators.by_month(**kwargs)
    # Beyond a few dozen teams the child areas are the breakdown: the team list (one row per
    # team of a whole province or nation) is neither read nor shown.
    team_count = summary.teams_total or 0
    teams = indicators.by_team(**kwargs) if team_count <= TEAM_TABLE_MAX else []
    skills = _skill_rows(
        indicators.certifications_by_skill(**kwargs), indicators.skills_practised(**kwargs)
    )

    # Query string kept by drill-down and sort links: the period as asked (valid or not: the
    # drill-down keeps the default then), never the area.
    period_query = {
        key: request.GET[key]
        for key in ("period", "campaign", "start", "end")
        if request.GET.get(key)
    }
    if form.is_bound and not form.is_valid():
        period_query = {}
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") not in SORT_COLUMNS:
        sort = "name"
    children = _table(children, CHILD_COLUMNS)
    context = {
        "scope": scope,
        "area": area,
        "form": form,
        "period": period,
        "campaigns": campaigns,
        "summary": summary,
        "kpis": _kpis(summary),
        # Targets are pro-rated to the period shown (indicators.prorated); each with its own period.
        "own_targets": (
            []
            if scope.teams is not None
            else indicators.own_targets(area=area, start=period.start, end=period.end)
        ),
        "figures": _figures(summary),
        "children": _sorted_rows(children, sort),
        "columns": _columns(sort, {"area": area.pk, **period_query}),
        "period_query": urlencode(period_query),
        "months": _table(months, MONTH_COLUMNS),
        "month_columns": _headers(MONTH_COLUMNS),
        "trend_chart": _trend_chart(months),
        "teams": _table(teams, TEAM_COLUMNS),
        "teams_not_listed": team_count if team_count > TEAM_TABLE_MAX else 0,
        "team_columns": _headers(TEAM_COLUMNS),
        "skills": skills,
        "skill_columns": _headers(SKILL_COLUMNS),
        "definitions": indicators.DEFINITIONS,
        "vulnerable": [
            (group.label, summary.vulnerable[group.field]) for group in VULNERABILITY_GROUPS
        ],
        "is_team_view": scope.teams is not None,
        "picker_options": _picker_options(scope.picker),
        "data_as_of": data_as_of,
    }
    return render(request, "reports/dashboard.html", context)
