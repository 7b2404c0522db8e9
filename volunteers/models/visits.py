import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .households import Household, Learner, NeverSaveMasked
from .teams import Team


class Service(models.Model):
    """A public-service step completed with a household, e.g. "VNeID installed"."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=160)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Visit(NeverSaveMasked, TimeStampedModel):
    """One visit to a household. `uuid` is made on the phone: the sync idempotency key."""

    # Visits link lessons, but no editor asks "which visits used this page": indexing each
    # visit's references cost two queries per visit saved.
    wagtail_reference_index_ignore = True

    class Outcome(models.TextChoices):
        DONE = "done", _("Done")
        FOLLOW_UP = "follow_up", _("Needs follow-up")
        NOBODY_HOME = "nobody_home", _("Nobody home")
        DECLINED = "declined", _("Declined")

    uuid = models.UUIDField(_("visit id"), unique=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="visits", verbose_name=_("household")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="visits", verbose_name=_("team")
    )
    volunteers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="visits", verbose_name=_("volunteers present")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    visited_at = models.DateTimeField(_("time of visit"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    skills = models.ManyToManyField(
        "courses.Skill", blank=True, related_name="visits", verbose_name=_("skills practised")
    )
    services = models.ManyToManyField(
        Service, blank=True, related_name="visits", verbose_name=_("services completed")
    )
    lessons = models.ManyToManyField(
        "wagtailcore.Page", blank=True, related_name="+", verbose_name=_("lessons used")
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.DONE
    )
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_at"]
        indexes = [
            models.Index(fields=["household", "-visited_at"]),
            models.Index(fields=["team", "visited_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.household} · {self.visited_at:%Y-%m-%d}"


class Certification(NeverSaveMasked, TimeStampedModel):
    """A skill a learner has shown a volunteer, verifiable by `code` at /verify/<code>/."""

    learner = models.ForeignKey(
        Learner, on_delete=models.PROTECT, related_name="certifications", verbose_name=_("learner")
    )
    skill = models.ForeignKey(
        "courses.Skill",
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name=_("skill"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="certifications", verbose_name=_("team")
    )
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certifications_given",
        verbose_name=_("certified by"),
    )
    certified_on = models.DateField(_("date"), db_index=True)
    checklist = models.JSONField(_("checklist ticked"), default=list, blank=True)
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=255, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["-certified_on"]

    def __str__(self) -> str:
        return f"{self.code} · {self.skill}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
