"""Accuracy of the "Ask a question" box on the labelled questions in bench/questions/*.json.

For each language (vi, en, de) the questions, phrased as learners type them (half
without diacritics in Vietnamese, half casual and lower-case without umlauts in
English and German), are put to the box's index (courses.answers.QuestionIndex)
over the demo content: the FAQ entries with their paraphrases and every lesson step,
built from courses/demo_content.py exactly as `manage.py demo` writes them (the same
texts, slugs and anchors), so the bench needs no database and takes seconds.

- top-1: the first answer is one the label accepts; top-3: one of the first three.
- off-topic answered: questions the demo does not answer (weather, recipes) that
  still got an answer above the threshold (they should be logged as unanswered).
- right answers shown: labelled questions whose accepted answer is in the list the
  page shows (above MIN_SCORE and the relative cut-off).

Budget rows: the top-3 miss rate against 1 - TOP3_FLOOR (the floor that
tests/courses/test_answers_accuracy.py asserts). BENCH_QUESTIONS_VERBOSE=1 prints
every miss.

    .venv/bin/python bench/run.py questions
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LABELS = Path(__file__).resolve().parent / "questions"
LANGUAGES = ("vi", "en", "de")
TOP3_FLOOR = 0.6
TOP1_FLOOR = 0.45
FAQ_SLUG = "hoi-dap"  # the demo FAQ page (courses/demo.py)


def load_labels(language: str) -> dict:
    return json.loads((LABELS / f"{language}.json").read_text(encoding="utf-8"))


def demo_documents(language: str) -> list:
    """The documents the box indexes for the demo site in `language`, from the demo data."""
    from django.utils.html import strip_tags
    from django.utils.text import slugify

    from core.text import fold
    from courses import demo_content as content
    from courses.answers import faq_documents, step_documents
    from courses.demo import LANGS, text

    index = LANGS.index(language)
    prefix = "" if index == 0 else f"/{language}"
    items = [
        {
            "anchor": "faq-" + slugify(fold(text(question, index)))[:60],
            "question": text(question, index),
            "text": strip_tags(text(answer, index)),
            "paraphrases": text(paraphrases, index),
        }
        for question, answer, paraphrases in content.FAQ
    ]
    documents = faq_documents(slug=FAQ_SLUG, url=f"{prefix}/{FAQ_SLUG}/", items=items)
    for course in content.COURSES:
        for lesson in course.lessons:
            steps = [
                {
                    "number": number,
                    "title": text(step.title, index),
                    "instruction": text(step.text, index),
                    "callout": text(step.callout[1:], index) if step.callout else "",
                }
                for number, step in enumerate(lesson.steps, start=1)
            ]
            documents += step_documents(
                slug=lesson.slug,
                url=f"{prefix}/khoa-hoc/{course.slug}/{lesson.slug}/",
                title=text(lesson.title, index),
                steps=steps,
            )
    return documents


def accepted(key: str, expect: list[str]) -> bool:
    lesson = key.split("#", 1)[0]
    return any(key == e or (e.endswith("#*") and e[:-2] == lesson) for e in expect)


def score(index, labels: dict) -> dict:
    """Top-1, top-3, shown-right and off-topic figures of `index` on `labels`; and misses."""
    from courses.answers import MIN_SCORE

    questions = labels["questions"]
    top1 = top3 = shown = 0
    misses = []
    for item in questions:
        found = index.search(item["q"], limit=3)
        keys = [answer.document.key for answer in found]
        if keys and accepted(keys[0], item["expect"]):
            top1 += 1
        if any(accepted(key, item["expect"]) for key in keys):
            top3 += 1
        else:
            misses.append((item["q"], item["expect"], keys))
        if any(accepted(a.document.key, item["expect"]) for a in index.answers(item["q"])):
            shown += 1
    off_topic = labels.get("off_topic", [])
    answered = [q for q in off_topic if index.answers(q)]
    weakest = min((index.search(i["q"], limit=1) or [None])[0].score for i in questions)
    return {
        "n": len(questions),
        "top1": top1 / len(questions),
        "top3": top3 / len(questions),
        "shown": shown / len(questions),
        "off_topic": len(off_topic),
        "off_topic_answered": len(answered),
        "misses": misses,
        "min_score": MIN_SCORE,
        "weakest_top_score": weakest,
    }


def figures() -> dict[str, dict]:
    """Per language: the figures of `score` on the demo content."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "literacy.settings.dev")
    django.setup()
    from courses.answers import QuestionIndex

    return {
        language: score(
            QuestionIndex(demo_documents(language), language=language), load_labels(language)
        )
        for language in LANGUAGES
    }


def run() -> list[dict]:
    rows = []
    verbose = os.environ.get("BENCH_QUESTIONS_VERBOSE") == "1"
    for language, found in figures().items():
        n = found["n"]
        note = (
            f"{n} questions; off-topic answered {found['off_topic_answered']}/"
            f"{found['off_topic']}; right answer shown {found['shown']:.2f}"
        )
        rows += [
            {
                "name": f"{language} top-1 accuracy",
                "ours": round(found["top1"], 3),
                "limit": None,
                "ratio": None,
                "unit": "share",
                "note": "",
            },
            {
                "name": f"{language} top-3 accuracy",
                "ours": round(found["top3"], 3),
                "limit": None,
                "ratio": None,
                "unit": "share",
                "note": note,
            },
            {
                "name": f"{language} top-3 misses",
                "ours": round(1 - found["top3"], 3),
                "limit": round(1 - TOP3_FLOOR, 3),
                "ratio": round((1 - found["top3"]) / (1 - TOP3_FLOOR), 3),
                "unit": "share",
                "note": "",
            },
        ]
        if verbose:
            for question, expect, keys in found["misses"]:
                print(f"  MISS {language}: {question!r} expected {expect} got {keys}")
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
