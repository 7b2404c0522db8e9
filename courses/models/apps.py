from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

version_validator = RegexValidator(
    r"^[0-9A-Za-z][0-9A-Za-z.\-]*$",
    _("Write the version as the app shows it, e.g. 2.3 or 24.10."),
)


class App(index.Indexed, models.Model):
    """An app (or web portal) that lessons teach, and the version it is at now.

    One row for every language: the version is one fact, and the name is the
    one the app itself shows on the phone and in the app store, which is what a
    learner looks for whatever language the lesson is in. When the current
    version moves on, lessons whose steps show an older one need review
    (courses.freshness).
    """

    name = models.CharField(
        _("name"),
        max_length=80,
        unique=True,
        help_text=_("As the app shows it, e.g. VNeID or Cổng Dịch vụ công quốc gia"),
    )
    current_version = models.CharField(
        _("current version"),
        max_length=40,
        validators=[version_validator],
        help_text=_("The version people get today from the app store, e.g. 2.3"),
    )
    version_changed_on = models.DateField(
        _("version changed on"),
        default=timezone.localdate,
        help_text=_("When this version came out"),
    )

    panels = [FieldPanel("name"), FieldPanel("current_version"), FieldPanel("version_changed_on")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("app")
        verbose_name_plural = _("apps")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} {self.current_version}"
