"""Find every lesson step that mentions a phrase, in every language, ignoring diacritics.

For the editor whose app renamed a button: "dang nhap" finds "Đăng nhập" in
step titles, instructions, picture descriptions and tips. Reads what learners
see now (the live or last-created content of each lesson, not unpublished
drafts): one query, then folded substring matching in Python.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from anyascii import anyascii
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .models import LessonPage

FIELDS = (
    ("title", _("title")),
    ("instruction", _("instruction")),
    ("image_alt", _("picture description")),
    ("callout", _("tip or warning")),
)


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """`text` folded one character at a time, and for each folded character the index of
    the original character it came from (so a match can be marked in the original)."""
    folded, origin = [], []
    for index, char in enumerate(text):
        part = " " if char.isspace() else anyascii(char).lower()
        folded.append(part)
        origin.extend([index] * len(part))
    return "".join(folded), origin


def fold_phrase(phrase: str) -> str:
    return " ".join(_folded_with_map(phrase)[0].split())


def marked(text: str, phrase: str) -> SafeString | None:
    """`text` escaped with each match of the folded `phrase` in <mark>, or None if none."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    needle = fold_phrase(phrase)
    if not needle:
        return None
    folded, origin = _folded_with_map(text)
    spans, start = [], folded.find(needle)
    while start != -1:
        end = start + len(needle) - 1
        spans.append((origin[start], origin[end] + 1))
        start = folded.find(needle, start + len(needle))
    if not spans:
        return None
    out, last = [], 0
    for begin, finish in spans:
        if begin < last:
            continue
        out += [escape(text[last:begin]), "<mark>", escape(text[begin:finish]), "</mark>"]
        last = finish
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece of text escaped above)


@dataclass(frozen=True)
class StepHit:
    lesson: LessonPage
    step_number: int
    step_title: str
    field: str  # "title", "instruction", "image_alt" or "callout"
    field_label: str
    excerpt: SafeString


def steps_mentioning(phrase: str) -> list[StepHit]:
    """Every (lesson, step, field) whose text contains `phrase`, diacritics and case ignored,
    in tree order and language by language. One query."""
    if not fold_phrase(phrase):
        return []
    hits = []
    lessons = (
        LessonPage.objects.select_related("locale")
        .only("id", "title", "steps", "locale", "path", "live")
        .order_by("locale__language_code", "path")
    )
    for lesson in lessons:
        number = 0
        for block in lesson.steps.raw_data:
            if block.get("type") != "step":
                continue
            number += 1
            value = block.get("value") or {}
            for name, label in FIELDS:
                text = value.get(name) or ""
                if name == "callout":
                    text = (text or {}).get("text") or "" if isinstance(text, dict) else ""
                found = marked(text, phrase) if text else None
                if found is not None:
                    hits.append(
                        StepHit(lesson, number, value.get("title") or "", name, str(label), found)
                    )
    return hits
