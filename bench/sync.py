"""Visits per second through the sync API, in batches of 50, against a bare Django JSON endpoint.

On PostgreSQL only (BENCH_DATABASE_URL, a throwaway database: it is dropped
and made again). One gunicorn server (2 workers, production settings) serves
both POST /api/v1/batch and /bench/bare-visits (bench/_sync_urls.py: the same
body, each visit stored with plain Django ORM and nothing else). Four client
threads on the same machine send batches of 50 new visits to each, for a
fixed number of batches. Goal (issue 8): the API at at least 50% of the bare
endpoint's visits per second, with the workers' memory flat as batches grow
(measured after each third of the run). Also: the first download of a
2,000-household team (GET /api/v1/changes, every page): time and bytes.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/literacy_bench \
        .venv/bin/python bench/run.py sync
"""

import gzip
import http.client
import json
import os
import secrets
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._server import PYTHON, REPO, free_port, wait_until_up

BATCH = 50
THREADS = 4
BATCHES = int(os.environ.get("SYNC_BENCH_BATCHES", "120"))  # per endpoint, all threads together
GOAL_SHARE = 0.5


def _env(database_url: str, secret: str) -> dict:
    inherited = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    return {
        **inherited,
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": secret,
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "bench._sync_settings",
        "LOG_LEVEL": "WARNING",
        "TWO_FACTOR_REQUIRED": "0",
    }


def _recreate(database_url: str) -> None:
    url = urlparse(database_url)
    name = url.path.lstrip("/")
    if name in ("literacy", "test_literacy", "postgres", ""):
        raise RuntimeError(f"BENCH_DATABASE_URL must name a throwaway database, not {name!r}")
    args = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432)]
    args += ["-U", url.username or "postgres"]
    subprocess.run(["dropdb", "--if-exists", *args, name], check=True)
    subprocess.run(["createdb", *args, name], check=True)


def _batch_body(household_ids: list[int], start: int, device: str) -> bytes:
    visited = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    items = [
        {
            "client_id": str(uuid.uuid4()),
            "kind": "visit",
            "made_at": visited,
            "data": {
                "household_id": household_ids[(start + n) % len(household_ids)],
                "visited_at": visited,
                "duration_minutes": 20,
                "outcome": "done",
            },
        }
        for n in range(BATCH)
    ]
    return json.dumps({"device_id": device, "items": items}).encode()


class Client:
    def __init__(self, port: int, setup: dict) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.headers = {
            "Cookie": f"{setup['session_cookie']}={setup['session']}; csrftoken={setup['csrf']}",
            "X-CSRFToken": setup["csrf"],
            "Content-Type": "application/json",
        }

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        self.connection.request(method, path, body=body, headers=self.headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def _load(port: int, setup: dict, path: str, batches: int) -> float:
    """Visits per second for `batches` batches of BATCH sent by THREADS threads to `path`."""
    counter = iter(range(batches))
    lock = threading.Lock()
    errors: list[str] = []

    def worker() -> None:
        client = Client(port, setup)
        device = str(uuid.uuid4())
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            status, body = client.request(
                "POST", path, _batch_body(setup["households"], number * BATCH, device)
            )
            if status != 200 or b'"rejected"' in body:
                errors.append(f"{status} {body[:300]!r}")
                return

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{path} failed: {errors[0]}")
    return batches * BATCH / elapsed


def _workers_rss_mb(master: int) -> float:
    children = subprocess.run(
        ["pgrep", "-P", str(master)], capture_output=True, text=True, check=False
    ).stdout.split()
    total = 0
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _first_download(port: int, setup: dict) -> dict:
    client = Client(port, setup)
    cursor, pages, raw, households = "", 0, b"", 0
    started = time.perf_counter()
    while True:
        status, body = client.request("GET", f"/api/v1/changes?limit=500&cursor={cursor}")
        if status != 200:
            raise RuntimeError(f"changes answered {status}: {body[:300]!r}")
        pages += 1
        raw += body
        answer = json.loads(body)
        households += len(answer["households"])
        cursor = answer["cursor"]
        if not answer["more"]:
            break
    return {
        "seconds": time.perf_counter() - started,
        "pages": pages,
        "households": households,
        "bytes": len(raw),
        "gzip_bytes": len(gzip.compress(raw)),
    }


def run(log=print) -> list[dict]:
    database_url = os.environ.get("BENCH_DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise RuntimeError("bench/sync.py needs BENCH_DATABASE_URL=postgres://... (a throwaway db)")
    secret = secrets.token_urlsafe(50)
    env = _env(database_url, secret)
    port = int(os.environ.get("SYNC_BENCH_PORT") or free_port())
    _recreate(database_url)
    log("  migrating and loading a team of 2,000 households...")
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=REPO, env=env, check=True
    )
    setup = json.loads(
        subprocess.run(
            [PYTHON, "bench/_sync_setup.py"],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "literacy.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--timeout", "300", "--chdir", str(REPO), "--log-level", "warning"],
        cwd=REPO,
        env=env,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        download = _first_download(port, setup)
        log(
            f"    first download: {download['households']} households in {download['pages']} "
            f"pages, {download['seconds']:.2f} s, {download['bytes'] / 1e6:.2f} MB "
            f"({download['gzip_bytes'] / 1e6:.2f} MB gzip)"
        )
        _load(port, setup, "/bench/bare-visits", 8)  # warm-up
        _load(port, setup, "/api/v1/batch", 8)
        bare = _load(port, setup, "/bench/bare-visits", BATCHES)
        memory = [_workers_rss_mb(server.pid)]
        rates = []
        for _third in range(3):
            rates.append(_load(port, setup, "/api/v1/batch", BATCHES // 3))
            memory.append(_workers_rss_mb(server.pid))
        ours = sum(rates) / len(rates)
    finally:
        server.terminate()
        server.wait(timeout=20)
    share = ours / bare
    growth = memory[-1] - memory[1]
    log(
        f"    sync API {ours:.0f} visits/s, bare endpoint {bare:.0f} visits/s ({share:.0%}); "
        f"workers' RSS {' -> '.join(f'{m:.0f}' for m in memory)} MB"
    )
    return [
        {
            "name": "sync_visits_per_second",
            "ours": round(ours),
            "limit": None,
            "ratio": None,
            "unit": "visits/s",
            "note": f"batches of {BATCH}, {THREADS} client threads, 2 gunicorn workers",
        },
        {
            "name": "bare_visits_per_second",
            "ours": round(bare),
            "limit": None,
            "ratio": None,
            "unit": "visits/s",
            "note": "the same bodies stored with plain ORM (bench/_sync_urls.py)",
        },
        {
            "name": "sync_cost_vs_bare",
            "ours": round(bare / ours, 2),
            "limit": 1 / GOAL_SHARE,
            "ratio": round((bare / ours) / (1 / GOAL_SHARE), 2),
            "unit": "x",
            "note": f"the API at {share:.0%} of the bare endpoint (goal: at least 50%)",
        },
        {
            "name": "sync_worker_memory_growth",
            "ours": round(growth, 1),
            "limit": 20,
            "ratio": round(max(growth, 0) / 20, 2),
            "unit": "MB",
            "note": f"2 workers' RSS after each third of the run: {memory}",
        },
        {
            "name": "first_download_2000_households",
            "ours": round(download["seconds"], 2),
            "limit": None,
            "ratio": None,
            "unit": "s",
            "note": f"{download['bytes']} bytes ({download['gzip_bytes']} gzip), "
            f"{download['pages']} pages",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
