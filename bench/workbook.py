"""The district workbook against openpyxl's own write-only speed, and its peak memory.

One throwaway SQLite database is filled with `volunteers.loaddata.generate`
(100,000 households and 1,000,000 visits over the last twelve months; with
BENCH_SMALL=1 10,000 and 100,000). Then, each in its own child process so
that its peak RSS (ru_maxrss) is its own:

- raw: openpyxl write-only writes the same number of rows x columns of plain
  values (a date, codes, names, numbers: the Visits sheet's shape) - the
  floor no workbook of that size can beat;
- ours: `reports.services.report_build` for the whole generated tree as its
  official would ask for it (every indicator sheet, the Visits sheets, the
  private file moved into place). The rollups are rebuilt after the data is
  generated, as the schedule keeps them on a running site: the indicator
  sheets read them, the Visits sheets the raw rows.

Both run at two sizes from the same data: the last three months and the
whole year. Budgets (DESIGN.md, issue 4): ours <= 2x raw in time; peak
memory < 300 MB and not growing with the rows (large / small peak ~ 1).

    .venv/bin/python bench/run.py workbook
    BENCH_SMALL=1 .venv/bin/python bench/run.py workbook
    BENCH_WORKBOOK_HOUSEHOLDS=50000 BENCH_WORKBOOK_VISITS=500000 .venv/bin/python bench/run.py workbook
"""

from __future__ import annotations

import datetime
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench._child import run_child, throwaway_env  # noqa: E402

SMALL = os.environ.get("BENCH_SMALL", "") not in ("", "0")
HOUSEHOLDS = int(os.environ.get("BENCH_WORKBOOK_HOUSEHOLDS", "10000" if SMALL else "100000"))
VISITS = int(os.environ.get("BENCH_WORKBOOK_VISITS", "100000" if SMALL else "1000000"))
TIME_BUDGET = 2.0  # x raw write-only
MEMORY_BUDGET_MB = 300
FLAT_BUDGET = 1.25  # large peak / small peak: "does not grow" with some allocator noise
PERIODS = {"quarter": 91, "year": 365}  # days back from today
COLUMNS = 11  # the Visits sheet without names


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _django():
    import django

    django.setup()


def _child_generate() -> dict:
    _django()
    from django.core.management import call_command

    from tests.volunteers.factories import OfficialFactory, UserFactory
    from volunteers.loaddata import generate
    from volunteers.models import Official

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    root = generate(households=HOUSEHOLDS, visits=VISITS, stdout=sys.stderr)
    user = UserFactory(username="bench-official")
    OfficialFactory(user=user, area=root, role=Official.Role.PROVINCE)
    generated = time.perf_counter()
    from reports import rollups

    rollups.rebuild(lambda line: None, restart=True)
    return {
        "root": root.code,
        "seconds": generated - started,
        "rollup_seconds": time.perf_counter() - generated,
    }


def _period(days: int) -> tuple[datetime.date, datetime.date]:
    from django.utils import timezone

    today = timezone.localdate()
    return today - datetime.timedelta(days=days), today


def _child_ours(days: int) -> dict:
    _django()
    from django.contrib.auth import get_user_model

    from reports.models import ReportRequest
    from reports.services import report_build, report_request_create
    from reports.workbook import visits_in_period
    from volunteers.models import Area

    user = get_user_model().objects.get(username="bench-official")
    root = Area.objects.get(code="LOAD")
    start, end = _period(days)
    rows = visits_in_period(area=root, start=start, end=end, user=user).count()
    request = report_request_create(
        user=user, area=root, start=start, end=end, language="vi", queue=False
    )
    started = time.perf_counter()
    request = report_build(request=request)
    seconds = time.perf_counter() - started
    if request.status != ReportRequest.Status.READY:
        raise RuntimeError(request.error)
    return {
        "rows": request.row_count,
        "expected_rows": rows,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "file_mb": request.file_size / 2**20,
    }


def _child_raw(rows: int, out: str) -> dict:
    """openpyxl write-only, `rows` x COLUMNS plain values of the Visits sheet's kinds."""
    from openpyxl import Workbook

    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Raw")
    sheet.append([f"Column {n}" for n in range(COLUMNS)])
    moment = datetime.datetime(2026, 1, 1, 8, 0)
    for n in range(rows):
        sheet.append(
            [
                moment + datetime.timedelta(minutes=n),
                f"HH{n:08d}",
                "Thôn Đồng Bãi",
                "Tổ Ân Nghĩa",
                1 + n % 3,
                30,
                "Hoàn thành",
                "Cài đặt VNeID",
                "VNeID installed",
                1 + n % 5,
                None,
            ]
        )
    workbook.save(out)
    return {"rows": rows, "seconds": time.perf_counter() - started, "peak_mb": _peak_mb()}


def measure() -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-workbook-") as tmp:
        env = throwaway_env(tmp)
        result = {"generate": run_child(__file__, env, "generate")}
        for name, days in PERIODS.items():
            ours = run_child(__file__, env, "ours", str(days))
            raw = run_child(
                __file__, env, "raw", str(ours["rows"]), str(Path(tmp) / f"raw-{name}.xlsx")
            )
            result[name] = {"ours": ours, "raw": raw}
            print(f"   {name}: {json.dumps(result[name])}", file=sys.stderr, flush=True)
        return result


def run() -> list[dict]:
    result = measure()
    small, large = result["quarter"], result["year"]
    rows = []
    for name, item in (("3 months", small), ("12 months", large)):
        ours, raw = item["ours"], item["raw"]
        ratio = ours["seconds"] / raw["seconds"]
        rows.append(
            {
                "name": f"workbook time vs raw write-only, {ours['rows']:,} visits ({name})",
                "ours": ratio,
                "limit": TIME_BUDGET,
                "ratio": ratio / TIME_BUDGET,
                "unit": "x raw",
                "note": (
                    f"ours {ours['seconds']:.1f} s, raw openpyxl write-only {raw['seconds']:.1f} s "
                    f"({COLUMNS} columns); file {ours['file_mb']:.0f} MB"
                ),
            }
        )
        rows.append(
            {
                "name": f"workbook peak memory, {ours['rows']:,} visits ({name})",
                "ours": ours["peak_mb"],
                "limit": MEMORY_BUDGET_MB,
                "ratio": ours["peak_mb"] / MEMORY_BUDGET_MB,
                "unit": "MB",
                "note": f"raw write-only peak {raw['peak_mb']:.0f} MB (child process ru_maxrss)",
            }
        )
    growth = large["ours"]["peak_mb"] / small["ours"]["peak_mb"]
    rows.append(
        {
            "name": "workbook peak memory growth, 12 / 3 months",
            "ours": growth,
            "limit": FLAT_BUDGET,
            "ratio": growth / FLAT_BUDGET,
            "unit": "x",
            "note": (
                f"{small['ours']['rows']:,} -> {large['ours']['rows']:,} rows; data: "
                f"{HOUSEHOLDS:,} households, {VISITS:,} visits generated in "
                f"{result['generate']['seconds']:.0f} s, rollups rebuilt in "
                f"{result['generate']['rollup_seconds']:.0f} s"
            ),
        }
    )
    return rows


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        kind, args = sys.argv[2], sys.argv[3:]
        if kind == "generate":
            found = _child_generate()
        elif kind == "ours":
            found = _child_ours(int(args[0]))
        else:
            found = _child_raw(int(args[0]), args[1])
        print(json.dumps(found))
    else:
        for row in run():
            print(row)
