"""The period an official looks at: this month, the last three months, a campaign, or custom dates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.parsing import MAX_YEAR, MIN_YEAR, MSG_DATE_RANGE, year_in_range

# Longest custom period (keeps month charts and tables readable).
MAX_DAYS = 3 * 366

ERROR_END_BEFORE_START = _("The end date must be on or after the start date.")
ERROR_MISSING_DATES = _("Enter both a start and an end date for a custom period.")
ERROR_START_IN_FUTURE = _("The period cannot start in the future.")
ERROR_TOO_LONG = _("Choose a period of at most three years.")
ERROR_NO_CAMPAIGN = _("Choose a campaign.")


def period_problem(
    *, start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> tuple[str, str] | None:
    """(field, message) for the first thing wrong with start..end, or None if it is fine.

    The one rule for every period a person asks for: dashboard, workbook, command line.
    """
    for field, day in (("start", start), ("end", end)):
        if not year_in_range(day):  # year 1 overflows the month arithmetic and time zones
            return field, MSG_DATE_RANGE % {"min": MIN_YEAR, "max": MAX_YEAR}
    if end < start:
        return "end", ERROR_END_BEFORE_START
    if start > (today or timezone.localdate()):
        return "start", ERROR_START_IN_FUTURE
    if (end - start).days > MAX_DAYS:
        return "end", ERROR_TOO_LONG
    return None


def period_validate(*, start: datetime.date, end: datetime.date) -> None:
    """Raise ValidationError (code "period_<field>") unless start..end is a valid period."""
    problem = period_problem(start=start, end=end)
    if problem:
        field, message = problem
        raise ValidationError(message, code=f"period_{field}")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str


def this_month(today: datetime.date) -> Period:
    return Period(today.replace(day=1), today, str(_("This month")))


def _months_back(today: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` - 1 months before today's (1: this month)."""
    start = today.replace(day=1)
    for _step in range(months - 1):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
    return start


def last_three_months(today: datetime.date) -> Period:
    return Period(_months_back(today, 3), today, str(_("Last 3 months")))


def last_twelve_months(today: datetime.date) -> Period:
    """This month and the eleven before it (whole months: read from the area rollups)."""
    return Period(_months_back(today, 12), today, str(_("Last 12 months")))


class PeriodForm(forms.Form):
    """GET form of the dashboard; `campaigns` is the queryset the user may choose from."""

    THIS_MONTH, LAST_3_MONTHS, LAST_12_MONTHS = "month", "3months", "12months"
    CAMPAIGN, CUSTOM = "campaign", "custom"

    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (THIS_MONTH, _("This month")),
            (LAST_3_MONTHS, _("Last 3 months")),
            (LAST_12_MONTHS, _("Last 12 months")),
            (CAMPAIGN, _("A campaign")),
            (CUSTOM, _("Custom dates")),
        ],
        initial=THIS_MONTH,
        required=False,
    )
    # An integer checked against the user's campaigns in clean(), so a stale or foreign id gets
    # the one message ERROR_NO_CAMPAIGN.
    campaign = forms.IntegerField(label=_("Campaign"), required=False, widget=forms.Select)
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, campaigns=(), today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.campaigns = {campaign.pk: campaign for campaign in campaigns}
        self.fields["campaign"].widget.choices = [("", "—")] + [
            (c.pk, str(c)) for c in self.campaigns.values()
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("period") or self.THIS_MONTH
        data["period"] = kind
        if kind == self.CAMPAIGN:
            if "campaign" in self.errors:
                del self.errors["campaign"]
            if data.get("campaign") not in self.campaigns:
                self.add_error("campaign", ERROR_NO_CAMPAIGN)
        elif kind == self.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if "start" in self.errors or "end" in self.errors:
                return data
            if start is None or end is None:
                self.add_error("start" if start is None else "end", ERROR_MISSING_DATES)
            elif problem := period_problem(start=start, end=end, today=self.today):
                self.add_error(*problem)
        return data

    def period_or_default(self) -> Period:
        """The chosen period when the form is valid, else this month (the form keeps its errors)."""
        if not self.is_bound or not self.is_valid():
            return this_month(self.today)
        data = self.cleaned_data
        if data["period"] == self.LAST_3_MONTHS:
            return last_three_months(self.today)
        if data["period"] == self.LAST_12_MONTHS:
            return last_twelve_months(self.today)
        if data["period"] == self.CAMPAIGN:
            campaign = self.campaigns[data["campaign"]]
            return Period(campaign.start, campaign.end, campaign.name)
        if data["period"] == self.CUSTOM:
            return Period(data["start"], data["end"], str(_("Custom dates")))
        return this_month(self.today)
