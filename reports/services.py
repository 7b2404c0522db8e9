"""Report workbooks: asking for one, building it in the background, subscriptions.

Views, the django-q2 tasks and the `build_report` command are thin callers of
these functions. Files live under ``settings.PRIVATE_MEDIA_ROOT`` (never
reachable by URL): a build writes ``tmp/<random>.xlsx.part`` first and moves
it into ``reports/`` with ``os.replace`` only once it is complete, so a
half-written file is never offered.
"""

from __future__ import annotations

import datetime
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from core.files import write_atomically
from core.links import absolute_url
from volunteers import access
from volunteers.models import Area

from . import periods
from .models import ReportRequest, ReportSubscription
from .workbook import EXCEL_MAX_ROWS, build_workbook, visits_in_period

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Below this many visits a workbook builds in about a second: do it in the
# request instead of making the person wait for the worker's next poll.
INLINE_BUILD_MAX_VISITS = 5_000
# At most one progress write to the database every this many seconds.
PROGRESS_INTERVAL_SECONDS = 2.0

# Periods follow the dashboard's one rule (reports.periods); the names stay for callers.
ERROR_PERIOD_ORDER = periods.ERROR_END_BEFORE_START
ERROR_PERIOD_FUTURE = periods.ERROR_START_IN_FUTURE
ERROR_PERIOD_LONG = periods.ERROR_TOO_LONG
ERROR_NOT_OFFICIAL = gettext_lazy("Only officials can subscribe to monthly reports.")
ERROR_BUILD_FAILED = gettext_lazy("The workbook could not be built: %(reason)s")
ERROR_RETRY_STATE = gettext_lazy("Only a failed report can be built again.")


# --- files -------------------------------------------------------------------


def report_directory() -> Path:
    """Where finished workbooks live (private, never served by URL)."""
    return Path(settings.PRIVATE_MEDIA_ROOT) / "reports"


def report_temp_directory() -> Path:
    """Where workbooks are written while being built."""
    return Path(settings.PRIVATE_MEDIA_ROOT) / "tmp"


def report_file_path(request: ReportRequest) -> Path | None:
    """The finished file of `request`, or None while there is none to offer."""
    if request.status != ReportRequest.Status.READY or not request.file_name:
        return None
    path = (Path(settings.PRIVATE_MEDIA_ROOT) / request.file_name).resolve()
    if Path(settings.PRIVATE_MEDIA_ROOT).resolve() not in path.parents or not path.is_file():
        return None
    return path


def report_download_name(request: ReportRequest) -> str:
    """e.g. ``bao-cao-huyen-mot-2026-01-01-2026-01-31.xlsx``: the word in the report's language
    and the area's name, folded to ASCII (the official code when the name folds to nothing)."""
    from core.text import fold

    with translation.override(request.language):
        word = slugify(fold(pgettext("file name", "report"))) or "report"
    name = slugify(fold(request.area.name))[:60].strip("-") or slugify(request.area.code) or "area"
    return f"{word}-{name}-{request.period_start:%Y-%m-%d}-{request.period_end:%Y-%m-%d}.xlsx"


# --- asking for a report --------------------------------------------------------


