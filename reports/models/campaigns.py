from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from core.models import TimeStampedModel


class Campaign(TimeStampedModel, ClusterableModel):
    """A push in an area over dates (e.g. "VNeID level 2 for everyone, 2026"); a dashboard period."""

    name = models.CharField(_("name"), max_length=160)
    area = models.ForeignKey(
        "volunteers.Area",
        on_delete=models.CASCADE,
        related_name="campaigns",
        verbose_name=_("area"),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("area"),
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("description"),
        InlinePanel("phases", label=_("Phases")),
    ]

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="campaign_dates_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start:%d/%m/%Y}–{self.end:%d/%m/%Y})"


class CampaignPhase(Orderable):
    class Kind(models.TextChoices):
        PILOT = "pilot", _("Pilot")
        EXPANSION = "expansion", _("Expansion")
        EVALUATION = "evaluation", _("Evaluation")

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=Kind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    panels = [FieldPanel("kind"), FieldPanel("start"), FieldPanel("end")]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign phase")
        verbose_name_plural = _("campaign phases")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"
