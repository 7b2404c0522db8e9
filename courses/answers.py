"""The "Ask a question" box: the FAQ answers and lesson steps that best match a question
typed in plain words, with or without diacritics, with no network.

Ranking is Okapi BM25 (k1 = 1.2, b = 0.75) over diacritics-folded tokens: each word
(a Vietnamese syllable, an English or German word lightly stemmed) and, in Vietnamese,
each pair of neighbouring syllables, so "mat khau" (password) counts as one term
besides "mat" and "khau". Search synonyms that editors keep ("cccd" -> "căn cước công dân") add their
phrase to the question. A small pure-Python BM25 is enough here: a language has some
hundreds of documents (one per FAQ entry and per lesson step), an index builds in
milliseconds, and a dependency (bm25s pulls numpy and scipy) would buy no accuracy.

One index per language is built on first use in each process and rebuilt after any
change to pages or learning snippets: a generation number in the shared page cache
(``CACHES[PAGE_CACHE_ALIAS]``) is bumped by signals (see `connect_signals`), so every
process sees a publish at once.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches

from core.text import fold

# Bounds on what a visitor may send (characters, and words kept of it).
MAX_QUESTION_LENGTH = 200
MAX_QUESTION_TOKENS = 24
# A question is answered when its best document contains words carrying at least
# MIN_COVERAGE of the question's weight (IDF; a word no document has weighs most), so
# a long question sharing one common phrase with an answer ("bao nhiêu", how much) is
# not; and scores at least MIN_SCORE (BM25 scores grow with the number of documents,
# so this is only a floor against a match on one common word). Otherwise it is logged
# as unanswered. Set on the labelled set (bench/questions.py): off-topic questions
# cover 0-0.34 of their weight, right answers mostly over 0.3.
MIN_COVERAGE = 0.25
MIN_SCORE = 1.0
# Answers scoring under this share of the best one are left off the list.
RELATIVE_CUTOFF = 0.4
K1, B = 1.2, 0.75

WORD_RE = re.compile(r"[a-z0-9]+")

# Folded words that carry no meaning for matching, per language. Kept short: BM25's
# IDF already weighs common words down; these are the ones every question has.
STOPWORDS = {
    "vi": frozenset(
        """toi minh em anh chi ong ba chu co bac cho cua va la thi khong nao gi sao lam
        the nhu duoc can muon phai o tren voi de mot cac nhung nay do hay ve vay a nhe
        oi roi da dang se bi bang thay khi neu ma hoi giup xin vui long""".split()
    ),
    "en": frozenset(
        """i me my mine a an the to do does did doing how what which can could should
        would will is are am be been was it its of on in at for with and or if you your
        we us our there this that these those please so just get got about want any
        some from by as im dont hi hello""".split()
    ),
    "de": frozenset(
        """ich mich mir mein meine meinen meiner meinem wie was wo welche welcher kann
        kanns konnen muss musst soll sollte der die das den dem des ein eine einen einem
        einer und oder zu zum zur mit auf im in ist sind es sie man bitte habe hab hat
        bei fur von an am um wenn da denn mal gibt geht dann noch schon so auch""".split()
    ),
}
SUFFIXES = {
    "en": ("ing", "ed", "es", "s", "e"),
    "de": ("ungen", "ung", "en", "er", "em", "es", "e", "n", "s"),
}
MIN_STEM = 3
# Vietnamese words are mostly two syllables, and folding merges syllables ("mật",
# "mất", "mặt" all become "mat"): a pair of neighbouring syllables ("mat_khau",
# password) is a term of its own. English and German words are words already; on the
# labelled set pairs made their top-1 worse (bench/questions.py), so they have none.
PAIR_LANGUAGES = frozenset({"vi"})


def _stem(word: str, language: str) -> str:
    for suffix in SUFFIXES.get(language, ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def words(text: str, language: str) -> list[str]:
    """The folded, stemmed words of `text` that are not stopwords."""
    stop = STOPWORDS.get(language, frozenset())
    return [_stem(w, language) for w in WORD_RE.findall(fold(text)) if w not in stop]


def _pairs(found: list[str], language: str) -> list[str]:
    if language not in PAIR_LANGUAGES:
        return []
    return [f"{a}_{b}" for a, b in zip(found, found[1:], strict=False)]


def terms(text: str, language: str) -> list[str]:
    """BM25 terms of `text`: its words and, in Vietnamese, each pair of neighbouring words."""
    found = words(text, language)
    return found + _pairs(found, language)


@dataclass(frozen=True)
class Document:
    """One answer the box can give: a FAQ entry or a lesson step."""

    key: str  # language-neutral: "<faq slug>#<n>" or "<lesson slug>#step-<n>"
    kind: str  # "faq" or "step"
    title: str
    url: str
    summary: str
    context: str = ""  # the lesson's title for a step
    # (text, weight): a weight-2 field counts its terms twice (a simple BM25F).
    fields: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Answer:
    document: Document
    score: float


@dataclass
class QuestionIndex:
    """BM25 over `documents` in `language`; `synonyms` maps a folded word to phrases."""

    documents: list[Document]
    language: str
    synonyms: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._counts: list[Counter] = []
        for document in self.documents:
            counts: Counter = Counter()
            for text, weight in document.fields:
                for term in terms(text, self.language):
                    counts[term] += weight
            self._counts.append(counts)
        self._lengths = [sum(c.values()) for c in self._counts]
        self._average = (sum(self._lengths) / len(self._lengths)) if self._lengths else 1.0
        frequency: Counter = Counter()
        for counts in self._counts:
            frequency.update(counts.keys())
        n = len(self.documents)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        self._postings: dict[str, list[int]] = {}
        for number, counts in enumerate(self._counts):
            for term in counts:
                self._postings.setdefault(term, []).append(number)

    def query_terms(self, question: str) -> list[str]:
        """The terms of `question` (at most MAX_QUESTION_TOKENS words), synonyms added."""
        found = words(question[:MAX_QUESTION_LENGTH], self.language)[:MAX_QUESTION_TOKENS]
        extra = [phrase for word in found for phrase in self.synonyms.get(word, [])]
        result = found + _pairs(found, language=self.language)
        for phrase in extra:
            result += terms(phrase, self.language)
        return list(dict.fromkeys(result))  # each term once: a repeated word is no stronger

    def search(self, question: str, *, limit: int = 5) -> list[Answer]:
        """The best `limit` documents for `question`, best first (any score above 0)."""
        scores: dict[int, float] = {}
        for term in self.query_terms(question):
            idf = self._idf.get(term)
            if idf is None:
                continue
            for number in self._postings[term]:
                tf = self._counts[number][term]
                norm = K1 * (1 - B + B * self._lengths[number] / self._average)
                scores[number] = scores.get(number, 0.0) + idf * tf * (K1 + 1) / (tf + norm)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [Answer(self.documents[number], score) for number, score in ranked]

    def coverage(self, question: str, document: Document) -> float:
        """The share of `question`'s word weight (IDF) that `document` contains, 0 to 1."""
        counts = self._counts[self.documents.index(document)]
        rarest = math.log(1 + (len(self.documents) + 0.5) / 0.5)
        found = dict.fromkeys(words(question[:MAX_QUESTION_LENGTH], self.language))
        weights = {word: self._idf.get(word, rarest) for word in found}
        total = sum(weights.values())
        return sum(w for word, w in weights.items() if word in counts) / total if total else 0.0

    def answers(self, question: str, *, limit: int = 3) -> list[Answer]:
        """What the box shows: the best answers at or above MIN_SCORE and not far below
        the best one; an empty list means the question is unanswered."""
        found = self.search(question, limit=limit)
        if not found or found[0].score < MIN_SCORE:
            return []
        if self.coverage(question, found[0].document) < MIN_COVERAGE:
            return []
        floor = max(MIN_SCORE, found[0].score * RELATIVE_CUTOFF)
        return [answer for answer in found if answer.score >= floor]


