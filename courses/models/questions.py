from django.db import models
from django.utils.translation import gettext_lazy as _


class UnansweredQuestion(models.Model):
    """A question the "Ask a question" box found no good answer for.

    Kept without personal data: the folded text only (no address, no user, no
    session), counted when it is asked again, for editors to turn into FAQ
    entries.
    """

    language = models.CharField(_("language"), max_length=10)
    text = models.CharField(_("question (folded)"), max_length=300)
    times_asked = models.PositiveIntegerField(_("times asked"), default=1)
    first_asked_at = models.DateTimeField(_("first asked"), auto_now_add=True)
    last_asked_at = models.DateTimeField(_("last asked"), auto_now=True, db_index=True)
    resolved = models.BooleanField(_("answered in the FAQ"), default=False)

    class Meta:
        verbose_name = _("unanswered question")
        verbose_name_plural = _("unanswered questions")
        ordering = ["resolved", "-times_asked", "-last_asked_at"]
        constraints = [
            models.UniqueConstraint(fields=["language", "text"], name="unanswered_question_unique")
        ]

    def __str__(self) -> str:
        return self.text
