"""Plain-language score of a lesson step: sentence length and word length, per language.

Two measures editors can act on, not a formula that hides them:

- **sentence length**: words per sentence. Vietnamese writes every syllable
  apart ("căn cước công dân" is two words, four syllables) and has no word
  boundaries without a dictionary, so for Vietnamese the count is syllables
  per sentence, with a target set in syllables.
- **word length**: letters per word, for English and German. Not measured for
  Vietnamese: every syllable is short, so the figure would say nothing.

What is scored is what a learner reads in the step: the instruction and the
tip or warning (the title is a heading). Targets are per language and per
audience (citizens stricter than volunteers and officials); they are
starting points from plain-language guidance (about 15 words a sentence in
English, shorter in German, where words are longer), not research on these
learners.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True)
class Target:
    words_per_sentence: float
    letters_per_word: float | None  # None: not measured (Vietnamese)


# (language, audience) -> target; the audience "citizen" is the learners'.
TARGETS: dict[tuple[str, str], Target] = {
    ("vi", "citizen"): Target(22, None),
    ("vi", "volunteer"): Target(30, None),
    ("en", "citizen"): Target(15, 5.0),
    ("en", "volunteer"): Target(20, 5.5),
    ("de", "citizen"): Target(12, 6.5),
    ("de", "volunteer"): Target(16, 7.0),
}


def target_for(language: str, audience: str) -> Target:
    """The target for `language` and `audience` (officials read like volunteers)."""
    group = "citizen" if audience == "citizen" else "volunteer"
    return TARGETS.get((language, group)) or TARGETS[("en", group)]


@dataclass(frozen=True)
class Score:
    sentences: int
    words: int
    words_per_sentence: float
    letters_per_word: float | None
    target: Target

    @property
    def long_sentences(self) -> bool:
        return self.words_per_sentence > self.target.words_per_sentence

    @property
    def long_words(self) -> bool:
        limit = self.target.letters_per_word
        return limit is not None and (self.letters_per_word or 0) > limit

    @property
    def plain(self) -> bool:
        return not (self.long_sentences or self.long_words)

    @property
    def verdict(self) -> str:
        if not self.words:
            return str(_("No text"))
        if self.plain:
            return str(_("Plain"))
        if self.long_sentences and self.long_words:
            return str(_("Shorter sentences and shorter words"))
        if self.long_sentences:
            return str(_("Shorter sentences"))
        return str(_("Shorter words"))


def score_text(text: str, *, language: str, audience: str) -> Score:
    """Sentence and word length of `text` against the target for `language` and `audience`."""
    target = target_for(language, audience)
    sentences = [part for part in SENTENCE_END.split(text or "") if WORD.search(part)]
    words = WORD.findall(text or "")
    count = len(words)
    per_sentence = round(count / len(sentences), 1) if sentences else 0.0
    letters = None
    if target.letters_per_word is not None:
        letters = round(sum(len(word) for word in words) / count, 1) if count else 0.0
    return Score(len(sentences), count, per_sentence, letters, target)


@dataclass(frozen=True)
class StepScore:
    number: int
    title: str
    score: Score


def step_scores(raw_steps, *, language: str, audience: str) -> list[StepScore]:
    """A Score for each numbered step of raw StreamField step data."""
    scores, number = [], 0
    for block in raw_steps or []:
        if block.get("type") != "step":
            continue
        number += 1
        value = block.get("value") or {}
        callout = (value.get("callout") or {}).get("text") or ""
        text = "\n".join(part for part in (value.get("instruction") or "", callout) if part)
        scores.append(
            StepScore(
                number,
                value.get("title") or "",
                score_text(text, language=language, audience=audience),
            )
        )
    return scores
