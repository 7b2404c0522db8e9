"""django-q2 tasks: take ids, fetch, call a service (STYLE.md)."""

from __future__ import annotations

import datetime

from .models import ReportRequest
from .services import monthly_reports_build, report_build


def build_report(request_id: int) -> str:
    """Build one requested workbook; returns its final status."""
    request = (
        ReportRequest.objects.select_related("area", "requested_by").filter(pk=request_id).first()
    )
    if request is None or request.status == ReportRequest.Status.READY:
        return "skipped"
    return report_build(request=request).status


def build_monthly_reports(today: str | None = None) -> int:
    """Scheduled on the 1st: last month's workbook for every active subscription."""
    day = datetime.date.fromisoformat(today) if today else None
    return len(monthly_reports_build(today=day))


def refresh_rollups() -> int:
    """Scheduled about every minute: bring the rollup tables up to date from the watermark."""
    from .rollups import refresh

    return refresh()
