"""A large synthetic coordination data set for benchmarks (`manage.py generate_load_data`).

One province (its own root, `root_code`) with districts, communes and villages;
a team per commune with six volunteers; households with learners; visits spread
over the last twelve months; certifications. Everything below the root is
written with `bulk_create` in batches: the area paths are computed here (the
materialised path of treebeard) instead of one `add_child` per node, and the
many-to-many rows of visits go straight into the through tables.

The data are made from a seeded random generator (seed and root code), so the
same arguments give the same households, visits and codes (dates move with
"now").
"""

from __future__ import annotations

import datetime
import math
import random
import sys
import time
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale

from core.text import fold
from courses.models import Skill

from .models import (
    AccessLog,
    Area,
    Certification,
    Household,
    Learner,
    Membership,
    Official,
    Service,
    Target,
    Team,
    Visit,
    Volunteer,
)

BATCH = 5000
HOUSEHOLDS_PER_VILLAGE = 200
VILLAGES_PER_COMMUNE = 5
COMMUNES_PER_DISTRICT = 10
VOLUNTEERS_PER_TEAM = 6
CERTIFICATIONS_PER_VISIT = 1 / 8

PLACE_NAMES = [
    "An Bình",
    "Bảo Lạc",
    "Cao Phong",
    "Đà Bắc",
    "Đồng Tâm",
    "Hòa Sơn",
    "Kim Bôi",
    "Lạc Sơn",
    "Lương Sơn",
    "Mai Châu",
    "Ngọc Lặc",
    "Phú Xuyên",
    "Quang Tiến",
    "Sơn Thủy",
    "Tân Lạc",
    "Thanh Hà",
    "Tiền Phong",
    "Trung Minh",
    "Vân Sơn",
    "Yên Thủy",
]
FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Bùi",
    "Đinh",
    "Hà",
    "Lò",
    "Vũ",
    "Đặng",
    "Quách",
]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu"]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Nga",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Tuấn",
    "Uyên",
    "Việt",
    "Xuân",
    "Yến",
]
LOAD_SKILLS = [
    ("load-vneid-install", "Cài đặt VNeID"),
    ("load-vneid-level2", "Kích hoạt định danh mức 2"),
    ("load-portal-birth", "Đăng ký khai sinh trực tuyến"),
    ("load-scam-spotting", "Nhận biết tin nhắn lừa đảo"),
    ("load-e-wallet", "Thanh toán không dùng tiền mặt"),
    ("load-health-insurance", "Bảo hiểm y tế trên VssID"),
]
LOAD_SERVICES = [
    ("load-vneid-installed", "VNeID installed"),
    ("load-eid-level2", "Level-2 e-ID activated"),
    ("load-birth-registered", "Birth registered online"),
    ("load-pension-online", "Pension paid to an account"),
]
OUTCOMES = [
    (Visit.Outcome.DONE, 0.62),
    (Visit.Outcome.FOLLOW_UP, 0.2),
    (Visit.Outcome.NOBODY_HOME, 0.13),
    (Visit.Outcome.DECLINED, 0.05),
]
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols, no 0/O or 1/I


HOUSEHOLD_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "area_id",
    "team_id",
    "code",
    "address",
    "head_name",
    "phone",
    "size",
    "is_elderly",
    "has_disability",
    "is_low_income",
    "is_ethnic_minority",
    "consent_given_by",
    "consent_at",
    "consent_scope",
    "search_text",
)
LEARNER_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "household_id",
    "name",
    "birth_year",
    "is_elderly",
    "has_disability",
)
VISIT_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "uuid",
    "household_id",
    "team_id",
    "recorded_by_id",
    "visited_at",
    "duration_minutes",
    "outcome",
    "follow_up_on",
    "satisfaction",
    "notes",
)
CERTIFICATION_COLUMNS = (
    "created_at",
    "updated_at",
    "learner_id",
    "skill_id",
    "team_id",
    "certified_by_id",
    "certified_on",
    "checklist",
    "code",
    "revoked_reason",
)


