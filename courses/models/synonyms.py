from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from core.text import fold


class SearchSynonym(TranslatableMixin, models.Model):
    """An abbreviation or other word learners type for a phrase the lessons use,
    e.g. "cccd" for "căn cước công dân". Editors keep the list in the admin."""

    term = models.CharField(_("what learners type"), max_length=60, help_text=_("e.g. cccd or dvc"))
    phrase = models.CharField(
        _("what the lessons say"), max_length=160, help_text=_("e.g. căn cước công dân")
    )

    panels = [FieldPanel("term"), FieldPanel("phrase")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["term"]
        unique_together = [("translation_key", "locale"), ("term", "locale")]

    def __str__(self) -> str:
        return f"{self.term} → {self.phrase}"

    def clean(self) -> None:
        # Stored folded, so "CCCD" and "cccd" are one entry and lookups are a plain match.
        self.term = " ".join(fold(self.term).split())
        if not self.term or " " in self.term:
            raise ValidationError({"term": _("Enter one word, e.g. cccd.")})
        if not fold(self.phrase).split():
            raise ValidationError({"phrase": _("Enter the words the lessons use.")})
