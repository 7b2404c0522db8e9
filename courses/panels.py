"""Read-only panels in the lesson editor."""

from wagtail.admin.panels import Panel


class ReadingLevelPanel(Panel):
    """The plain-language score of each step (courses.reading_level), as last saved.

    Scored on the server from the saved draft rather than live as the editor
    types: Wagtail's own content checks score the whole page with LIX, which
    counts letters and so cannot score Vietnamese, and has no per-audience target.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/reading_level_panel.html"

        def get_context_data(self, parent_context=None):
            from .reading_level import step_scores, target_for

            context = super().get_context_data(parent_context)
            lesson = self.instance
            language = lesson.locale.language_code if lesson.locale_id else "vi"
            audience = lesson.audience or "citizen"
            context["target"] = target_for(language, audience)
            context["scores"] = step_scores(
                lesson.steps.raw_data if lesson.steps else [], language=language, audience=audience
            )
            context["vietnamese"] = language == "vi"
            return context
