"""An import file being read in the background, its progress and its report."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class ImportJob(TimeStampedModel):
    """One uploaded file: queued, then read and saved row by row by a django-q2 task.

    Rows are saved in chunks; each chunk commits together with the job's
    counters and problems, so what the job says was saved is exactly what
    is in the database, even if the worker dies half way (the job then shows
    as interrupted after `rows_done` rows). The uploaded file lives under
    PRIVATE_MEDIA_ROOT only until the job ends: it holds personal data.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # A running job not updated for this long is taken as interrupted (worker killed).
    STALE_AFTER = datetime.timedelta(minutes=10)
    MAX_ERRORS = 5000

    kind = models.CharField(_("kind"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_name = models.CharField(max_length=255, blank=True)  # relative to PRIVATE_MEDIA_ROOT
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    failed_rows = models.PositiveIntegerField(default=0)
    # [[row, column, message], ...]: row 0 is the file as a whole, row 1 the header.
    errors = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} import {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def interrupted(self) -> bool:
        """Running but silent for longer than STALE_AFTER: the worker stopped mid-file."""
        return (
            self.status == self.Status.RUNNING
            and self.updated_at is not None
            and timezone.now() - self.updated_at > self.STALE_AFTER
        )

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
