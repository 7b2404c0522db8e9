"""Two batches racing on PostgreSQL store each item once (threads, real transactions)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from volunteers.models import Household, SyncItem, Visit

from .conftest import ApiClient, item, visit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
    ),
]


def race(clients: list[ApiClient], items: list[dict]) -> list[list[dict]]:
    barrier = threading.Barrier(len(clients))
    answers: list[list[dict]] = [[] for _ in clients]

    def send(index: int) -> None:
        try:
            barrier.wait()
            answers[index] = clients[index].results(items if index % 2 == 0 else items[::-1])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def test_two_racing_batches_store_each_item_once(world):
    volunteer = world.users["volunteer"]
    items = [visit(world.household.pk) for _ in range(20)]
    items.append(
        item(
            "household",
            {
                "team_id": world.team.pk,
                "area_id": world.household.area_id,
                "size": 2,
            },
        )
    )
    answers = race([ApiClient(volunteer), ApiClient(volunteer)], items)
    statuses = sorted(r["status"] for answer in answers for r in answer)
    assert len(statuses) == 42
    assert statuses.count("created") == 21 and statuses.count("duplicate") == 21
    assert Visit.objects.filter(uuid__in=[i["client_id"] for i in items]).count() == 20
    assert SyncItem.objects.count() == 21
    assert Household.objects.filter(size=2, head_name="").count() == 1
