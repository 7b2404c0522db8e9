"""What keeps lessons true: screen reports from learners and volunteers, and daily reads."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .apps import version_validator

NOTE_MAX_LENGTH = 500


def private_storage() -> FileSystemStorage:
    """Photos of people's phones may show their ID numbers: never under a public URL."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class ScreenReport(models.Model):
    """ "My screen looks different" on one step of a lesson.

    Reports of one step are one item of the editors' queue until an editor
    marks them resolved. The step is named by its block id, which survives
    reordering; its number and title are kept as they were when reported.
    """

    # Saving a report does not change what a cached learner page shows; the
    # service says when it does (the first open report of a step, a resolve).
    page_cache_neutral = True

    lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.CASCADE,
        related_name="screen_reports",
        verbose_name=_("lesson"),
    )
    step_id = models.CharField(_("step id"), max_length=64)
    step_number = models.PositiveSmallIntegerField(_("step number"))
    step_title = models.CharField(_("step title"), max_length=120)
    note = models.TextField(
        _("what looks different"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
    )
    version_seen = models.CharField(
        _("app version on the phone"), max_length=40, blank=True, validators=[version_validator]
    )
    photo = models.FileField(
        _("photo"), storage=private_storage, upload_to="screen-reports/%Y/%m/", blank=True
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("volunteer"),
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("screen report")
        verbose_name_plural = _("screen reports")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["lesson", "step_id", "resolved_at"], name="screen_report_step")
        ]

    def __str__(self) -> str:
        return f"{self.lesson_id} #{self.step_number}"


class LessonReads(models.Model):
    """How often a lesson was opened on one day (courses.services.reads)."""

    page_cache_neutral = True

    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("lesson")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("lesson reads")
        verbose_name_plural = _("lesson reads")
        constraints = [
            models.UniqueConstraint(fields=["lesson", "day"], name="lesson_reads_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.lesson_id} {self.day}: {self.count}"
