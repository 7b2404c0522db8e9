from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import SearchTextMixin, TimeStampedModel

from ..vocabulary import VULNERABILITY_FIELDS, vulnerability_flags_model
from .areas import Area
from .teams import Team

HouseholdFlags = vulnerability_flags_model("HouseholdFlags")


class NeverSaveMasked(models.Model):
    """Rows masked for display (volunteers.masking) must never be written back."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if getattr(self, "masked_for_display", False):
            raise RuntimeError(f"{type(self).__name__} {self.pk} was masked for display")
        return super().save(*args, **kwargs)


LearnerFlags = vulnerability_flags_model("LearnerFlags", learner=True)


class Household(NeverSaveMasked, SearchTextMixin, HouseholdFlags, TimeStampedModel):
    """A household a team serves. Personal fields need a consent record first.

    `code` is printed on the household's QR card, and is what __str__ (and so
    every admin log label) shows: never a name. `search_text` is the folded
    (diacritic-free, lower-case) code, head name and address, kept by save().
    Erasure blanks the personal fields and sets `erased_at`; visits and
    certifications stay so aggregate counts do not change.
    """

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="households", verbose_name=_("area")
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("responsible team"),
    )
    code = models.CharField(_("card code"), max_length=16, unique=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    head_name = models.CharField(_("head of household"), max_length=160, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    size = models.PositiveSmallIntegerField(
        _("people in household"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    consent_given_by = models.CharField(_("consent given by"), max_length=160, blank=True)
    consent_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_scope = models.TextField(_("what was agreed"), blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)
    search_text = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    search_text_max_length = 600

    # Field lists, each written once: what identifies a person, the consent
    # record, and the household's own details in the order screens show them.
    PERSONAL_FIELDS = ("address", "head_name", "phone")
    CONSENT_FIELDS = ("consent_given_by", "consent_scope", "consent_at")
    DETAIL_FIELDS = ("code", *PERSONAL_FIELDS, "size", *VULNERABILITY_FIELDS)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["code"]
        indexes = [models.Index(fields=["area", "team"])]

    def __str__(self) -> str:
        return self.code

    def build_search_text(self, area_name: str | None = None) -> str:
        """Code, head name, address and area (village) name, for search.

        Pass `area_name` when building many rows for bulk_create (no query).
        """
        if area_name is None:
            area_name = self.area.name if self.area_id else ""
        return f"{self.code} {self.head_name} {self.address} {area_name}"

    @classmethod
    def size_limits(cls) -> tuple[int, int]:
        """The (smallest, largest) household size the model accepts, read from its validators.

        Forms and imports show these bounds; the validators alone enforce them.
        """
        validators = cls._meta.get_field("size").validators
        low = max(v.limit_value for v in validators if isinstance(v, MinValueValidator))
        high = min(v.limit_value for v in validators if isinstance(v, MaxValueValidator))
        return low, high


class Learner(NeverSaveMasked, LearnerFlags, TimeStampedModel):
    """A person in a household who learns (and may be certified)."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="learners", verbose_name=_("household")
    )
    name = models.CharField(_("name"), max_length=160)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        ordering = ["household", "name"]

    def __str__(self) -> str:
        # A code, never the name: Wagtail keeps __str__ as the label of its log entries.
        return f"{self.household.code if self.household_id else '-'}/{self.pk or '-'}"
