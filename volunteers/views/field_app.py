"""The offline field app: its shell page and its web app manifest.

The shell (/field/app/, and /field/app/<route> for things that exist only on
the phone, like a household registered offline) holds no personal data: it is
cached by the browser and renders every screen from IndexedDB
(static/volunteers/field-app.js). The service worker answers a /field/ page
that cannot be fetched with this shell, which routes by location.pathname.
Its words come from the server, translated, as a JSON data element (the CSP
forbids inline script).
"""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from volunteers import messages
from volunteers.forms import DEFAULT_CONSENT_SCOPE
from volunteers.models import Household, Visit
from volunteers.vocabulary import VULNERABILITY_GROUPS

# Every word field-app.js shows, by key. Most are the server pages' own msgids.
STRINGS = {
    "my_households": _("My households"),
    "today": _("Today"),
    "search_label": _("Search by code, name or village"),
    "search": _("Search"),
    "no_match": _("No household matches."),
    "register": _("Register a household"),
    "register_button": _("Register"),
    "log_visit": _("Log a visit"),
    "save_visit": _("Save visit"),
    "certify": _("Certify a skill"),
    "issue": _("Issue the certificate"),
    "add_learner": _("Add a learner"),
    "save": _("Save"),
    "learners": _("Learners"),
    "no_learner": _("No learner yet."),
    "visits": _("Visits"),
    "last_visit": _("Last visit"),
    "never_visited": _("Never visited"),
    "follow_up": _("Follow-up"),
    "follow_up_due": _("Follow-up due"),
    "overdue": _("overdue"),
    "next_follow_up": _("Next follow-up"),
    "none": _("none"),
    "address": _("Address"),
    "phone": _("Phone"),
    "people": _("People"),
    "outcome": _("Outcome"),
    "when": _("When"),
    "duration": _("How long (minutes)"),
    "follow_up_on": _("Follow-up date"),
    "skills": _("Skills practised"),
    "skills_help": _("Skills the household practised with you today."),
    "services": _("Services completed"),
    "services_help": _("Public-service steps finished during this visit."),
    "same_as_last": _("Same skills as last visit"),
    "notes": _("Notes"),
    "team": _("Team"),
    "area": _("Village or area"),
    "pick_village": _("Choose the village"),
    "head_name": _("Head of household"),
    "size": _("People in household"),
    "consent_first": _("1. Consent first"),
    "consent_read": _(
        "Read this to the household and ask for their agreement before writing anything about them."
    ),
    "consent_scope": _("What was agreed"),
    "consent_given_by": _("Who agreed"),
    "consent_confirmed": _("The household agreed to let us store its data"),
    "the_household": _("2. The household"),
    "consent_required": messages.CONSENT_REQUIRED,
    "name": _("Name"),
    "birth_year": _("Birth year"),
    "learner": _("Learner"),
    "the_learner_showed": _("The learner showed"),
    "checklist_incomplete": messages.CHECKLIST_INCOMPLETE,
    "pick_skill": _("Which skill?"),
    "add_learner_first": _("Add a learner to this household first."),
    "required": _("This field is required."),
    "out_of_range": _("Enter a number between %(min)s and %(max)s."),
    "duration_range": messages.DURATION_OUT_OF_RANGE,
    "follow_up_needed": messages.FOLLOW_UP_REQUIRED,
    "follow_up_before": messages.FOLLOW_UP_BEFORE_VISIT,
    "in_future": messages.VISIT_IN_FUTURE,
    "code_pending": _("verification code pending"),
    "cert_code": _("Certificate code"),
    "min": _("min"),
    "waiting": _("%(n)s waiting to send"),
    "nothing_waiting": _("Nothing waiting to send"),
    "refused": _("%(n)s refused: open to correct or discard"),
    "send_now": _("Send now"),
    "sending": _("Sending…"),
    "sent_ok": _("Everything was sent."),
    "offline_now": _("No connection: your work is kept on this phone."),
    "send_failed": _("Could not send now; trying again later."),
    "last_sync": _("Last sync: %(when)s"),
    "never_synced": _("Not synced yet"),
    "storage": _("Using %(used)s on this phone"),
    "outbox": _("Waiting to send"),
    "outbox_empty": _("Nothing is waiting: everything made on this phone was sent."),
    "status_waiting": _("waiting to send"),
    "status_refused": _("refused"),
    "edit_resend": _("Correct and send again"),
    "resend": _("Send again"),
    "discard": _("Discard"),
    "discard_confirm": _("Discard this item? It will never be sent."),
    "kind_visit": _("Visit"),
    "kind_household": _("Household"),
    "kind_learner": _("Learner"),
    "kind_certification": _("Certificate"),
    "open_by_code": _("Open by card code"),
    "scan": _("Scan a QR card"),
    "card_code": _("Card code"),
    "open": _("Open"),
    "code_unknown": _("No household of your teams has this code on this phone."),
    "not_on_phone": _("This page is not saved on this phone."),
    "saved_on_phone": _("Saved on this phone; it will be sent when there is a connection."),
    "progress": _("This month"),
    "progress_of": _("%(done)s of %(target)s households"),
    "progress_done": _("%(done)s households"),
    "last_month": _("Last month: %(n)s"),
    "due_first": _("Follow-ups due"),
    "no_due": _("No follow-up due."),
    "logout_warning": _(
        "%(n)s items on this phone were not sent yet. If you log out now they are lost: %(what)s."
    ),
    "download_unsent": _("Download the unsent items"),
    "logout_anyway": _("Log out and lose them"),
    "cancel": _("Cancel"),
    "loading": _("Loading the households of your teams…"),
    "no_data": _("Open the field app once with a connection to keep your households here."),
    "masked": _("hidden"),
    "pending_household": _("registered on this phone"),
}


def field_app_config() -> dict:
    """What the shell needs besides the data: words, choices and limits, in this language."""
    low, high = Household.size_limits()
    return {
        "strings": {key: str(text) for key, text in STRINGS.items()},
        "outcomes": [[value, str(label)] for value, label in Visit.Outcome.choices],
        "follow_up_outcome": Visit.Outcome.FOLLOW_UP,
        "household_flags": [[g.field, str(g.label)] for g in VULNERABILITY_GROUPS],
        "learner_flags": [[g.field, str(g.label)] for g in VULNERABILITY_GROUPS if g.on_learner],
        "consent_scope": str(DEFAULT_CONSENT_SCOPE),
        "size": [low, high],
        "api": "/api/v1/",
        "shell": reverse("volunteers:field_app"),
        "logout": reverse("logout"),
    }


@login_required
def field_app(request, route: str = ""):
    """The offline shell; `route` is read by field-app.js from location.pathname."""
    return render(request, "volunteers/field_app.html", {"config": field_app_config()})


@cache_control(max_age=3600, public=True)
def manifest(request):
    """The web app manifest: installable, opens at /field/ on its own."""
    icons = [
        {"src": static(f"volunteers/icons/icon-{size}.png"), "sizes": f"{size}x{size}"}
        for size in (192, 512)
    ]
    for icon in icons:
        icon["type"] = "image/png"
        icon["purpose"] = "any maskable"
    data = {
        "name": _gettext("Digital Literacy · field app"),
        "short_name": _gettext("Field app"),
        "start_url": reverse("volunteers:home"),
        "scope": reverse("volunteers:home"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": icons,
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
