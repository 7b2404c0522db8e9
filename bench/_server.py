"""A throwaway demo site for benchmarks: temp SQLite, demo data, a server on 127.0.0.1.

    with DemoSite() as site:          # gunicorn, production settings, whitenoise
        site.url                      # http://127.0.0.1:8010
        site.python("bench/_probe.py")  # a script against the same database (dev settings)

Ports 8010-8019 only (8000 belongs to `make run`), or exactly BENCH_PORT when set.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PORTS = range(8010, 8020)


def free_port() -> int:
    """BENCH_PORT when set (an engineer's own port on a shared machine), else 8010-8019."""
    chosen = os.environ.get("BENCH_PORT")
    for port in [int(chosen)] if chosen else PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port in 8010-8019")


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (127.0.0.1)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"Server did not answer at {url}")


class DemoSite:
    """Migrate and load the demo into a temp database, then serve it.

    production=True: gunicorn (2 workers) with literacy.settings.production,
    collected and compressed static files (whitenoise): the real wire size.
    production=False: `manage.py runserver --noreload` with dev settings.
    """

    def __init__(self, *, production: bool = True, demo: bool = True, log=print):
        self.production = production
        self.demo = demo
        self.log = log
        self.process = None
        self.tmp = None
        self.url = ""

    @property
    def env(self) -> dict:
        # The bench site has its own throwaway SQLite database and local caches,
        # whatever database or Redis the calling shell points at.
        inherited = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        return {
            **inherited,
            "PYTHONPATH": str(REPO),
            "SQLITE_PATH": str(self.tmp / "db.sqlite3"),
            "MEDIA_ROOT": str(self.tmp / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.tmp / "private"),
            "BENCH_STATIC_ROOT": str(self.tmp / "static"),
            "PAGE_CACHE_DIR": str(self.tmp / "page-cache"),
            "DJANGO_SETTINGS_MODULE": "literacy.settings.dev",
            "SITE_BASE_URL": self.url,
            "LOG_LEVEL": "WARNING",
        }

    def production_env(self) -> dict:
        return {
            **self.env,
            "DJANGO_SETTINGS_MODULE": "bench._settings",
            "DJANGO_SECRET_KEY": self.secret,
            "DJANGO_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_SERVE_MEDIA": "1",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        }

    def run(self, *args: str, env: dict | None = None, timeout: float = 900) -> str:
        result = subprocess.run(
            [PYTHON, *args],
            cwd=REPO,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def manage(self, *args: str, env: dict | None = None) -> str:
        return self.run("manage.py", *args, env=env)

    def python(self, script: str, *args: str) -> str:
        """Run a script against the site's database (dev settings); returns its stdout."""
        return self.run(script, *args)

    def __enter__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="literacy-bench-"))
        self.secret = secrets.token_urlsafe(50)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        try:
            self.log("  migrating a temp database...")
            self.manage("migrate", "--noinput", "-v0")
            if self.demo:
                self.log("  loading the demo data...")
                self.manage("demo")
            if self.production:
                self.manage("collectstatic", "--noinput", "-v0", env=self.production_env())
                command = [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "literacy.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--chdir",
                    str(REPO),
                    "--log-level",
                    "warning",
                ]
                env = self.production_env()
            else:
                command = [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
                env = self.env
            self.server_log = open(self.tmp / "server.log", "wb")
            self.process = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=self.server_log, stderr=subprocess.STDOUT
            )
            wait_until_up(f"{self.url}/healthz")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "server_log", None):
            self.server_log.close()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return False
