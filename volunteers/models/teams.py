from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .areas import Area


class Volunteer(TimeStampedModel):
    """The volunteer profile of a user: how teams reach them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer",
        verbose_name=_("user"),
    )
    display_name = models.CharField(_("display name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    learner = models.OneToOneField(
        "volunteers.Learner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer",
        verbose_name=_("learner record"),
        help_text=_(
            "Set for a mentor who was a learner: their own certificates show on their profile."
        ),
    )

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class Team(TimeStampedModel):
    """A community digital team serving one area."""

    name = models.CharField(_("name"), max_length=160)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="teams", verbose_name=_("area")
    )
    contact_url = models.URLField(_("group chat link"), blank=True)
    mentor_skills = models.ManyToManyField(
        "courses.Skill",
        blank=True,
        related_name="+",
        verbose_name=_("skills a mentor must hold"),
        help_text=_("A learner certified in all of these can be invited to mentor others."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="teams",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")
        MENTOR = "mentor", _("Mentor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("volunteer"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.team} ({self.get_role_display()})"


class MentorInvitation(TimeStampedModel):
    """A team leader's invitation to a certified learner to mentor others.

    Accepting needs the learner's consent and makes a volunteer account with a
    mentor membership in the team; the learner's household record is not changed.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="mentor_invitations", verbose_name=_("team")
    )
    learner = models.ForeignKey(
        "volunteers.Learner",
        on_delete=models.CASCADE,
        related_name="mentor_invitations",
        verbose_name=_("learner"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("invited by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    consent_given_by = models.CharField(_("consent given by"), max_length=160, blank=True)
    consent_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor account"),
    )

    class Meta:
        verbose_name = _("mentor invitation")
        verbose_name_plural = _("mentor invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "learner"],
                condition=models.Q(status="pending"),
                name="mentor_invitation_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.get_status_display()}"