def _language(language: str | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def _visible_area_or_404(user: User, area: Area | int) -> Area:
    """The area (an Area, or its primary key) afresh if `user` may see it; Http404 otherwise.

    Never by official code: codes are numeric too (province 79), so a number
    here is always a primary key. Code lookups are ``access.area_for_user_by_code``.
    """
    found = access.area_for_user_by_pk(user, area if isinstance(area, int) else area.pk)
    if found is None:
        raise Http404("No such area")
    return found


def _queue_build(request: ReportRequest) -> None:
    """After commit: build small reports at once, queue the rest for the worker."""
    visits = visits_in_period(
        area=request.area,
        start=request.period_start,
        end=request.period_end,
        user=request.requested_by,
    )
    if visits[:INLINE_BUILD_MAX_VISITS].count() < INLINE_BUILD_MAX_VISITS:
        transaction.on_commit(lambda: report_build(request=request))
        return
    from django_q.tasks import async_task

    transaction.on_commit(
        lambda: async_task(
            "reports.tasks.build_report",
            request.pk,
            task_name=f"report-{request.public_id}",
            group="reports",
        )
    )


@transaction.atomic
def report_request_create(
    *,
    user: User,
    area: Area | int,
    start: datetime.date,
    end: datetime.date,
    language: str | None = None,
    include_names: bool | None = None,
    subscription: ReportSubscription | None = None,
    queue: bool = True,
) -> ReportRequest:
    """Save a request for the workbook of `area` (an Area or its pk) over start..end and build it.

    Http404 if the user may not see the area; ValidationError for a bad
    period. Names are included only if the user's role allows them
    (`include_names=None` means "whatever the role allows"). With `queue`
    the build starts after commit (on the spot for a small area, else in the
    worker); without it the caller builds (the monthly task does).

    The same workbook asked for again while it is still queued or being
    built (a double tap, a second tab, busy workers) is that request, so it
    is built once. The requester's row is locked while looking, so two
    requests racing on PostgreSQL also end in one.
    """
    area = _visible_area_or_404(user, area)
    periods.period_validate(start=start, end=end)
    allowed = access.can_see_names(user, area)
    request = ReportRequest(
        area=area,
        period_start=start,
        period_end=end,
        requested_by=user,
        subscription=subscription,
        language=_language(language),
        include_names=allowed if include_names is None else (include_names and allowed),
    )
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    pending = ReportRequest.objects.filter(
        requested_by=user,
        area=area,
        period_start=start,
        period_end=end,
        language=request.language,
        include_names=request.include_names,
        status__in=[ReportRequest.Status.QUEUED, ReportRequest.Status.RUNNING],
    ).first()
    if pending is not None:
        return pending
    request.full_clean()
    request.save()
    if queue:
        _queue_build(request)
    return request


@transaction.atomic
def report_request_retry(*, request: ReportRequest) -> ReportRequest:
    """Queue a failed report again (ValidationError for any other state)."""
    request = ReportRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ReportRequest.Status.FAILED:
        raise ValidationError(ERROR_RETRY_STATE, code="retry_state")
    request.status = ReportRequest.Status.QUEUED
    request.progress = 0
    request.error = ""
    request.started_at = request.finished_at = None
    request.save(
        update_fields=["status", "progress", "error", "started_at", "finished_at", "updated_at"]
    )
    _queue_build(request)
    return request


# --- building -------------------------------------------------------------------


class _Progress:
    """Writes a request's progress to the database, at most every few seconds."""

    def __init__(self, request: ReportRequest):
        self.request = request
        self.last_time = 0.0
        self.last_value = -1

    def __call__(self, percent: int) -> None:
        percent = max(0, min(99, int(percent)))
        now = time.monotonic()
        if percent == self.last_value or now - self.last_time < PROGRESS_INTERVAL_SECONDS:
            return
        self.last_time, self.last_value = now, percent
        ReportRequest.objects.filter(pk=self.request.pk).update(progress=percent)


def report_build(*, request: ReportRequest, rows_per_sheet: int = EXCEL_MAX_ROWS) -> ReportRequest:
    """Build the workbook of `request` into its private file; returns the updated request.

    Never raises for a failed build: the request is marked FAILED with a
    readable error, and no file (complete or partial) is left behind.
    """
    ReportRequest.objects.filter(pk=request.pk).update(
        status=ReportRequest.Status.RUNNING,
        progress=0,
        error="",
        started_at=timezone.now(),
        finished_at=None,
        file_name="",
        file_size=None,
        row_count=None,
    )
    request.refresh_from_db()
    relative = f"reports/{request.public_id}.xlsx"
    path = Path(settings.PRIVATE_MEDIA_ROOT) / relative
    try:
        with translation.override(request.language):
            row_count = write_atomically(
                path,
                lambda temp: build_workbook(
                    temp,
                    area=request.area,
                    start=request.period_start,
                    end=request.period_end,
                    user=request.requested_by,
                    language=request.language,
                    include_names=request.include_names,
                    generated_by=request.requested_by,
                    on_progress=_Progress(request),
                    rows_per_sheet=rows_per_sheet,
                ),
                temp_dir=report_temp_directory(),
            )
    except Exception as error:  # any failure becomes a readable state, not a lost job
        logger.exception("Report %s failed", request.public_id)
        with translation.override(request.language):
            message = str(ERROR_BUILD_FAILED % {"reason": str(error) or type(error).__name__})
        ReportRequest.objects.filter(pk=request.pk).update(
            status=ReportRequest.Status.FAILED,
            error=message[:2000],
            finished_at=timezone.now(),
        )
    else:
        ReportRequest.objects.filter(pk=request.pk).update(
            status=ReportRequest.Status.READY,
            progress=100,
            file_name=relative,
            file_size=path.stat().st_size,
            row_count=row_count,
            finished_at=timezone.now(),
        )
    request.refresh_from_db()
    return request


def report_write_file(
    *,
    area: Area,
    start: datetime.date,
    end: datetime.date,
    out: Path | str,
    language: str | None = None,
    include_names: bool = False,
    user: User | None = None,
) -> int:
    """Write the workbook straight to `out` (the command line); returns the visit rows.

    With no `user` nothing is scoped away: whoever runs the command has the
    server's rights. Written to a temp file beside `out`, then moved.
    """
    periods.period_validate(start=start, end=end)
    language = _language(language)
    with translation.override(language):
        return write_atomically(
            Path(out),
            lambda temp: build_workbook(
                temp,
                area=area,
                start=start,
                end=end,
                user=user,
                language=language,
                include_names=include_names,
                generated_by=user,
            ),
        )


# --- monthly subscriptions -----------------------------------------------------------


@transaction.atomic
def subscription_create(
    *, user: User, area: Area | int, language: str | None = None
) -> ReportSubscription:
    """Subscribe `user` to the monthly workbook of `area` (an Area or its pk); reactivates an
    old subscription.

    ValidationError unless the user may subscribe; Http404 if they may not see the area.
    """
    if not access.can_subscribe(user):
        raise ValidationError(ERROR_NOT_OFFICIAL, code="not_official")
    area = _visible_area_or_404(user, area)
    subscription, _created = ReportSubscription.objects.get_or_create(
        user=user, area=area, defaults={"language": _language(language)}
    )
    if not subscription.is_active or (language and subscription.language != _language(language)):
        subscription.is_active = True
        subscription.language = _language(language) if language else subscription.language
        subscription.save(update_fields=["is_active", "language", "updated_at"])
    return subscription


def subscription_cancel(*, subscription: ReportSubscription) -> None:
    """Stop the monthly workbook of `subscription` (kept, inactive, for a later resubscribe)."""
    subscription.is_active = False
    subscription.save(update_fields=["is_active", "updated_at"])


def previous_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last days of the month before `today`'s."""
    end = today.replace(day=1) - datetime.timedelta(days=1)
    return end.replace(day=1), end


def _mail_subscriber(request: ReportRequest) -> None:
    user = request.requested_by
    if not user.email:
        return
    with translation.override(request.language):
        if request.status == ReportRequest.Status.READY:
            link = absolute_url(reverse("reports:download", args=[request.public_id]))
            body = _(
                "The monthly report for %(area)s, %(start)s to %(end)s, is ready:\n\n%(link)s\n"
            )
        else:
            link = absolute_url(reverse("reports:list"))
            body = _(
                "The monthly report for %(area)s, %(start)s to %(end)s, could not be built. "
                "You can try again from your reports:\n\n%(link)s\n"
            )
        subject = _("Monthly report: %(area)s") % {"area": request.area.name}
        body = body % {
            "area": request.area.name,
            "start": f"{request.period_start:%d/%m/%Y}",
            "end": f"{request.period_end:%d/%m/%Y}",
            "link": link,
        }
    send_mail(subject, body, None, [user.email])


def monthly_reports_build(*, today: datetime.date | None = None) -> list[ReportRequest]:
    """Build last month's workbook for each active subscription not yet served; mail each.

    Idempotent: a subscription whose `last_period_start` is already last
    month is skipped, so a rerun (or a late catch-up) builds nothing twice.
    """
    start, end = previous_month(today or timezone.localdate())
    built = []
    due = ReportSubscription.objects.filter(is_active=True).exclude(last_period_start=start)
    for subscription in due.select_related("user", "area").order_by("pk"):
        with transaction.atomic():
            claimed = (
                ReportSubscription.objects.filter(pk=subscription.pk)
                .exclude(last_period_start=start)
                .update(last_period_start=start)
            )
            if not claimed:
                continue
            try:
                request = report_request_create(
                    user=subscription.user,
                    area=subscription.area,
                    start=start,
                    end=end,
                    language=subscription.language,
                    subscription=subscription,
                    queue=False,
                )
            except (Http404, ValidationError):
                # The user lost access to the area (or the period is odd): skip, keep the claim.
                logger.warning("Subscription %s skipped for %s", subscription.pk, start)
                continue
        request = report_build(request=request)
        _mail_subscriber(request)
        built.append(request)
    return built
