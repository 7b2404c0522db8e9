from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Skill(TranslatableMixin, index.Indexed, models.Model):
    """Something a learner can show a volunteer, e.g. "Activate level-2 e-ID".

    The checklist is what a certifying volunteer ticks off; certifications
    store the ticked items so later edits do not change issued certificates.
    """

    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Short, stable id, e.g. vneid-level2")
    )
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    checklist = StreamField(
        [("check", blocks.CharBlock(label=_("What the learner shows")))],
        blank=True,
        verbose_name=_("certification checklist"),
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("checklist"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("code", "locale")]

    def __str__(self) -> str:
        return self.name

    @property
    def checklist_items(self) -> list[str]:
        return [block.value for block in self.checklist if block.block_type == "check"]


def skill_names(language: str | None = None) -> dict[int, str]:
    """Every skill's name as `language` (default: the active language) shows it, by skill id.

    Visits and certificates link the default language's skill rows; a skill translated
    into `language` shows its translation's name, any other its own. One query (skills
    are a few dozen rows).
    """
    from django.utils.translation import get_language

    language = (language or get_language() or "").lower()
    rows = list(Skill.objects.values_list("pk", "translation_key", "name", "locale__language_code"))
    shown = {key: name for _pk, key, name, code in rows if code.lower() == language}
    return {pk: shown.get(key, name) for pk, key, name, _code in rows}
