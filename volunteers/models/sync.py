"""The sync ledger: every item a phone sent, once, by the id the phone gave it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .teams import Team


class SyncItem(TimeStampedModel):
    """One outbox item from a phone, keyed by its `client_id` (unique: exactly once).

    Written in the same transaction as the object it made, so a retried or
    racing item finds it and is answered ``duplicate`` or ``conflict``. A
    rejected item keeps its reason and may be resent under the same client_id
    (the row is then re-applied and updated). `content_hash` is over the kind
    and data, so a resend with other content is a conflict, never an overwrite.
    """

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        HOUSEHOLD = "household", _("Household")
        LEARNER = "learner", _("Learner")
        CERTIFICATION = "certification", _("Certificate")

    class Status(models.TextChoices):
        CREATED = "created", _("Stored")
        REJECTED = "rejected", _("Refused")
        # Only ever seen inside the transaction that claimed the client_id.
        PENDING = "pending", _("Being applied")

    client_id = models.UUIDField(_("client id"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    content_hash = models.CharField(_("content hash"), max_length=64)
    status = models.CharField(_("result"), max_length=10, choices=Status.choices)
    code = models.CharField(_("reason code"), max_length=40, blank=True)
    message = models.CharField(_("reason"), max_length=500, blank=True)
    errors = models.JSONField(_("field errors"), default=dict, blank=True)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    object_code = models.CharField(_("object code"), max_length=16, blank=True)
    object_url = models.CharField(_("object address"), max_length=200, blank=True)
    # The batch (request) that last claimed the item: tells a claim of ours from a stored one.
    batch_id = models.UUIDField(_("batch"), db_index=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sync_items",
        verbose_name=_("user"),
    )
    device_id = models.UUIDField(_("device"))
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    made_at = models.DateTimeField(_("made on the phone at"))

    class Meta:
        verbose_name = _("synced item")
        verbose_name_plural = _("synced items")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["user", "status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.client_id} ({self.status})"


class SyncDevice(models.Model):
    """A user's phone as the sync API knows it: when it last synced, what it sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sync_devices",
        verbose_name=_("user"),
    )
    device_id = models.UUIDField(_("device"))
    last_sync_at = models.DateTimeField(_("last successful sync"), null=True, blank=True)
    last_download_at = models.DateTimeField(_("last download"), null=True, blank=True)
    items_sent = models.PositiveIntegerField(_("items sent"), default=0)
    items_refused = models.PositiveIntegerField(_("items refused"), default=0)

    class Meta:
        verbose_name = _("sync device")
        verbose_name_plural = _("sync devices")
        constraints = [
            models.UniqueConstraint(fields=["user", "device_id"], name="sync_device_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.device_id}"


class HouseholdDeparture(models.Model):
    """A household left a team (moved to another): phones of that team must drop it.

    The changes call reads these to fill ``removed_household_ids``; written by
    a post_save hook on Household (volunteers.services.sync), so every path
    that moves a household through ``save()`` is covered.
    """

    household = models.ForeignKey(
        "volunteers.Household", on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    left_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("household departure")
        verbose_name_plural = _("household departures")

    def __str__(self) -> str:
        return f"{self.household_id} left {self.team_id}"
