from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

APPEND_ONLY = "The access log is append-only: entries are never changed or deleted."


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes are refused: the trail is only ever appended to.

    Deleting a household or a user still works (the collector writes its own
    SQL and keeps the row, with SET_NULL), so history outlives what it names.
    """

    def update(self, **kwargs):
        raise PermissionDenied(APPEND_ONLY)

    def delete(self):
        raise PermissionDenied(APPEND_ONLY)


class AccessLog(models.Model):
    """Who viewed, changed, exported or erased a household's personal data, and when.

    Append-only (DESIGN: data protection): `save()` refuses an existing row,
    `delete()` and bulk updates or deletes are refused for everyone. `area` is
    the household's area when the entry was made, so an official's audit list
    is scoped like every other list, and still after the household is gone.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")
        ERASE = "erase", _("Erased")
        WITHDRAW = "withdraw", _("Consent withdrawn")
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
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_logs",
        verbose_name=_("household"),
    )
    area = models.ForeignKey(
        "volunteers.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    # Not content: keep Wagtail's reference index (and its queries) out of every log write.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.household_id or ''}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(APPEND_ONLY)
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(APPEND_ONLY)


def log_area_of(instance) -> int | None:
    """The area id an admin log entry about `instance` is scoped by (None: not area-bound)."""
    for path in ("area_id", "household.area_id", "learner.household.area_id"):
        value = instance
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if value is not None:
            return value
    return None


class CoordinationLogEntryManager(BaseLogEntryManager):
    """Wagtail log entries of households, learners, visits and certificates.

    Their label is the object's `__str__`, which is a code, never a name;
    `viewable_by_user` narrows Wagtail's site-history report to the areas the
    user sees (volunteers.access), like every other list.
    """

    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk), area_id=log_area_of(instance))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        from volunteers import access  # access imports the models

        if user.is_superuser:
            return self.all()
        # Not the base class's per-user cache: it is shared with Wagtail's other log models.
        allowed = [
            content_type_id
            for content_type_id in self.values_list("content_type_id", flat=True).distinct()
            if _may_see_model(user, content_type_id)
        ]
        return self.filter(
            content_type_id__in=allowed, area__in=access.visible_areas(user).values("pk")
        )


def _may_see_model(user, content_type_id: int) -> bool:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return any(
        user.has_perm(f"{content_type.app_label}.{action}_{content_type.model}")
        for action in ("view", "change", "add", "delete")
    )


class CoordinationLogEntry(BaseLogEntry):
    """Wagtail's admin history of the coordination models that hold or point to people."""

    object_id = models.CharField(max_length=255, db_index=True)
    area = models.ForeignKey(
        "volunteers.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CoordinationLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("coordination log entry")
        verbose_name_plural = _("coordination log entries")

    def __str__(self) -> str:
        return f"CoordinationLogEntry {self.pk}: {self.action} {self.object_id}"
