"""Lessons that stay true: which steps show an app version older than the app's current one.

"Needs review" is computed, not stored: it follows from two facts editors
change (the version a step's screenshot shows, and the app's current
version), so there is no flag to forget to set or clear, whichever of the
two changes first. Cost: one query for the apps, one for the lessons' step
data (read raw, without loading images or videos), then plain Python over a
few hundred lessons.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import get_language

from .models import App, LessonPage, LessonReads

READS_WINDOW_DAYS = 30


def version_key(version: str) -> tuple[int, ...] | None:
    """(2, 10) for "2.10"; None when the version has no number to compare."""
    numbers = re.findall(r"\d+", version or "")
    return tuple(int(number) for number in numbers) if numbers else None


def is_older(version: str, current: str) -> bool:
    """True when `version` comes before `current` ("2.9" before "2.10"); different
    versions without numbers count as older (someone must look)."""
    version, current = (version or "").strip(), (current or "").strip()
    if not version or not current or version == current:
        return False
    mine, theirs = version_key(version), version_key(current)
    if mine is None or theirs is None:
        return version.casefold() != current.casefold()
    return mine < theirs


@dataclass(frozen=True)
class StepApp:
    number: int
    step_id: str
    app_id: int
    version: str


def step_apps(raw_steps) -> list[StepApp]:
    """The numbered steps of a lesson's raw step data that record an app and version."""
    found, number = [], 0
    for block in raw_steps or []:
        if block.get("type") != "step":
            continue
        number += 1
        value = block.get("value") or {}
        if value.get("app") and (value.get("app_version") or "").strip():
            found.append(
                StepApp(number, block.get("id") or "", int(value["app"]), value["app_version"])
            )
    return found


@dataclass(frozen=True)
class OutdatedStep:
    number: int
    app: App
    version: str


@dataclass
class LessonToReview:
    lesson: LessonPage
    outdated: list[OutdatedStep] = field(default_factory=list)
    overdue: bool = False
    reads: int = 0

    @property
    def apps(self) -> list[str]:
        """ "VNeID 2.1 → 2.3" for each app whose screens are out of date."""
        seen: dict[int, str] = {}
        for step in self.outdated:
            seen.setdefault(
                step.app.pk, f"{step.app.name} {step.version} → {step.app.current_version}"
            )
        return list(seen.values())

    @property
    def step_numbers(self) -> str:
        return ", ".join(str(step.number) for step in self.outdated)


def lesson_outdated_steps(
    lesson: LessonPage, apps: dict[int, App] | None = None
) -> list[OutdatedStep]:
    """The steps of `lesson` whose screenshot shows an older version than its app's current one."""
    shown = step_apps(lesson.steps.raw_data)
    if apps is None:
        apps = App.objects.in_bulk({step.app_id for step in shown})
    return [
        OutdatedStep(step.number, apps[step.app_id], step.version)
        for step in shown
        if step.app_id in apps and is_older(step.version, apps[step.app_id].current_version)
    ]


def reads_since(days: int = READS_WINDOW_DAYS) -> dict[int, int]:
    """Reads per lesson id over the last `days` days (today included)."""
    start = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = (
        LessonReads.objects.filter(day__gte=start)
        .values("lesson_id")
        .annotate(total=Sum("count"))
        .values_list("lesson_id", "total")
    )
    return dict(rows)


def lessons_to_review(today: datetime.date | None = None) -> list[LessonToReview]:
    """Live lessons (every language) that show an outdated app version or are past their
    review-by date, most read in the last 30 days first. Four queries whatever the count."""
    today = today or timezone.localdate()
    apps = App.objects.in_bulk()
    reads = reads_since()
    rows = []
    lessons = (
        LessonPage.objects.live()
        .select_related("locale")
        .only("id", "title", "steps", "review_by", "last_checked_on", "locale", "path", "url_path")
    )
    for lesson in lessons:
        row = LessonToReview(
            lesson=lesson,
            outdated=lesson_outdated_steps(lesson, apps),
            overdue=lesson.review_by is not None and lesson.review_by < today,
            reads=reads.get(lesson.pk, 0),
        )
        if row.outdated or row.overdue:
            rows.append(row)
    rows.sort(key=lambda row: (-row.reads, row.lesson.path))
    return rows


@dataclass(frozen=True)
class CheckedAgainst:
    """ "Last checked against VNeID 2.3 on 1 March 2026", for learners."""

    apps: list[str]
    on: datetime.date | None
    outdated: bool

    @property
    def on_text(self) -> str:
        """The date in the reader's language, fit to follow "on" ("vào ngày 5 tháng 8…":
        Vietnamese dates start with a capital "Ngày" of their own)."""
        if self.on is None:
            return ""
        text = formats.date_format(self.on, "DATE_FORMAT")
        return text[:1].lower() + text[1:] if get_language() == "vi" else text


def checked_against(lesson: LessonPage) -> CheckedAgainst | None:
    """What the lesson's screenshots were checked against, or None when no step records an app."""
    shown = step_apps(lesson.steps.raw_data)
    if not shown:
        return None
    apps = App.objects.in_bulk({step.app_id for step in shown})
    labels: dict[str, None] = {}
    outdated = False
    for step in shown:
        app = apps.get(step.app_id)
        if app is None:
            continue
        labels[f"{app.name} {step.version}"] = None
        outdated = outdated or is_older(step.version, app.current_version)
    if not labels:
        return None
    return CheckedAgainst(apps=list(labels), on=lesson.last_checked_on, outdated=outdated)
