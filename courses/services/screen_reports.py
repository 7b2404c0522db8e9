""" "My screen looks different": reports on a lesson step, and their resolution."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from core.signals import learner_pages_changed
from core.uploads import PhotoFileValidator, photo_reencoded

from ..models import LessonPage, ScreenReport

ERROR_UNKNOWN_STEP = _("This step is no longer in the lesson. Open the lesson again.")
ERROR_EMPTY_REPORT = _("Say what looks different, or add a photo of your screen.")
QUEUE_REPORTS_PER_STEP = 5


@dataclass(frozen=True)
class LessonStep:
    number: int
    step_id: str
    title: str
    instruction: str


def lesson_step(lesson: LessonPage, step_id: str) -> LessonStep | None:
    """The numbered step of `lesson` (live content) whose block id is `step_id`."""
    number = 0
    for block in lesson.steps.raw_data:
        if block.get("type") != "step":
            continue
        number += 1
        if block.get("id") == step_id:
            value = block.get("value") or {}
            return LessonStep(
                number, step_id, value.get("title") or "", value.get("instruction") or ""
            )
    return None


def steps_being_updated(lesson: LessonPage) -> set[str]:
    """Block ids of the steps of `lesson` with open screen reports (one query)."""
    return set(
        ScreenReport.objects.filter(lesson=lesson, resolved_at__isnull=True).values_list(
            "step_id", flat=True
        )
    )


def _pages_changed() -> None:
    transaction.on_commit(lambda: learner_pages_changed.send(sender=ScreenReport))


@transaction.atomic
def screen_report_create(
    *,
    lesson: LessonPage,
    step_id: str,
    note: str = "",
    version_seen: str = "",
    photo=None,
    reporter=None,
) -> ScreenReport:
    """Record a report on one step; the lesson then says the step is being updated.

    The photo is checked like any image upload, then kept re-encoded without
    its metadata, in private storage. `reporter` is the volunteer, or None for
    an anonymous learner.
    """
    step = lesson_step(lesson, step_id)
    if step is None:
        raise ValidationError(ERROR_UNKNOWN_STEP, code="unknown_step")
    note = (note or "").strip()
    if not note and not photo:
        raise ValidationError({"note": ERROR_EMPTY_REPORT}, code="empty_report")
    report = ScreenReport(
        lesson=lesson,
        step_id=step.step_id,
        step_number=step.number,
        step_title=step.title[:120],
        note=note,
        version_seen=(version_seen or "").strip(),
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
    )
    if photo:
        try:
            PhotoFileValidator()(photo)
        except ValidationError as error:
            raise ValidationError({"photo": error.error_list}) from error
    report.full_clean(exclude=["photo"])
    if photo:
        name = f"{timezone.localdate():%Y%m%d}-{get_random_string(12).lower()}.jpg"
        report.photo.save(name, ContentFile(photo_reencoded(photo)), save=False)
    first = not ScreenReport.objects.filter(
        lesson=lesson, step_id=step.step_id, resolved_at__isnull=True
    ).exists()
    report.save()
    if first:
        _pages_changed()
    return report


@transaction.atomic
def screen_reports_resolve(*, lesson: LessonPage, step_id: str, user) -> int:
    """Mark every open report of one step resolved; returns how many were open."""
    count = ScreenReport.objects.filter(
        lesson=lesson, step_id=step_id, resolved_at__isnull=True
    ).update(resolved_at=timezone.now(), resolved_by=user)
    if count:
        _pages_changed()
    return count


@dataclass
class QueueItem:
    """One step with open reports, as the editors' queue shows it."""

    lesson: LessonPage
    step_id: str
    step_number: int
    step_title: str
    count: int
    newest: object
    reports: list[ScreenReport] = field(default_factory=list)

    @property
    def photos(self) -> list[ScreenReport]:
        return [report for report in self.reports if report.photo]


def screen_report_queue() -> list[QueueItem]:
    """Steps with open reports, newest report first, each with its latest reports.

    Three queries whatever the number of steps and reports.
    """
    groups = list(
        ScreenReport.objects.filter(resolved_at__isnull=True)
        .values("lesson_id", "step_id")
        .annotate(count=Count("id"), newest=Max("created_at"))
        .order_by("-newest")
    )
    if not groups:
        return []
    lessons = LessonPage.objects.select_related("locale").in_bulk(
        {group["lesson_id"] for group in groups}
    )
    reports: dict[tuple[int, str], list[ScreenReport]] = {}
    for report in (
        ScreenReport.objects.filter(resolved_at__isnull=True, lesson_id__in=lessons.keys())
        .select_related("reporter")
        .order_by("-created_at")
    ):
        kept = reports.setdefault((report.lesson_id, report.step_id), [])
        if len(kept) < QUEUE_REPORTS_PER_STEP:
            kept.append(report)
    items = []
    for group in groups:
        kept = reports.get((group["lesson_id"], group["step_id"]), [])
        lesson = lessons[group["lesson_id"]]
        current = lesson_step(lesson, group["step_id"])
        items.append(
            QueueItem(
                lesson=lesson,
                step_id=group["step_id"],
                step_number=current.number if current else kept[0].step_number,
                step_title=current.title if current else kept[0].step_title,
                count=group["count"],
                newest=group["newest"],
                reports=kept,
            )
        )
    return items
