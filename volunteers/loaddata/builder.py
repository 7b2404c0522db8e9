"""The load tree, built level by level: areas, teams and volunteers, households, visits, certificates."""

from __future__ import annotations

import datetime
import math
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale

from core.text import fold
from courses.models import Skill
from volunteers.demo.vocabulary import (
    CONSENT_SCOPE,
    EXTRA_LEARNERS,
    HEAD_BIRTH_YEARS,
    HOUSEHOLD_SIZES,
    MEMBER_BIRTH_YEARS,
    SERVICES,
    WORKED_OUTCOMES,
    duration_minutes,
    follow_up_on,
    head_learner_flags,
    house_address,
    person_name,
    phone,
    place_name,
    satisfaction,
    team_contact_url,
    team_name,
    visit_outcomes,
    vulnerability_flags,
)
from volunteers.models import (
    Area,
    Certification,
    Household,
    Learner,
    Membership,
    Service,
    Team,
    Visit,
    Volunteer,
)
from volunteers.services.certifications import CODE_LENGTH
from volunteers.services.codes import random_code
from volunteers.vocabulary import LEARNER_VULNERABILITY_FIELDS

from .writer import (
    CERTIFICATION_COLUMNS,
    HOUSEHOLD_COLUMNS,
    LEARNER_COLUMNS,
    VISIT_COLUMNS,
    RawWriter,
    uuid7,
)

BATCH = 5000
HOUSEHOLDS_PER_VILLAGE = 200
VILLAGES_PER_COMMUNE = 5
COMMUNES_PER_DISTRICT = 10
VOLUNTEERS_PER_TEAM = 6
CERTIFICATIONS_PER_VISIT = 1 / 8
# Skills of their own, so a load tree needs no course content (the demo's skills come from courses).
LOAD_SKILLS = [
    ("load-vneid-install", "Cài đặt VNeID"),
    ("load-vneid-level2", "Kích hoạt định danh mức 2"),
    ("load-portal-birth", "Đăng ký khai sinh trực tuyến"),
    ("load-scam-spotting", "Nhận biết tin nhắn lừa đảo"),
    ("load-e-wallet", "Thanh toán không dùng tiền mặt"),
    ("load-health-insurance", "Bảo hiểm y tế trên VssID"),
]
NO_LEARNER_FLAGS = (False,) * len(LEARNER_VULNERABILITY_FIELDS)


def username_prefix(root_code: str) -> str:
    """The usernames of a load tree's volunteers start with it ("load-v00001")."""
    return f"{root_code.lower()}-v"


def say(out, message: str) -> None:
    out.write(message + ("" if message.endswith("\n") else "\n"))
    if hasattr(out, "flush"):
        out.flush()


