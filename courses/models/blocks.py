"""StreamField blocks for lessons and the FAQ."""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .apps import version_validator


class CalloutBlock(blocks.StructBlock):
    """A short tip or warning shown in a coloured box."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning"))], default="tip", label=_("kind")
    )
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Tip or warning")
        template = "courses/blocks/callout.html"


class StepCalloutBlock(CalloutBlock):
    """The optional callout inside a step: empty text means no callout."""

    text = blocks.TextBlock(required=False, label=_("text"))

    class Meta:
        label = _("Tip or warning (optional)")


class VideoChooserBlock(SnippetChooserBlock):
    """Chooses a library video; loads every chosen video of a page in one go.

    Each video brings its poster, the poster's renditions and its locale, so
    a lesson's query count does not grow with the videos it embeds.
    """

    def bulk_to_python(self, values):
        objects = (
            self.model_class.objects.select_related("locale", "poster")
            .prefetch_related("poster__renditions")
            .in_bulk([value for value in values if value is not None])
        )
        seen, result = set(), []
        for pk in values:
            video = objects.get(pk)
            # The same video twice on a page gets two instances, as Wagtail does.
            result.append(copy.copy(video) if video is not None and pk in seen else video)
            seen.add(pk)
        return result


class VideoBlock(blocks.StructBlock):
    """A video from the library, embedded in a lesson."""

    video = VideoChooserBlock("courses.Video", label=_("video"))
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"


class AppVersionBlock(blocks.CharBlock):
    """The app version a screenshot shows: the same in every translation of the lesson.

    wagtail-localize offers no segment for it, so a translation keeps the
    source lesson's version on every sync instead of asking a translator.
    """

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class StepBlock(blocks.StructBlock):
    """One numbered step: what to do, what the screen looks like, what to watch out for."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    instruction = blocks.TextBlock(label=_("short instruction"))
    image = ImageChooserBlock(required=False, label=_("screenshot"))
    image_alt = blocks.CharBlock(
        required=False,
        label=_("screenshot description (alt text)"),
        help_text=_(
            "What the picture shows, for people who cannot see it. Learners' screen readers "
            "read this text; the image's Description in the image library is not used."
        ),
    )
    app = SnippetChooserBlock("courses.App", required=False, label=_("app on the screenshot"))
    app_version = AppVersionBlock(
        required=False,
        max_length=40,
        label=_("app version on the screenshot"),
        help_text=_(
            "The version the screenshot shows, e.g. 2.1. When the app's current version "
            "moves on, the lesson is listed under Reports → Lessons to review."
        ),
    )
    video = VideoChooserBlock("courses.Video", required=False, label=_("short video"))
    callout = StepCalloutBlock(required=False, label=_("tip or warning"))

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "courses/blocks/step.html"

    def clean(self, value):
        value = super().clean(value)
        # Alt text is required whenever there is a screenshot (WCAG 1.1.1).
        if value.get("image") and not (value.get("image_alt") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"image_alt": ValidationError(_("Describe the screenshot."))}
            )
        version = (value.get("app_version") or "").strip()
        if value.get("app") and not version:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "app_version": ValidationError(
                        _("Which version of the app does the screenshot show?")
                    )
                }
            )
        if version and not value.get("app"):
            raise blocks.StructBlockValidationError(
                block_errors={"app": ValidationError(_("Choose the app this version belongs to."))}
            )
        if version and not version_validator.regex.match(version):
            raise blocks.StructBlockValidationError(
                block_errors={"app_version": ValidationError(version_validator.message)}
            )
        return value


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"))
    correct = blocks.BooleanBlock(required=False, label=_("correct"))
    explanation = blocks.TextBlock(label=_("explanation"))

    class Meta:
        icon = "radio-empty"
        label = _("Answer")


class QuestionBlock(blocks.StructBlock):
    """A multiple-choice self-check question; each answer explains itself."""

    question = blocks.CharBlock(label=_("question"))
    answers = blocks.ListBlock(AnswerBlock(), min_num=2, label=_("answers"))

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        if not any(answer.get("correct") for answer in value.get("answers", [])):
            raise blocks.StructBlockValidationError(
                block_errors={"answers": ValidationError(_("Mark at least one answer as correct."))}
            )
        return value


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("answer")
    )
    paraphrases = blocks.TextBlock(
        required=False,
        label=_("other ways people ask"),
        help_text=_(
            "One question per line, in the words learners use. The question box finds this answer for them too."
        ),
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")
