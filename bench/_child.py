"""Run a bench script as a child process on a throwaway SQLite database.

A child per measurement keeps its peak memory (ru_maxrss) its own and its
data out of the developer's database. The child prints its result as JSON on
its last line of standard output.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def throwaway_env(tmp: str | Path) -> dict:
    """Environment for a child working on SQLite and media under `tmp` (no PostgreSQL, no Redis)."""
    tmp = Path(tmp)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DJANGO_SETTINGS_MODULE": "literacy.settings.dev",
        "SQLITE_PATH": str(tmp / "db.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


def run_child(script: str, env: dict, *args: str) -> dict:
    """Run `script --child ARGS` and return the JSON it printed last."""
    result = subprocess.run(
        [sys.executable, script, "--child", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{Path(script).name} child {args} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
