import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class ReportSubscription(TimeStampedModel):
    """An official's standing order: build this area's workbook every month."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
        verbose_name=_("user"),
    )
    area = models.ForeignKey(
        "volunteers.Area",
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
        verbose_name=_("area"),
    )
    language = models.CharField(_("language"), max_length=10, default="vi")
    is_active = models.BooleanField(_("active"), default=True)
    last_period_start = models.DateField(_("last month built"), null=True, blank=True)

    class Meta:
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "area"], name="subscription_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.area}"


class ReportRequest(TimeStampedModel):
    """One workbook asked for (by a person or a subscription) and its build state.

    The file lives under settings.PRIVATE_MEDIA_ROOT and is served only by a
    view that checks access; `file_name` is set only once the file is complete.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    area = models.ForeignKey(
        "volunteers.Area",
        on_delete=models.CASCADE,
        related_name="report_requests",
        verbose_name=_("area"),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_requests",
        verbose_name=_("requested by"),
    )
    subscription = models.ForeignKey(
        ReportSubscription,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
    )
    language = models.CharField(_("language"), max_length=10, default="vi")
    include_names = models.BooleanField(_("include names"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    row_count = models.PositiveBigIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.area} {self.period_start}–{self.period_end} ({self.get_status_display()})"
