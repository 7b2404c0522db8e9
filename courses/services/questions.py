"""Writes for the "Ask a question" box."""

import re

from django.db.models import F
from django.utils import timezone

from core.text import fold

from ..models import UnansweredQuestion

TEXT_LENGTH = UnansweredQuestion._meta.get_field("text").max_length


def unanswered_question_record(*, language: str, question: str) -> str:
    """Count `question` (asked in `language`) as unanswered; returns the stored text.

    Only the folded text is kept (no user, no address, no session): "Tôi quên
    mật khẩu?" is stored as "toi quen mat khau", and asking it again adds one to
    its count. A question editors had marked answered is opened again, since the
    FAQ still did not answer it. Written with UPDATE and INSERT … ON CONFLICT DO
    NOTHING, which send no save signal: an anonymous question must not empty the
    page cache or the question indexes. Two first askings at the same instant may
    count as one.
    """
    # Words only: "Quên mật khẩu?" and "quen mat khau" are one question.
    text = " ".join(re.findall(r"\w+", fold(question)))[:TEXT_LENGTH].strip()
    if not text:
        return ""
    language = language[: UnansweredQuestion._meta.get_field("language").max_length]
    rows = UnansweredQuestion.objects.filter(language=language, text=text)
    changes = {"times_asked": F("times_asked") + 1, "last_asked_at": timezone.now()}
    if not rows.update(**changes, resolved=False):
        row = UnansweredQuestion(language=language, text=text)
        row.full_clean(validate_unique=False, validate_constraints=False)
        UnansweredQuestion.objects.bulk_create([row], ignore_conflicts=True)
    return text
