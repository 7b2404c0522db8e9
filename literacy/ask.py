"""The "Ask a question" page: /ask/?q=… (/en/ask/, /de/ask/), server-rendered, no JavaScript.

It lives in the project because it joins two apps: the answers come from the
courses (FAQ entries and lesson steps, courses.answers), the "ask your team"
contact from the volunteers (Team.contact_url). A learner has no account, so the
team is known only when the visitor chooses their commune (``area``: its official
code, kept in the form and in links such as a commune's QR poster); otherwise
the page gives the general message. The area is not stored with the question.

Not in the page cache: the cache keeps only Wagtail pages without a query string,
so the answers never fill it with one entry per question. Each answer costs one
cache read (the index generation) and, for the commune, two small queries.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from wagtail.models import Locale

from courses.answers import MAX_QUESTION_LENGTH, index_for
from courses.models.pages import language_url
from courses.services.questions import unanswered_question_record
from volunteers.selectors import areas_with_team_contact, team_contact_for_area

# Unanswered questions one address may add to the editors' list per hour; more are
# still answered, only not recorded (a flood of junk must not bury real questions).
UNANSWERED_RATE = "30/h"
# How much of an over-long question is shown back in the box (the rest is dropped).
ECHO_LENGTH = 2000


def _locale() -> Locale:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def ask(request):
    """Answers to a question in plain words, and always the way to the community team."""
    question = " ".join(request.GET.get("q", "").split())
    area_code = request.GET.get("area", "").strip()[:32]
    error = ""
    answers = []
    asked = bool(question)
    if len(question) > MAX_QUESTION_LENGTH:
        error = _("Please ask in fewer words: at most %(limit)d characters.") % {
            "limit": MAX_QUESTION_LENGTH
        }
        question = question[:ECHO_LENGTH]
        asked = False
    locale = _locale()
    if asked:
        answers = index_for(locale).answers(question)
        if not answers and not is_ratelimited(
            request, group="ask-unanswered", key="ip", rate=UNANSWERED_RATE, increment=True
        ):
            unanswered_question_record(language=locale.language_code, question=question)
    team = team_contact_for_area(code=area_code) if area_code else None
    path = request.get_full_path()
    language_links = [
        {"code": code, "name": name, "url": language_url(path, code), "translated": True}
        for code, name in settings.LANGUAGES
    ]
    return render(
        request,
        "ask.html",
        {
            "question": question,
            "asked": asked,
            "error": error,
            "answers": answers,
            "team": team,
            "area_code": area_code,
            "areas": areas_with_team_contact(),
            "max_length": MAX_QUESTION_LENGTH,
            "language_links": language_links,
            "meta_description": _(
                "Ask in your own words, with or without accents: answers from the FAQ and "
                "the lessons, and your community digital team."
            ),
        },
    )
