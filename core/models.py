"""Abstract bases every app's models share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import fold


class TimeStampedModel(models.Model):
    """Abstract base: when a row was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class SearchTextMixin:
    """Keeps a folded `search_text` column current on every save.

    Subclasses declare the `search_text` field and implement
    `build_search_text()`; "dang ky" then finds "Đăng ký" with a plain LIKE on
    SQLite and PostgreSQL. A save with `update_fields` writes it too.
    """

    search_text_max_length: int | None = None

    def build_search_text(self) -> str:
        raise NotImplementedError

    def folded_search_text(self, **parts) -> str:
        """The folded, cut `search_text`; `parts` go to build_search_text (for bulk builds)."""
        text = fold(self.build_search_text(**parts))
        return text[: self.search_text_max_length] if self.search_text_max_length else text

    def save(self, *args, **kwargs):
        self.search_text = self.folded_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        return super().save(*args, **kwargs)