# --- documents from pages -----------------------------------------------------------


def faq_documents(*, slug: str, url: str, items: list[dict]) -> list[Document]:
    """One document per FAQ item (dicts as FaqPage.faq_items gives them)."""
    return [
        Document(
            key=f"{slug}#{number}",
            kind="faq",
            title=item["question"],
            url=f"{url}#{item['anchor']}",
            summary=item["text"],
            fields=((item["question"], 2), (item.get("paraphrases", ""), 2), (item["text"], 1)),
        )
        for number, item in enumerate(items, start=1)
    ]


def step_documents(*, slug: str, url: str, title: str, steps: list[dict]) -> list[Document]:
    """One document per numbered step; `steps` are dicts with number, title, instruction
    and callout text."""
    return [
        Document(
            key=f"{slug}#step-{step['number']}",
            kind="step",
            title=step["title"],
            url=f"{url}#step-{step['number']}",
            summary=step["instruction"],
            context=title,
            fields=(
                (step["title"], 2),
                (step["instruction"], 1),
                (step.get("callout", ""), 1),
                (title, 1),
            ),
        )
        for step in steps
    ]


def lesson_steps(lesson) -> list[dict]:
    """The numbered steps of a LessonPage as plain dicts for `step_documents`."""
    steps = []
    for number, block in lesson.numbered_steps():
        if number is None:
            continue
        callout = block.value.get("callout") or {}
        steps.append(
            {
                "number": number,
                "title": block.value["title"],
                "instruction": block.value["instruction"],
                "callout": callout.get("text", "") if hasattr(callout, "get") else "",
            }
        )
    return steps