class Builder:
    def __init__(self, *, households: int, visits: int, rng: random.Random, root_code: str, out):
        self.n_households = max(0, households)
        self.n_visits = max(0, visits)
        self.rng = rng
        self.root_code = root_code
        self.out = out
        self.now = timezone.now()
        self.started = time.monotonic()
        self.db = RawWriter()

    def say(self, message: str) -> None:
        say(self.out, f"[{time.monotonic() - self.started:7.1f}s] {message}")

    def run(self) -> Area:
        with transaction.atomic():
            self.skills = self._skills()
            self.services = self._services()
            root = self._areas()
        with transaction.atomic():
            self._teams_and_volunteers()
        self._households()
        self._visits()
        self._certifications()
        self._analyze()
        self.say("Done.")
        return root

    def _analyze(self) -> None:
        """Refresh the planner's statistics: after a bulk load they describe empty tables.

        Stale statistics made PostgreSQL pick nested loops for the dashboard
        (9-10 s instead of about 4.7 s at 200k visits).
        """
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.say("Statistics refreshed (ANALYZE).")

    # --- reference rows shared by every load tree ---------------------------

    def _skills(self) -> list[tuple[int, list[str]]]:
        locale = Locale.get_default()
        rows = []
        for code, name in LOAD_SKILLS:
            skill, _ = Skill.objects.get_or_create(
                code=code,
                locale=locale,
                defaults={
                    "name": name,
                    "checklist": [("check", "Opens the app"), ("check", "Shows it alone")],
                },
            )
            rows.append((skill.pk, skill.checklist_items))
        return rows

    def _services(self) -> list[int]:
        return [
            Service.objects.get_or_create(code=code, defaults={"name": name})[0].pk
            for code, name in SERVICES
        ]

    # --- the tree -----------------------------------------------------------

    def _areas(self) -> Area:
        n_villages = max(1, math.ceil(self.n_households / HOUSEHOLDS_PER_VILLAGE))
        n_communes = max(1, math.ceil(n_villages / VILLAGES_PER_COMMUNE))
        n_districts = max(1, math.ceil(n_communes / COMMUNES_PER_DISTRICT))
        root = Area.add_root(
            name=f"Tỉnh Tải Thử {self.root_code}", level=Area.Level.PROVINCE, code=self.root_code
        )
        code = self.root_code
        districts = self._children(
            root,
            [
                (f"Huyện {place_name(i)}", f"{code}-D{i + 1}", Area.Level.DISTRICT)
                for i in range(n_districts)
            ],
        )
        communes = self._level(districts, n_communes, "Xã", "C", Area.Level.COMMUNE)
        villages = self._level(communes, n_villages, "Thôn", "V", Area.Level.VILLAGE)
        Area.objects.bulk_create(districts + communes + villages, batch_size=BATCH)
        Area.objects.filter(pk=root.pk).update(numchild=root.numchild)
        # Back to the rows as stored (pks), in a stable order.
        stored = {a.code: a for a in Area.objects.filter(root.subtree_q(), depth__gt=root.depth)}
        self.communes = [stored[c.code] for c in communes]
        self.villages = [stored[v.code] for v in villages]
        commune_by_path = {c.path: stored[c.code].pk for c in communes}
        self.village_commune = {
            stored[v.code].pk: commune_by_path[v.path[: -Area.steplen]] for v in villages
        }
        self.say(
            f"{1 + len(stored)} areas ({n_districts} districts, {n_communes} communes, "
            f"{n_villages} villages)"
        )
        return root

    def _level(
        self, parents: list[Area], count: int, label: str, letter: str, level: str
    ) -> list[Area]:
        """`count` children spread round-robin over `parents`."""
        specs: list[list[tuple[str, str, str]]] = [[] for _ in parents]
        for i in range(count):
            spec = specs[i % len(parents)]
            parent = parents[i % len(parents)]
            spec.append(
                (f"{label} {place_name(i)}", f"{parent.code}-{letter}{len(spec) + 1}", level)
            )
        children = []
        for parent, spec in zip(parents, specs, strict=True):
            children += self._children(parent, spec)
        return children

    @staticmethod
    def _children(parent: Area, spec: list[tuple[str, str, str]]) -> list[Area]:
        """Unsaved child rows with their treebeard paths, in name order (node_order_by)."""
        spec = sorted(spec, key=lambda row: row[0])
        parent.numchild = len(spec)
        return [
            Area(
                name=name,
                code=code,
                level=level,
                depth=parent.depth + 1,
                numchild=0,
                path=Area._get_path(parent.path, parent.depth + 1, position + 1),
            )
            for position, (name, code, level) in enumerate(spec)
        ]

    # --- teams and volunteers -------------------------------------------------

    def _teams_and_volunteers(self) -> None:
        slug = self.root_code.lower()
        teams = Team.objects.bulk_create(
            [
                Team(
                    name=team_name(area.name),
                    area=area,
                    contact_url=team_contact_url(f"{slug}{area.pk}"),
                )
                for area in self.communes
            ],
            batch_size=BATCH,
        )
        self.commune_team = {team.area_id: team.pk for team in teams}
        prefix = username_prefix(self.root_code)
        User = get_user_model()
        unusable = make_password(None)
        users = [
            User(
                username=f"{prefix}{n + 1:05d}",
                password=unusable,
                first_name=person_name(self.rng),
                is_active=True,
            )
            for n in range(len(teams) * VOLUNTEERS_PER_TEAM)
        ]
        User.objects.bulk_create(users, batch_size=BATCH)
        user_ids = list(
            User.objects.filter(username__startswith=prefix)
            .order_by("username")
            .values_list("pk", flat=True)
        )
        Volunteer.objects.bulk_create(
            [
                Volunteer(user_id=pk, display_name=user.first_name, phone=phone(self.rng))
                for pk, user in zip(user_ids, users, strict=True)
            ],
            batch_size=BATCH,
        )
        memberships = []
        self.team_volunteers: dict[int, list[int]] = {}
        for index, team in enumerate(teams):
            members = user_ids[index * VOLUNTEERS_PER_TEAM : (index + 1) * VOLUNTEERS_PER_TEAM]
            self.team_volunteers[team.pk] = members
            memberships += [
                Membership(
                    user_id=pk,
                    team=team,
                    role=Membership.Role.LEADER if position == 0 else Membership.Role.MEMBER,
                )
                for position, pk in enumerate(members)
            ]
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        self.say(f"{len(teams)} teams, {len(user_ids)} volunteers")

    # --- households and learners ------------------------------------------------

    def _households(self) -> None:
        rng, db = self.rng, self.db
        prefix = self.root_code.upper()
        self.household_ids: list[int] = []
        self.household_team: list[int] = []
        self.learners: list[tuple[int, int]] = []  # (learner id, team id)
        household_id = db.next_id(Household)
        learner_id = db.next_id(Learner)
        for start in range(0, self.n_households, BATCH):
            stamp = db.dt(timezone.now())
            households, learners = [], []
            for n in range(start, min(start + BATCH, self.n_households)):
                village = self.villages[n // HOUSEHOLDS_PER_VILLAGE % len(self.villages)]
                team_id = self.commune_team[self.village_commune[village.pk]]
                code = f"{prefix}{n + 1:07d}"
                head = person_name(rng)
                address = f"{house_address(rng.randint(1, 300))}, {village.name}"
                flags = vulnerability_flags(rng)
                households.append(
                    (
                        household_id,
                        stamp,
                        stamp,
                        village.pk,
                        team_id,
                        code,
                        address,
                        head,
                        phone(rng),
                        rng.randint(*HOUSEHOLD_SIZES),
                        *flags.values(),
                        head,
                        db.dt(self.now - datetime.timedelta(days=rng.randint(30, 400))),
                        CONSENT_SCOPE,
                        fold(f"{code} {head} {address} {village.name}")[:600],
                    )
                )
                members = [(head, HEAD_BIRTH_YEARS, tuple(head_learner_flags(flags).values()))]
                members += [
                    (person_name(rng), MEMBER_BIRTH_YEARS, NO_LEARNER_FLAGS)
                    for _ in range(rng.randint(*EXTRA_LEARNERS))
                ]
                for name, birth_years, learner_flags in members:
                    learners.append(
                        (
                            learner_id,
                            stamp,
                            stamp,
                            household_id,
                            name,
                            rng.randint(*birth_years),
                            *learner_flags,
                        )
                    )
                    self.learners.append((learner_id, team_id))
                    learner_id += 1
                self.household_ids.append(household_id)
                self.household_team.append(team_id)
                household_id += 1
            with transaction.atomic():
                db.insert(Household, HOUSEHOLD_COLUMNS, households)
                db.insert(Learner, LEARNER_COLUMNS, learners)
            self.say(f"households {start + len(households):,} / {self.n_households:,}")
        db.reset_sequences(Household, Learner)

    # --- visits -----------------------------------------------------------------

    def _visits(self) -> None:
        if not self.household_ids or not self.n_visits:
            return
        rng, db = self.rng, self.db
        skill_ids = [pk for pk, _items in self.skills]
        first = self.now - datetime.timedelta(days=365)
        step = (datetime.timedelta(days=365) - datetime.timedelta(hours=1)) / self.n_visits
        visit_id = db.next_id(Visit)
        for start in range(0, self.n_visits, BATCH):
            count = min(BATCH, self.n_visits - start)
            stamp = db.dt(timezone.now())
            visits, present_rows, skill_rows, service_rows = [], [], [], []
            for offset, outcome in enumerate(visit_outcomes(rng, k=count)):
                index = self._household_index()
                team_id = self.household_team[index]
                present = rng.sample(
                    self.team_volunteers[team_id], k=1 if rng.random() < 0.6 else 2
                )
                # Written in time order, as a real year of visits arrives: the
                # visit time and uuid indexes then grow at their end instead
                # of splitting pages all over (which made SQLite 5x slower).
                visited_at = first + step * (start + offset + rng.random())
                follow_up = None
                if outcome == Visit.Outcome.FOLLOW_UP:
                    follow_up = db.date(follow_up_on(rng, visited_at.date()))
                visits.append(
                    (
                        visit_id,
                        stamp,
                        stamp,
                        db.uuid(uuid7(visited_at, rng)),
                        self.household_ids[index],
                        team_id,
                        present[0],
                        db.dt(visited_at),
                        duration_minutes(rng),
                        outcome.value,
                        follow_up,
                        satisfaction(rng, outcome),
                        "",
                    )
                )
                present_rows += [(visit_id, pk) for pk in present]
                if outcome in WORKED_OUTCOMES:
                    skill_rows += [
                        (visit_id, pk) for pk in rng.sample(skill_ids, k=rng.choice((1, 1, 2)))
                    ]
                    if rng.random() < 0.3:
                        service_rows.append((visit_id, rng.choice(self.services)))
                visit_id += 1
            with transaction.atomic():
                db.insert(Visit, VISIT_COLUMNS, visits)
                db.insert(Visit.volunteers.through, ("visit_id", "user_id"), present_rows)
                db.insert(Visit.skills.through, ("visit_id", "skill_id"), skill_rows)
                db.insert(Visit.services.through, ("visit_id", "service_id"), service_rows)
            done = start + count
            if done % (BATCH * 20) == 0 or done == self.n_visits:
                self.say(f"visits {done:,} / {self.n_visits:,}")
        db.reset_sequences(Visit)

    def _household_index(self) -> int:
        # Some households are visited far more often than others (follow-ups,
        # keen learners): a skewed pick rather than a uniform one.
        n = len(self.household_ids)
        return min(n - 1, int(n * self.rng.random() ** 1.6))

    # --- certifications -----------------------------------------------------------

    def _certifications(self) -> None:
        count = int(self.n_visits * CERTIFICATIONS_PER_VISIT)
        if not count or not self.learners:
            return
        rng, db = self.rng, self.db
        codes: set[str] = (
            set(Certification.objects.values_list("code", flat=True)) if count < 50_000 else set()
        )
        today = timezone.localdate(self.now)
        checklists = {pk: db.json(items) for pk, items in self.skills}
        for start in range(0, count, BATCH):
            stamp = db.dt(timezone.now())
            rows = []
            for _ in range(min(BATCH, count - start)):
                learner_id, team_id = rng.choice(self.learners)
                skill_id = rng.choice(self.skills)[0]
                rows.append(
                    (
                        stamp,
                        stamp,
                        learner_id,
                        skill_id,
                        team_id,
                        rng.choice(self.team_volunteers[team_id]),
                        db.date(today - datetime.timedelta(days=rng.randint(0, 364))),
                        checklists[skill_id],
                        self._code(codes),
                        "",
                    )
                )
            with transaction.atomic():
                db.insert(Certification, CERTIFICATION_COLUMNS, rows)
            done = start + len(rows)
            if done % (BATCH * 10) == 0 or done == count:
                self.say(f"certifications {done:,} / {count:,}")

    def _code(self, taken: set[str]) -> str:
        """A verification code like those issued in the field, not yet in `taken`."""
        while True:
            code = random_code(CODE_LENGTH, self.rng)
            if code not in taken:
                taken.add(code)
                return code
