from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """Who viewed, exported or erased a household's personal data, and when (DESIGN: data protection)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        ERASE = "erase", _("Erased")
        PRINT = "print", _("Printed cards")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    household = models.ForeignKey(
        "volunteers.Household",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_logs",
        verbose_name=_("household"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.household_id or ''}"