class _RawWriter:
    """Rows as tuples straight into a table: COPY on PostgreSQL, executemany elsewhere.

    The ORM's bulk_create spends most of its time building model instances and
    preparing each value; for a million visits that is minutes. Values are
    prepared once here (`dt`, `date`, `uuid`, `json`) in the backend's form.
    Ids are allocated by the caller from ``next_id`` (so many-to-many rows can
    point at them without reading them back); ``reset_sequences`` moves the
    PostgreSQL sequences past them. Not meant to run beside other writers.
    """

    def __init__(self):
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.dt = connection.ops.adapt_datetimefield_value
        self.date = connection.ops.adapt_datefield_value
        self.uuid = (lambda value: value) if self.postgres else (lambda value: value.hex)
        checklist = Certification._meta.get_field("checklist")
        self.json = lambda value: checklist.get_db_prep_save(value, connection)
        if connection.vendor == "sqlite":
            # Random visit UUIDs land all over their unique index: with the
            # default 2 MB page cache SQLite spends its time re-reading pages.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")  # 256 MB, this connection only

    def next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608 - table name from the model
            return (cursor.fetchone()[0] or 0) + 1

    def insert(self, model, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        names = ", ".join(quote(column) for column in columns)
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 - names from the model

    def reset_sequences(self, *models) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(models))
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


def _uuid7(moment: datetime.datetime, rng: random.Random) -> uuid.UUID:
    """A time-ordered UUID (version 7 layout: 48-bit milliseconds, then random bits)."""
    millis = int(moment.timestamp() * 1000) & ((1 << 48) - 1)
    value = (
        (millis << 80)
        | (0x7 << 76)
        | (rng.getrandbits(12) << 64)
        | (0b10 << 62)
        | rng.getrandbits(62)
    )
    return uuid.UUID(int=value)


class LoadDataExists(Exception):
    """The root code is already taken (pass replace=True to rebuild it)."""


def generate(
    *,
    households: int,
    visits: int,
    seed: int = 1,
    root_code: str = "LOAD",
    stdout=None,
    replace: bool = False,
) -> Area:
    """Build the synthetic tree under a new root area `root_code`; returns the root.

    Raises LoadDataExists when `root_code` exists, unless `replace` (then the
    old root, everything under it and its load users are deleted first).
    """
    out = stdout or sys.stdout
    if not 1 <= len(root_code) <= 8:
        raise ValueError("root_code must be 1 to 8 characters (household codes are it + 7 digits)")
    existing = Area.objects.filter(code=root_code).first()
    if existing is not None:
        if not replace:
            raise LoadDataExists(root_code)
        _say(out, f"Deleting the existing '{root_code}' data …")
        delete(existing)
    builder = _Builder(
        households=households,
        visits=visits,
        rng=random.Random(f"{seed}:{root_code}"),  # noqa: S311 - synthetic data, reproducible by seed
        root_code=root_code,
        out=out,
    )
    return builder.run()


def delete(root: Area) -> None:
    """Remove a root area, everything recorded under it and its load users (fast, raw deletes)."""
    in_tree = {"household__area__path__startswith": root.path}
    with transaction.atomic():
        user_ids = list(
            Membership.objects.filter(team__area__path__startswith=root.path).values_list(
                "user_id", flat=True
            )
        )
        Certification.objects.filter(
            learner__household__area__path__startswith=root.path
        )._raw_delete("default")
        visit_ids = Visit.objects.filter(**in_tree).values("pk")
        for through in (
            Visit.volunteers.through,
            Visit.skills.through,
            Visit.services.through,
            Visit.lessons.through,
        ):
            through.objects.filter(visit_id__in=visit_ids)._raw_delete("default")
        Visit.objects.filter(**in_tree)._raw_delete("default")
        Learner.objects.filter(**in_tree)._raw_delete("default")
        AccessLog.objects.filter(**in_tree)._raw_delete("default")
        Household.objects.filter(area__path__startswith=root.path)._raw_delete("default")
        Membership.objects.filter(team__area__path__startswith=root.path)._raw_delete("default")
        Team.objects.filter(area__path__startswith=root.path)._raw_delete("default")
        Target.objects.filter(area__path__startswith=root.path)._raw_delete("default")
        Official.objects.filter(area__path__startswith=root.path)._raw_delete("default")
        prefix = _username_prefix(root.code)
        load_users = get_user_model().objects.filter(pk__in=user_ids, username__startswith=prefix)
        Volunteer.objects.filter(user__in=load_users)._raw_delete("default")
        load_users.delete()
        Area.objects.get(pk=root.pk).delete()  # treebeard: the subtree and the parent's numchild


