from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from core.models import TimeStampedModel


class Area(MP_Node, TimeStampedModel):
    """A node in the administrative tree (province > district > commune > village).

    Depth is free: the level label says what a node is, because countries
    (and Vietnam since 2025) differ. Subtree queries use the materialised
    path: ``Area.objects.filter(area.subtree_q())``, or
    ``Visit.objects.filter(area.subtree_q("household__area__"))`` through a relation.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", _("Country")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")
        VILLAGE = "village", _("Village")

    name = models.CharField(_("name"), max_length=160)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    code = models.CharField(_("official code"), max_length=32, unique=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_level_display()})"

    def indented_label(self, *, top_depth: int = 1, detail: str = "level") -> str:
        """The name indented by its depth below `top_depth`, for pickers and tree lists.

        `detail` adds the "level" ("Hà Giang (Province)"), the official "code"
        ("Hà Giang · 02") or nothing (""). Indented with em spaces, which
        every select and table shows.
        """
        label = "\u2003" * max(self.depth - top_depth, 0) + self.name
        if detail == "level":
            return f"{label} ({self.get_level_display()})"
        if detail == "code":
            return f"{label} · {self.code}"
        return label

    def subtree_q(self, prefix: str = "") -> models.Q:
        """A Q matching rows whose area (reached through `prefix`, e.g. "household__area__")
        lies in this area's subtree, the area itself included."""
        return self.path_q(self.path, prefix)

    @staticmethod
    def path_q(path: str, prefix: str = "") -> models.Q:
        """A Q matching areas (through `prefix`) at or below the materialised `path`."""
        return models.Q(**{f"{prefix}path__startswith": path})


class Target(TimeStampedModel):
    """A number an area aims for over a period, e.g. 1,200 households reached in 2026."""

    class Indicator(models.TextChoices):
        HOUSEHOLDS_REACHED = "households_reached", _("Households reached")
        LEARNERS_CERTIFIED = "learners_certified", _("Learners certified")
        VISITS = "visits", _("Visits")

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="targets", verbose_name=_("area")
    )
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    value = models.PositiveIntegerField(_("target value"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["area", "indicator", "-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="target_period_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.area.name}: {self.get_indicator_display()} {self.value}"


class Official(TimeStampedModel):
    """A user who watches an area and everything below it (read-only on personal data)."""

    class Role(models.TextChoices):
        COMMUNE = "commune", _("Commune official")
        DISTRICT = "district", _("District official")
        PROVINCE = "province", _("Province official")
        NATIONAL = "national", _("National official")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="official_roles",
        verbose_name=_("user"),
    )
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="officials", verbose_name=_("area")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    can_see_names = models.BooleanField(
        _("may see names in reports"),
        default=False,
        help_text=_("Reports carry codes, not names, unless this is set."),
    )

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="official_unique_area")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.area.name}"
