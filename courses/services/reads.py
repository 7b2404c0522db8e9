"""Lesson reads per day, counted cheaply.

Each process counts in memory and writes its counts at most every
LESSON_READS_FLUSH_SECONDS (one UPDATE per lesson read in that time), so a
read costs no database write, also when the page cache answers. A process
that stops loses at most that many seconds of its counts: fine for ordering
a review list by how much a lesson is read, not for accounting.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import LessonReads

_lock = threading.Lock()
_pending: Counter = Counter()
_last_flush = time.monotonic()


def lesson_read(lesson_id: int) -> None:
    """Count one read of the lesson `lesson_id` today; writes pending counts when due."""
    global _last_flush
    with _lock:
        _pending[(lesson_id, timezone.localdate())] += 1
        due = time.monotonic() - _last_flush >= getattr(settings, "LESSON_READS_FLUSH_SECONDS", 60)
        if not due:
            return
        counts = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    lesson_reads_write(counts)


def lesson_reads_write(counts: dict) -> None:
    """Add `counts` ({(lesson_id, day): n}) to the stored daily reads (of lessons that
    still exist: one deleted meanwhile would fail its foreign key at commit)."""
    from ..models import LessonPage

    existing = set(
        LessonPage.objects.filter(pk__in={key[0] for key in counts}).values_list("pk", flat=True)
    )
    for (lesson_id, day), count in counts.items():
        if lesson_id not in existing:
            continue
        with transaction.atomic():
            updated = LessonReads.objects.filter(lesson_id=lesson_id, day=day).update(
                count=F("count") + count
            )
            if updated:
                continue
            try:
                with transaction.atomic():
                    LessonReads.objects.create(lesson_id=lesson_id, day=day, count=count)
            except IntegrityError:  # another process made the row meanwhile
                LessonReads.objects.filter(lesson_id=lesson_id, day=day).update(
                    count=F("count") + count
                )
