"""The load scenario of bench/load.py: volunteers logging visits, officials, learners.

Each simulated person logs in once (demo logins, password DEMO_PASSWORD) and
then repeats what they do in a day:

- a volunteer sends the visits of their outbox through the sync API
  (docs/sync-api.md): one download of their households from
  GET /api/v1/changes, then batches of 1 to 5 visits, each under a fresh
  client uuid, to POST /api/v1/batch; one batch in ten is sent again whole,
  as a phone that lost the answer would. Every visit the server acknowledged
  ("created" or "duplicate") is written, with its uuid, to LOAD_ACK_FILE, so
  bench/load.py can check each was stored exactly once. Where the API is
  missing (404 on /changes) the volunteer falls back to the visit form:
  open a household's form and save it (a redirect is the acknowledgement);
- an official opens the dashboard and asks for one workbook;
- a learner (no login) reads the home page, a course and its lessons.

Counts come from LOAD_VOLUNTEERS, LOAD_OFFICIALS, LOAD_LEARNERS.
Loopback only: the host is the bench's own server on 127.0.0.1.
"""

import datetime
import json
import os
import random
import re
import uuid

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "demo")
VOLUNTEER_LOGINS = ["volunteer", "volunteer2", "leader"] + [
    f"tnv{team}{n}" for team in range(1, 7) for n in range(1, 5)
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACK_FILE = os.environ.get("LOAD_ACK_FILE", "")
LINKS = re.compile(r'href="(/(?:en/|de/)?[a-z0-9\-/]+/)"')


def _csrf(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


def login(user: HttpUser, username: str) -> bool:
    page = user.client.get("/accounts/login/", name="/accounts/login/")
    answer = user.client.post(
        "/accounts/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page.text)},
        headers={"Referer": user.host + "/accounts/login/"},
        name="/accounts/login/ (POST)",
    )
    return answer.ok and "/accounts/login/" not in answer.url


@events.test_start.add_listener
def _empty_ack_file(environment, **kwargs):
    if ACK_FILE:
        open(ACK_FILE, "w").close()


class Volunteer(HttpUser):
    fixed_count = int(os.environ.get("LOAD_VOLUNTEERS", "50"))
    wait_time = between(2, 6)

    def on_start(self):
        self.logged_in = login(self, random.choice(VOLUNTEER_LOGINS))
        self.households = []
        self.device = str(uuid.uuid4())
        self.api_households = self._download() if self.logged_in else []
        self.use_api = self.api_households is not None

    def _download(self) -> list[int] | None:
        """Household ids from GET /api/v1/changes (every page); None when there is no API."""
        ids, cursor = [], ""
        for _page in range(20):
            answer = self.client.get(
                "/api/v1/changes", params={"cursor": cursor}, name="/api/v1/changes"
            )
            if answer.status_code == 404:
                return None
            if answer.status_code != 200:
                return []
            body = answer.json()
            ids += [household["id"] for household in body.get("households", [])]
            cursor = body.get("cursor", "")
            if not body.get("more"):
                break
        return ids

    @task
    def log_a_visit(self):
        if not self.logged_in:
            return
        if self.use_api:
            self._send_batch()
        else:
            self._save_form()

    def _send_batch(self):
        if not self.api_households:
            return
        now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        items = [
            {
                "client_id": str(uuid.uuid4()),
                "kind": "visit",
                "made_at": now,
                "data": {
                    "household_id": random.choice(self.api_households),
                    "visited_at": now,
                    "duration_minutes": 30,
                    "outcome": "done",
                    "satisfaction": 5,
                },
            }
            for _ in range(random.randint(1, 5))
        ]
        body = json.dumps({"device_id": self.device, "items": items})
        headers = {
            "Content-Type": "application/json",
            "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
            "Referer": self.host + "/field/",
        }
        for _attempt in range(2 if random.random() < 0.1 else 1):
            with self.client.post(
                "/api/v1/batch",
                data=body,
                headers=headers,
                name="/api/v1/batch (POST)",
                catch_response=True,
            ) as answer:
                if answer.status_code != 200:
                    answer.failure(f"batch not applied: {answer.status_code}")
                    continue
                results = answer.json().get("results", [])
                stored = [
                    r["client_id"] for r in results if r["status"] in ("created", "duplicate")
                ]
                if len(stored) == len(items):
                    answer.success()
                else:
                    answer.failure(f"{len(items) - len(stored)} visits refused")
                if ACK_FILE and stored:
                    with open(ACK_FILE, "a") as acks:
                        acks.write("".join(client_id + "\n" for client_id in stored))

    def _save_form(self):
        if not self.households:
            page = self.client.get("/field/", name="/field/")
            self.households = sorted(set(re.findall(r'href="/field/households/(\d+)/"', page.text)))
            if not self.households:
                return
        pk = random.choice(self.households)
        form = self.client.get(
            f"/field/households/{pk}/visit/", name="/field/households/[id]/visit/"
        )
        if form.status_code != 200:
            return
        # One team: a hidden input; several: a select whose first option is the default.
        team = re.search(r'name="team" value="(\d+)"', form.text) or re.search(
            r'name="team"[^>]*>\s*<option value="(\d+)"', form.text
        )
        now = re.search(r'name="visited_at" value="([^"]+)"', form.text)
        visit_uuid = str(uuid.uuid4())
        data = {
            "csrfmiddlewaretoken": _csrf(form.text),
            "uuid": visit_uuid,
            "visited_at": now.group(1) if now else "",
            "duration_minutes": "30",
            "outcome": "done",
            "satisfaction": "5",
            "team": team.group(1) if team else "",
        }
        url = f"/field/households/{pk}/visit/"
        for _attempt in range(2 if random.random() < 0.1 else 1):
            with self.client.post(
                url,
                data,
                headers={"Referer": self.host + url},
                allow_redirects=False,
                name="/field/households/[id]/visit/ (POST)",
                catch_response=True,
            ) as answer:
                if answer.status_code == 302:
                    answer.success()
                    if ACK_FILE:
                        with open(ACK_FILE, "a") as acks:
                            acks.write(visit_uuid + "\n")
                else:
                    answer.failure(f"visit not saved: {answer.status_code}")


class Official(HttpUser):
    fixed_count = int(os.environ.get("LOAD_OFFICIALS", "5"))
    wait_time = between(3, 8)

    def on_start(self):
        self.logged_in = login(self, "official")
        self.asked = False

    @task(5)
    def dashboard(self):
        if self.logged_in:
            self.client.get("/dashboard/", name="/dashboard/")

    @task(1)
    def ask_for_a_workbook(self):
        if not self.logged_in or self.asked:
            return
        page = self.client.get("/reports/", name="/reports/")
        area = re.search(r'name="area"[^>]*>\s*<option value="(\d+)"', page.text)
        if not area:
            return
        today = datetime.date.today()
        self.client.post(
            "/reports/request/",
            {
                "csrfmiddlewaretoken": _csrf(page.text),
                "area": area.group(1),
                "start": today.replace(day=1).isoformat(),
                "end": today.isoformat(),
                "language": "vi",
            },
            headers={"Referer": self.host + "/reports/"},
            name="/reports/request/ (POST)",
        )
        self.asked = True


class Learner(HttpUser):
    fixed_count = int(os.environ.get("LOAD_LEARNERS", "200"))
    wait_time = between(1, 4)

    def on_start(self):
        self.pages = []

    @task
    def read(self):
        if not self.pages:
            home = self.client.get("/", name="/ (home)")
            self.pages = [link for link in LINKS.findall(home.text) if link.count("/") >= 3][:20]
            return
        self.client.get(random.choice(self.pages), name="lesson and course pages")