def _username_prefix(root_code: str) -> str:
    return f"{root_code.lower()}-v"


def _say(out, message: str) -> None:
    out.write(message + ("" if message.endswith("\n") else "\n"))
    if hasattr(out, "flush"):
        out.flush()


class _Builder:
    def __init__(self, *, households: int, visits: int, rng: random.Random, root_code: str, out):
        self.n_households = max(0, households)
        self.n_visits = max(0, visits)
        self.rng = rng
        self.root_code = root_code
        self.out = out
        self.now = timezone.now()
        self.started = time.monotonic()
        self.db = _RawWriter()

    def say(self, message: str) -> None:
        _say(self.out, f"[{time.monotonic() - self.started:7.1f}s] {message}")

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
            for code, name in LOAD_SERVICES
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
                (f"Huyện {self._place(i)}", f"{code}-D{i + 1}", Area.Level.DISTRICT)
                for i in range(n_districts)
            ],
        )
        communes = self._level(districts, n_communes, "Xã", "C", Area.Level.COMMUNE)
        villages = self._level(communes, n_villages, "Thôn", "V", Area.Level.VILLAGE)
        Area.objects.bulk_create(districts + communes + villages, batch_size=BATCH)
        Area.objects.filter(pk=root.pk).update(numchild=root.numchild)
        # Back to the rows as stored (pks), in a stable order.
        stored = {
            a.code: a for a in Area.objects.filter(path__startswith=root.path, depth__gt=root.depth)
        }
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
                (f"{label} {self._place(i)}", f"{parent.code}-{letter}{len(spec) + 1}", level)
            )
        children = []
        for parent, spec in zip(parents, specs, strict=True):
            children += self._children(parent, spec)
        return children

    def _place(self, i: int) -> str:
        base = PLACE_NAMES[i % len(PLACE_NAMES)]
        round_ = i // len(PLACE_NAMES)
        return base if round_ == 0 else f"{base} {round_ + 1}"

    @staticmethod
    def _children(parent: Area, spec: list[tuple[str, str, str]]) -> list[Area]:
        """Unsaved child rows with their treebeard paths, in name order (node_order_by)."""
        spec = sorted(spec, key=lambda row: row[0])
        parent.numchild = len(spec)
        return (
            [
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
            if spec
            else []
        )

    # --- teams and volunteers -------------------------------------------------

    def _teams_and_volunteers(self) -> None:
        teams = Team.objects.bulk_create(
            [
                Team(
                    name=f"Tổ số {area.name.removeprefix('Xã ')}",
                    area=area,
                    contact_url=f"https://zalo.me/g/{self.root_code.lower()}{area.pk}",
                )
                for area in self.communes
            ],
            batch_size=BATCH,
        )
        self.commune_team = {team.area_id: team.pk for team in teams}
        prefix = _username_prefix(self.root_code)
        User = get_user_model()
        unusable = make_password(None)
        users = []
        for n in range(len(teams) * VOLUNTEERS_PER_TEAM):
            users.append(
                User(
                    username=f"{prefix}{n + 1:05d}",
                    password=unusable,
                    first_name=self._person_name(),
                    is_active=True,
                )
            )
        User.objects.bulk_create(users, batch_size=BATCH)
        user_ids = list(
            User.objects.filter(username__startswith=prefix)
            .order_by("username")
            .values_list("pk", flat=True)
        )
        Volunteer.objects.bulk_create(
            [
                Volunteer(user_id=pk, display_name=user.first_name, phone=self._phone())
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
        consent_scope = "Lưu thông tin hộ để hỗ trợ kỹ năng số"
        household_id = db.next_id(Household)
        learner_id = db.next_id(Learner)
        for start in range(0, self.n_households, BATCH):
            stamp = db.dt(timezone.now())
            households, learners = [], []
            for n in range(start, min(start + BATCH, self.n_households)):
                village = self.villages[n // HOUSEHOLDS_PER_VILLAGE % len(self.villages)]
                team_id = self.commune_team[self.village_commune[village.pk]]
                code = f"{prefix}{n + 1:07d}"
                head = self._person_name()
                address = f"Số {rng.randint(1, 300)}, {village.name}"
                flags = (
                    rng.random() < 0.3,
                    rng.random() < 0.08,
                    rng.random() < 0.25,
                    rng.random() < 0.2,
                )
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
                        self._phone(),
                        rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 6)),
                        *flags,
                        head,
                        db.dt(self.now - datetime.timedelta(days=rng.randint(30, 400))),
                        consent_scope,
                        fold(f"{code} {head} {address} {village.name}")[:600],
                    )
                )
                for _ in range(rng.choice((1, 1, 2, 2, 3))):
                    learners.append(
                        (
                            learner_id,
                            stamp,
                            stamp,
                            household_id,
                            self._person_name(),
                            rng.randint(1940, 2008),
                            flags[0],
                            flags[1] and rng.random() < 0.5,
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
        outcomes = [o for o, _w in OUTCOMES]
        weights = [w for _o, w in OUTCOMES]
        worked_outcomes = {Visit.Outcome.DONE, Visit.Outcome.FOLLOW_UP}
        skill_ids = [pk for pk, _items in self.skills]
        first = self.now - datetime.timedelta(days=365)
        step = (datetime.timedelta(days=365) - datetime.timedelta(hours=1)) / self.n_visits
        visit_id = db.next_id(Visit)
        for start in range(0, self.n_visits, BATCH):
            count = min(BATCH, self.n_visits - start)
            stamp = db.dt(timezone.now())
            visits, present_rows, skill_rows, service_rows = [], [], [], []
            for offset, outcome in enumerate(rng.choices(outcomes, weights, k=count)):
                index = self._household_index()
                team_id = self.household_team[index]
                present = rng.sample(
                    self.team_volunteers[team_id], k=1 if rng.random() < 0.6 else 2
                )
                # Written in time order, as a real year of visits arrives: the
                # visit time and uuid indexes then grow at their end instead
                # of splitting pages all over (which made SQLite 5x slower).
                visited_at = first + step * (start + offset + rng.random())
                worked = outcome in worked_outcomes
                follow_up_on = None
                if outcome == Visit.Outcome.FOLLOW_UP:
                    follow_up_on = db.date(
                        (visited_at + datetime.timedelta(days=rng.randint(3, 21))).date()
                    )
                visits.append(
                    (
                        visit_id,
                        stamp,
                        stamp,
                        db.uuid(_uuid7(visited_at, rng)),
                        self.household_ids[index],
                        team_id,
                        present[0],
                        db.dt(visited_at),
                        max(5, min(240, int(rng.gauss(40, 15)))) if worked else rng.randint(2, 10),
                        outcome.value,
                        follow_up_on,
                        rng.choices((2, 3, 4, 5), (1, 3, 8, 10))[0] if worked else None,
                        "",
                    )
                )
                present_rows += [(visit_id, pk) for pk in present]
                if worked:
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
        # 10 symbols of 32 = 50 bits, like the codes issued in the field.
        while True:
            code = "".join(self.rng.choice(CODE_ALPHABET) for _ in range(10))
            if code not in taken:
                taken.add(code)
                return code

    # --- small random values ------------------------------------------------------

    def _person_name(self) -> str:
        rng = self.rng
        return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"

    def _phone(self) -> str:
        return f"09{self.rng.randint(0, 99_999_999):08d}"
