"""The officials' dashboard: indicators for an area and period, child areas, trend by month."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _

from reports import charts, indicators, selectors
from reports.periods import PeriodForm
from volunteers.vocabulary import VULNERABILITY_GROUPS

# Columns of the child-area table: query-string key -> (label, value getter).
SORT_COLUMNS = {
    "name": lambda row: (row.area.name if row.area else "").casefold(),
    "households_registered": lambda row: row.values.households_registered,
    "households_reached": lambda row: row.values.households_reached,
    "households_target": lambda row: row.values.households_target,
    "coverage": lambda row: row.values.coverage,
    "visits": lambda row: row.values.visits,
    "learners_certified": lambda row: row.values.learners_certified,
    "active_volunteers": lambda row: row.values.active_volunteers,
    "volunteer_hours": lambda row: row.values.volunteer_hours,
    "follow_ups_overdue": lambda row: row.values.follow_ups_overdue,
    "average_satisfaction": lambda row: row.values.average_satisfaction,
}


def _sorted_rows(rows, sort: str):
    key, descending = sort.lstrip("-"), sort.startswith("-")
    getter = SORT_COLUMNS.get(key, SORT_COLUMNS["name"])

    def sort_key(row):
        value = getter(row)
        # Missing values (no target, no rating) sort last whichever the direction.
        return (value is None) != descending, value if value is not None else 0

    return sorted(rows, key=sort_key, reverse=descending)


def _columns(sort: str, base_query: dict) -> list[dict]:
    """Header cells with the link that sorts by that column (toggling the direction)."""
    labels = {d.key: d.label for d in indicators.definitions()}
    columns = []
    for key in SORT_COLUMNS:
        label = _("Area") if key == "name" else labels[key]
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


def _trend_chart(months):
    categories = [formats.date_format(row.month, "m/Y") for row in months]
    return charts.bar_chart(
        title=_("Visits and certificates by month"),
        categories=categories,
        series=[
            charts.Series(_("Visits"), [row.values.visits for row in months], "s-visits"),
            charts.Series(
                _("Certificates"), [row.values.certifications for row in months], "s-certs"
            ),
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
    return sorted(rows.values(), key=lambda r: r["name"].casefold())


def _picker_options(areas) -> list[tuple[int, str]]:
    """(id, label) with the tree shown by indentation (a select cannot nest deeper than one level)."""
    top = min((a.depth for a in areas), default=1)
    indent = "\u00a0\u00a0"
    return [(a.pk, f"{indent * (a.depth - top)}{a.name} ({a.get_level_display()})") for a in areas]


@login_required
def dashboard(request):
    """Headline numbers, trend and child areas for one visible area over one period.

    GET parameters: area (id; 404 outside the user's areas), period
    (month, 3months, campaign, custom), campaign (id), start, end (YYYY-MM-DD),
    sort (a SORT_COLUMNS key, "-" for descending).
    """
    scope = selectors.dashboard_scope(request.user, request.GET.get("area"))
    area = scope.area
    campaigns = list(selectors.campaigns_for_area(area)[:50])
    form = PeriodForm(request.GET if "period" in request.GET else None, campaigns=campaigns)
    period = form.period_or_default()
    kwargs = {"area": area, "start": period.start, "end": period.end, "teams": scope.teams}
    summary = indicators.summary(**kwargs)
    children = indicators.by_child_area(**kwargs)
    if not any(row.area for row in children):
        children = []  # a leaf area: only its own row, which the headline numbers already show
    months = indicators.by_month(**kwargs)
    teams = indicators.by_team(**kwargs)
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
    context = {
        "scope": scope,
        "area": area,
        "form": form,
        "period": period,
        "campaigns": campaigns,
        "summary": summary,
        "children": _sorted_rows(children, sort),
        "columns": _columns(sort, {"area": area.pk, **period_query}),
        "period_query": urlencode(period_query),
        "months": months,
        "trend_chart": _trend_chart(months),
        "teams": teams,
        "skills": skills,
        "definitions": indicators.definitions(),
        "vulnerable": [
            (group.label, summary.vulnerable[group.field]) for group in VULNERABILITY_GROUPS
        ],
        "is_team_view": scope.teams is not None,
        "picker_options": _picker_options(scope.picker),
    }
    return render(request, "reports/dashboard.html", context)
