from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from core.models import SearchTextMixin
from core.uploads import VideoFileValidator


class Video(SearchTextMixin, TranslatableMixin, index.Indexed, models.Model):
    """A short how-to clip served from our own storage, with captions and a transcript.

    Rural networks: files are plain uploads played by the native <video>
    element, never a third-party player.
    """

    class Topic(models.TextChoices):
        PUBLIC_SERVICES = "public-services", _("Public services online")
        PAYMENTS = "payments", _("Paying online")
        SAFETY = "safety", _("Staying safe online")
        FAMILY = "family", _("Keeping in touch")

    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("video file (MP4)"),
        upload_to="videos/",
        validators=[FileExtensionValidator(["mp4", "webm"]), VideoFileValidator()],
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), default=0)
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to="videos/captions/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )
    transcript = models.TextField(_("transcript"), blank=True)
    topic = models.CharField(_("topic"), max_length=40, choices=Topic.choices, db_index=True)
    skills = models.ManyToManyField(
        "courses.Skill", blank=True, related_name="videos", verbose_name=_("skills")
    )
    # Folded (lower-case ASCII) copy of the searchable text, kept on save so
    # "dang ky" finds "Đăng ký" with a plain LIKE on SQLite and PostgreSQL.
    search_text = models.TextField(editable=False, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("file"),
        FieldPanel("poster"),
        FieldPanel("duration_seconds"),
        FieldPanel("captions"),
        FieldPanel("transcript"),
        FieldPanel("topic"),
        FieldPanel("skills"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("search_text"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def build_search_text(self) -> str:
        return f"{self.title} {self.description} {self.transcript}"

    @property
    def duration_label(self) -> str:
        """Duration as m:ss, e.g. "1:05"."""
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"{minutes}:{seconds:02d}"

    @property
    def anchor(self) -> str:
        return f"video-{self.pk}"
