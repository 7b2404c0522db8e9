"""Rows as tuples straight into a table, and the column lists the load data writes."""

from __future__ import annotations

import datetime
import random
import uuid

from django.core.management.color import no_style
from django.db import connection, models

from volunteers.models import Certification, Household
from volunteers.vocabulary import LEARNER_VULNERABILITY_FIELDS

STAMPS = ("created_at", "updated_at")
HOUSEHOLD_COLUMNS = (
    "id",
    *STAMPS,
    "area_id",
    "team_id",
    *Household.DETAIL_FIELDS,
    # The builder's rows are positional: this order, not Household.CONSENT_FIELDS'.
    "consent_given_by",
    "consent_at",
    "consent_scope",
    "search_text",
)
LEARNER_COLUMNS = (
    "id",
    *STAMPS,
    "household_id",
    "name",
    "birth_year",
    *LEARNER_VULNERABILITY_FIELDS,
)
VISIT_COLUMNS = (
    "id",
    *STAMPS,
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
    *STAMPS,
    "learner_id",
    "skill_id",
    "team_id",
    "certified_by_id",
    "certified_on",
    "checklist",
    "code",
    "revoked_reason",
)


class RawWriter:
    """Rows as tuples straight into a table: COPY on PostgreSQL, executemany elsewhere.

    The ORM's bulk_create spends most of its time building model instances and
    preparing each value; for a million visits that is minutes. Values are
    prepared once here (`dt`, `date`, `uuid`, `json`) in the backend's form.
    Ids are allocated by the caller from ``next_id`` (so many-to-many rows can
    point at them without reading them back); ``reset_sequences`` moves the
    PostgreSQL sequences past them. Not meant to run beside other writers.
    """

    def __init__(self):
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

    def next_id(self, model: type[models.Model]) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608 - table name from the model
            return (cursor.fetchone()[0] or 0) + 1

    def insert(
        self, model: type[models.Model], columns: tuple[str, ...], rows: list[tuple]
    ) -> None:
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

    def reset_sequences(self, *model_classes: type[models.Model]) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(model_classes))
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


def uuid7(moment: datetime.datetime, rng: random.Random) -> uuid.UUID:
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
