"""Queries and time of the whole-province dashboard at about 1,000 and 100,000 households.

Each size runs in a child process with its own throwaway SQLite database:
migrate, `volunteers.loaddata.generate(households=N, visits=10N)`, a province
official, then GET /dashboard/ for the generated province over the last
twelve months (one warm-up, best of two timed). Budget (DESIGN.md): the
number of queries does not grow with the data, so the 100k row's limit is the
1k count (ratio 1.0 = constant). Time is reported, not budgeted: the
aggregates scan every visit of the period, so it grows with the rows (measured
2026-11-22 on a shared 2-core box: 38 queries at both sizes; 0.24 s at 1k
households / 10k visits, 47 s at 100k / 1M visits on SQLite, ratio 198x for
100x the rows and 10x the districts). The 100k size
builds its data in 2-12 minutes, depending on the load of the machine.

    .venv/bin/python bench/run.py dashboard
    BENCH_DASHBOARD_SIZES=1000,20000 .venv/bin/python bench/run.py dashboard   # quicker
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432 BENCH_DASHBOARD_SIZES=100000,1000000 \
        BENCH_DASHBOARD_REUSE=1 nice -n 19 .venv/bin/python bench/run.py dashboard   # 1M and 10M
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench._child import run_child, throwaway_env  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_DASHBOARD_SIZES", "1000,100000").split(",")]
VISITS_PER_HOUSEHOLD = int(os.environ.get("BENCH_DASHBOARD_VISITS_PER_HOUSEHOLD", "10"))
QUERY_BUDGET = 46  # the same ceiling as tests/reports/test_dashboard.py


def _child(households: int) -> dict:
    """Runs inside the child process: build the data, measure one dashboard."""
    import datetime

    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # response.context, as in the tests
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests.volunteers.factories import OfficialFactory, UserFactory
    from volunteers.loaddata import generate
    from volunteers.models import Area, Official

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    root = Area.objects.filter(code="LOAD").first() if REUSE else None
    if root is None:
        root = generate(
            households=households, visits=households * VISITS_PER_HOUSEHOLD, stdout=sys.stderr
        )
    built = time.perf_counter() - started
    from reports import rollups

    started = time.perf_counter()
    rollups.rebuild(lambda line: print(line, file=sys.stderr), restart=True)
    rolled = time.perf_counter() - started
    user = get_user_model().objects.filter(username="bench-official").first()
    if user is None:
        user = UserFactory(username="bench-official")
        OfficialFactory(user=user, area=root, role=Official.Role.PROVINCE)
    client = Client()
    client.force_login(user)
    today = timezone.localdate()
    twelve_months = today.replace(day=1)
    for _step in range(11):
        twelve_months = (twelve_months - datetime.timedelta(days=1)).replace(day=1)
    periods = {
        # The dashboard's own choices start on the first of a month: read from the area tables.
        "this month": {"period": "month"},
        "12 months": {"period": "12months"},
        # Any other first day reads the day tables (exact, but grows with the rows).
        "365 days": {
            "period": "custom",
            "start": (today - datetime.timedelta(days=365)).isoformat(),
            "end": today.isoformat(),
        },
    }
    measured = {}
    for label, period in periods.items():
        params = {"area": root.pk, **period}
        client.get("/dashboard/", params)  # warm-up (caches, SQLite pages)
        timings, queries = [], 0
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/dashboard/", params)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            queries = len(captured)
        summary = response.context["summary"]
        measured[label] = {"seconds": min(timings), "queries": queries, "visits": summary.visits}
    main = measured["12 months"]
    return {
        "households": households,
        "queries": main["queries"],
        "seconds": main["seconds"],
        "periods": measured,
        "built_seconds": built,
        "rollup_seconds": rolled,
        "database": connection.vendor,
        "registered": summary.households_registered,
        "visits": main["visits"],
        "children": len(response.context["children"]),
    }


# PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432 makes one throwaway
# database per size (bench_dashboard_<N>, dropped and created again).
PG_URL = os.environ.get("BENCH_DATABASE_URL", "").rstrip("/")


# BENCH_DASHBOARD_REUSE=1 keeps a database that already holds the LOAD tree (built once with
# generate_load_data, which takes long at 1,000,000 households): only the rollups are rebuilt.
REUSE = os.environ.get("BENCH_DASHBOARD_REUSE", "") not in ("", "0")


def _pg_env(tmp: str, households: int) -> dict:
    import subprocess

    name = f"bench_dashboard_{households}"
    commands = (
        [["createdb", name]] if REUSE else [["dropdb", "--if-exists", name], ["createdb", name]]
    )
    for command in commands:
        # createdb of an existing database fails harmlessly when reusing it.
        subprocess.run(
            [*command, "--maintenance-db", f"{PG_URL}/postgres"],
            check=not REUSE,
            capture_output=REUSE,
        )
    env = throwaway_env(tmp)
    env["DATABASE_URL"] = f"{PG_URL}/{name}"
    return env


def measure(households: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        env = _pg_env(tmp, households) if PG_URL else throwaway_env(tmp)
        return run_child(__file__, env, str(households))


def run() -> list[dict]:
    results = [measure(n) for n in SIZES]
    small, large = results[0], results[-1]
    rows = []
    for item in results:
        limit = QUERY_BUDGET if item is small else small["queries"]
        rows.append(
            {
                "name": f"dashboard queries, province, {item['households']:,} households",
                "ours": item["queries"],
                "limit": limit,
                "ratio": item["queries"] / limit,
                "unit": "queries",
                "note": (
                    ", ".join(
                        f"{label} {values['seconds'] * 1000:.0f} ms ({values['queries']} q)"
                        for label, values in item["periods"].items()
                    )
                    + f"; {item['visits']:,} visits in 12 months, "
                    f"{item['children']} districts; data built in {item['built_seconds']:.0f} s, "
                    f"rollups rebuilt in {item['rollup_seconds']:.0f} s ({item['database']})"
                ),
            }
        )
    rows.append(
        {
            "name": f"dashboard time {large['households']:,} / {small['households']:,} households",
            "ours": large["seconds"] / small["seconds"],
            "limit": None,
            "ratio": None,
            "unit": "x",
            "note": f"12 months: {small['seconds'] * 1000:.0f} ms vs {large['seconds'] * 1000:.0f} ms ({large['database']}, best of 2)",
        }
    )
    for label in ("this month", "365 days"):
        a, b = small["periods"][label]["seconds"], large["periods"][label]["seconds"]
        rows.append(
            {
                "name": f"dashboard time, {label}, {large['households']:,} / {small['households']:,} households",
                "ours": b / a,
                "limit": None,
                "ratio": None,
                "unit": "x",
                "note": f"{a * 1000:.0f} ms vs {b * 1000:.0f} ms",
            }
        )
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(int(sys.argv[2]))))
    else:
        for row in run():
            print(row)
