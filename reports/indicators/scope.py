"""The period and the grouping every indicator query shares: bounds, months, group-by keys."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Case, DateField, F, Q, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from volunteers.models import Area

# --- the period --------------------------------------------------------------


def period_bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """Aware [from, to) datetimes of local midnight on `start` and the day after `end`."""
    tz = timezone.get_default_timezone()
    begin = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz)
    until = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), tz
    )
    return begin, until


def months_in(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """First days of the calendar months from `start` to `end`, inclusive."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def as_month(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, timezone.get_default_timezone())
        value = value.date()
    return value.replace(day=1)


# --- grouping -----------------------------------------------------------------

CHILD, TEAM, MONTH = "child", "team", "month"


class Scope:
    """Filters and group-by expressions for one (area, period, teams, grouping)."""

    def __init__(
        self,
        *,
        area: Area,
        start: datetime.date,
        end: datetime.date,
        teams: Iterable[int] | None,
        group: str | None,
    ):
        if end < start:
            raise ValueError("end before start")
        self.area, self.start, self.end, self.group = area, start, end, group
        self.teams = None if teams is None else list(teams)
        self.begin, self.until = period_bounds(start, end)
        self.child_len = Area.steplen * (area.depth + 1)

    def in_area(self, prefix: str) -> Q:
        # area_id IN (subtree ids) rather than a join with LIKE on every row: on SQLite the
        # LIKE on 100,000 joined rows costs several times the whole count.
        subtree = Area.objects.filter(self.area.subtree_q()).values("pk")
        return Q(**{f"{prefix}area_id__in": subtree})

    def in_teams(self, team_field: str) -> Q:
        return Q() if self.teams is None else Q(**{f"{team_field}__in": self.teams})

    def key(self, *, area_prefix: str, team_field: str, when: str | None):
        """The group-by expression, or None when this family has no such grouping."""
        if self.group == CHILD:
            return Substr(f"{area_prefix}area__path", 1, self.child_len)
        if self.group == TEAM:
            return F(team_field)
        if self.group == MONTH:
            return self.month_case(when) if when else None
        return None

    def month_case(self, when: str) -> Case:
        """The first day of the local month of `when`, as a CASE over month boundaries.

        Plain comparisons with precomputed boundaries (aware datetimes at local
        midnight, or dates): the same on SQLite and PostgreSQL, no per-row time
        zone conversion, and indexes on the column stay usable.
        """
        months = months_in(self.start, self.end)
        is_date = when in ("certified_on", "day")  # date columns (raw and rollup tables)
        whens = []
        for month, following in zip(months, months[1:] + [None], strict=True):
            if following is None:
                whens.append(When(**{f"{when}__isnull": False}, then=Value(month)))
            else:
                bound = following if is_date else period_bounds(following, following)[0]
                whens.append(When(**{f"{when}__lt": bound}, then=Value(month)))
        return Case(*whens, default=Value(None), output_field=DateField())

    def rows(self, queryset, key, **aggregates) -> dict:
        """{group key: {name: value}}; the single key is None when not grouped."""
        if self.group is None:
            return {None: queryset.aggregate(**aggregates)}
        if key is None:
            return {}
        result = {}
        for row in queryset.annotate(_g=key).values("_g").annotate(**aggregates).order_by():
            group = row.pop("_g")
            if self.group == MONTH:
                group = as_month(group)
            result[group] = row
        return result