def documents_for_locale(locale, fallback=None) -> list[Document]:
    """Every FAQ entry and lesson step live in `locale`, and those of `fallback` (the
    source language) whose page has no live translation in `locale`, linked under
    `locale`'s prefix."""
    from .models import FaqPage, LessonPage
    from .models.pages import language_url

    documents: list[Document] = []
    sources = [(locale, None)]
    if fallback is not None and fallback.pk != locale.pk:
        sources.append((fallback, locale))
    for source, untranslated_in in sources:
        for model in (FaqPage, LessonPage):
            pages = model.objects.live().filter(locale=source).order_by("path")
            if untranslated_in is not None:
                translated = model.objects.live().filter(locale=untranslated_in)
                pages = pages.exclude(translation_key__in=translated.values("translation_key"))
            for page in pages:
                url = page.get_url()
                if untranslated_in is not None:
                    url = language_url(url, untranslated_in.language_code)
                if model is FaqPage:
                    documents += faq_documents(slug=page.slug, url=url, items=page.faq_items())
                else:
                    documents += step_documents(
                        slug=page.slug, url=url, title=page.title, steps=lesson_steps(page)
                    )
    return documents


def synonyms_for(locales) -> dict[str, list[str]]:
    from .models import SearchSynonym

    found: dict[str, list[str]] = {}
    for term, phrase in SearchSynonym.objects.filter(locale__in=locales).values_list(
        "term", "phrase"
    ):
        found.setdefault(term, []).append(phrase)
    return found


# --- one index per language and process, rebuilt after a content change --------------

GENERATION_KEY = "ask:generation"
_indexes: dict[str, tuple[object, QuestionIndex]] = {}
_lock = threading.Lock()


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def invalidate() -> None:
    """Make every process rebuild its question indexes on their next use."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def index_for(locale) -> QuestionIndex:
    """The question index of `locale` (with the default locale's untranslated pages)."""
    from wagtail.models import Locale

    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    code = locale.language_code
    cached = _indexes.get(code)
    if cached is not None and cached[0] == generation:
        return cached[1]
    with _lock:
        cached = _indexes.get(code)
        if cached is not None and cached[0] == generation:
            return cached[1]
        default = Locale.get_default()
        index = QuestionIndex(
            documents_for_locale(locale, default),
            language=code,
            synonyms=synonyms_for([locale, default]),
        )
        _indexes[code] = (generation, index)
        return index


# Rows that never change what the box answers (and are written on every unanswered
# question, so they must not throw the indexes away).
IGNORED_MODELS = frozenset({"unansweredquestion", "autosaveddraft"})
WATCHED_APPS = frozenset({"wagtailcore", "courses", "wagtail_localize"})


def _on_change(sender, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label in WATCHED_APPS and meta.model_name not in IGNORED_MODELS:
        invalidate()


def connect_signals() -> None:
    """Called once from CoursesConfig.ready()."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_change, dispatch_uid="ask_index_save")
    post_delete.connect(_on_change, dispatch_uid="ask_index_delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(lambda **kwargs: invalidate(), weak=False, dispatch_uid=f"ask_{signal}")
