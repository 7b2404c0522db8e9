"""Requests per second of a lesson page against the app's bare view, from the page cache.

The demo site runs under gunicorn (2 workers, production settings); wrk (a
Debian package, installed by `make bench`) loads one demo lesson, then
/healthz (a view with no database work), from the same machine, 2 threads
and 16 connections for 10 s each after a warm-up. Goal (issue 10): a lesson
page at at least half the bare view's rate, so the limit on
healthz_rate / lesson_rate is 2.

    .venv/bin/python bench/run.py page_rate
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._server import DemoSite

SECONDS = 10
GOAL_SHARE = 0.5


def requests_per_second(url: str, seconds: int = SECONDS) -> float:
    """wrk's Requests/sec for `url` (gzip accepted, as phones do)."""
    result = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", "Accept-Encoding: gzip", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    )
    if "Non-2xx" in result.stdout:
        raise RuntimeError(f"{url} answered errors under load:\n{result.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def run(log=print) -> list[dict]:
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed; `make bench` installs it (Debian package wrk).")
    with DemoSite(production=True, log=log) as site:
        lesson = json.loads(site.python("bench/_lesson_probe.py"))[0]
        url = site.url + lesson["url"]
        requests_per_second(url, 2)  # warm-up: fills the page cache
        requests_per_second(f"{site.url}/healthz", 2)
        log(f"  wrk {SECONDS} s on {lesson['url']} and /healthz...")
        page = requests_per_second(url)
        bare = requests_per_second(f"{site.url}/healthz")
    log(f"    lesson {page:.0f} req/s, /healthz {bare:.0f} req/s ({page / bare:.0%})")
    cost = bare / page
    limit = 1 / GOAL_SHARE
    return [
        {
            "name": "lesson_page_rate",
            "ours": round(page),
            "limit": None,
            "ratio": None,
            "unit": "req/s",
            "note": f"{lesson['url']} from the page cache, gunicorn 2 workers",
        },
        {
            "name": "healthz_rate",
            "ours": round(bare),
            "limit": None,
            "ratio": None,
            "unit": "req/s",
            "note": "the app's bare view, same run",
        },
        {
            "name": "bare_over_lesson",
            "ours": round(cost, 2),
            "limit": limit,
            "ratio": round(cost / limit, 2),
            "unit": "x",
            "note": f"lesson at {page / bare:.0%} of the bare view (goal at least {GOAL_SHARE:.0%})",
        },
    ]
