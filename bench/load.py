"""A bounded load test on this machine: volunteers, officials and learners at once (locust).

The demo site runs under gunicorn (2 workers, production settings, SQLite);
bench/load/locustfile.py sends, from 127.0.0.1 only, for LOAD_SECONDS (60):
LOAD_VOLUNTEERS (50) volunteers logging visits (one in ten sent twice with
the same client uuid), LOAD_OFFICIALS (5) officials on the dashboard asking
for a workbook, LOAD_LEARNERS (200) learners reading lessons. Expected: no
5xx answer, and every visit the server acknowledged stored exactly once.
Reports p50 and p95 per endpoint.

    .venv/bin/python bench/run.py load
    LOAD_SECONDS=10 LOAD_VOLUNTEERS=5 LOAD_OFFICIALS=1 LOAD_LEARNERS=20 .venv/bin/python bench/run.py load
"""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._server import PYTHON, REPO, DemoSite

LOCUSTFILE = Path(__file__).with_name("load") / "locustfile.py"


def settings_from_env() -> dict:
    return {
        "seconds": int(os.environ.get("LOAD_SECONDS", "60")),
        "volunteers": int(os.environ.get("LOAD_VOLUNTEERS", "50")),
        "officials": int(os.environ.get("LOAD_OFFICIALS", "5")),
        "learners": int(os.environ.get("LOAD_LEARNERS", "200")),
    }


def run_locust(site: DemoSite, *, seconds: int, volunteers: int, officials: int, learners: int):
    """Run the scenario against `site`; returns (stats rows, 5xx count, visit check)."""
    users = volunteers + officials + learners
    prefix = site.tmp / "locust"
    acks = site.tmp / "acknowledged.txt"
    env = {
        **os.environ,
        "LOAD_VOLUNTEERS": str(volunteers),
        "LOAD_OFFICIALS": str(officials),
        "LOAD_LEARNERS": str(learners),
        "LOAD_ACK_FILE": str(acks),
    }
    subprocess.run(
        [
            PYTHON, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", site.url,
            "-u", str(users), "-r", str(max(10, users // 5)), "-t", f"{seconds}s",
            "--csv", str(prefix), "--only-summary", "--stop-timeout", "10",
            "--exit-code-on-error", "0", "--loglevel", "WARNING",
        ],
        cwd=REPO, env=env, check=True, capture_output=True, timeout=seconds + 120,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as handle:
        stats = [row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"]
    with open(f"{prefix}_failures.csv", newline="") as handle:
        server_errors = sum(
            int(row["Occurrences"]) for row in csv.DictReader(handle) if " 5" in row["Error"]
        )
    server_errors += sum(
        1 for line in (site.tmp / "server.log").read_text(errors="replace").splitlines()
        if "Internal Server Error" in line
    )  # fmt: skip
    check = json.loads(site.python("bench/_visit_check.py", str(acks))) if acks.exists() else {}
    return stats, server_errors, check


def run(log=print) -> list[dict]:
    load = settings_from_env()
    with DemoSite(production=True, log=log) as site:
        log(
            f"  locust {load['seconds']} s: {load['volunteers']} volunteers, "
            f"{load['officials']} officials, {load['learners']} learners..."
        )
        stats, server_errors, check = run_locust(site, **load)
    rows = []
    for row in stats:
        count = int(row["Request Count"])
        log(
            f"    {row['Name']:<42} {count:>6}  p50 {row['50%']:>5} ms  p95 {row['95%']:>5} ms"
            f"  failures {row['Failure Count']}"
        )
        rows.append(
            {
                "name": f"p95 {row['Name']}",
                "ours": float(row["95%"]),
                "limit": None,
                "ratio": None,
                "unit": "ms",
                "note": f"p50 {row['50%']} ms, {count} requests, {row['Failure Count']} failed",
            }
        )
    acked, stored = check.get("unique", 0), check.get("stored", 0)
    log(f"    visits acknowledged {acked} (sent {check.get('acknowledged', 0)}), stored {stored}")
    rows += [
        {
            "name": "server_errors",
            "ours": server_errors,
            "limit": 0,
            "ratio": 0 if not server_errors else float(server_errors),
            "unit": "5xx",
            "note": "answers with a 5xx status, or errors in the server log",
        },
        {
            "name": "acknowledged_visits_missing",
            "ours": acked - stored,
            "limit": 0,
            "ratio": 0 if acked == stored else float(acked - stored),
            "unit": "visits",
            "note": f"{acked} acknowledged (each uuid once), {stored} stored",
        },
    ]
    return rows
