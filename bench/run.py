"""Run the benchmarks under bench/ and print how each compares with its budget.

Every module bench/<name>.py (not run.py, not helpers starting with "_")
exposes `run() -> list[dict]`; each row has name, ours, limit, ratio
(ours / limit; at most 1 is within budget), unit and note. Results go to
bench/results/<name>.json (gitignored).

    .venv/bin/python bench/run.py                 # every bench
    .venv/bin/python bench/run.py page_weight     # only these
    .venv/bin/python bench/run.py --strict        # exit 1 when a ratio is over 1
"""

import importlib
import json
import sys
import time
import traceback
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
RESULTS = BENCH / "results"
FIELDS = ("name", "ours", "limit", "ratio", "unit", "note")


def discover() -> list[str]:
    return sorted(
        p.stem for p in BENCH.glob("*.py") if p.stem != "run" and not p.stem.startswith("_")
    )


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def print_table(rows: list[dict]) -> None:
    header = ("bench", "measure", "ours", "limit", "ratio", "unit", "")
    table = [header] + [
        (
            row["bench"],
            row["name"],
            _fmt(row.get("ours")),
            _fmt(row.get("limit")),
            _fmt(row.get("ratio")),
            row.get("unit", ""),
            "OVER"
            if (row.get("ratio") or 0) > 1
            else ("ok" if row.get("ratio") is not None else ""),
        )
        for row in rows
    ]
    widths = [max(len(str(line[i])) for line in table) for i in range(len(header))]
    for number, line in enumerate(table):
        print(
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)
            ).rstrip()
        )
        if number == 0:
            print("  ".join("-" * width for width in widths))
    notes = [(row["bench"], row["name"], row["note"]) for row in rows if row.get("note")]
    if notes:
        print()
        for bench, name, note in notes:
            print(f"  {bench} / {name}: {note}")


def main(argv: list[str]) -> int:
    strict = "--strict" in argv
    wanted = [arg for arg in argv if not arg.startswith("-")] or discover()
    RESULTS.mkdir(exist_ok=True)
    rows = []
    for name in wanted:
        print(f"== {name}", flush=True)
        started = time.monotonic()
        try:
            module = importlib.import_module(f"bench.{name}")
            found = module.run()
        except Exception as error:  # one broken bench must not hide the others
            traceback.print_exc()
            found = [
                {
                    "name": "failed",
                    "ours": None,
                    "limit": None,
                    "ratio": None,
                    "unit": "",
                    "note": f"{type(error).__name__}: {error}",
                }
            ]
        seconds = round(time.monotonic() - started, 1)
        for row in found:
            missing = [field for field in FIELDS if field not in row]
            if missing:
                raise ValueError(f"bench {name} row {row!r} lacks {missing}")
        (RESULTS / f"{name}.json").write_text(
            json.dumps(
                {"bench": name, "seconds": seconds, "rows": found}, indent=2, ensure_ascii=False
            )
        )
        rows += [{"bench": name, **row} for row in found]
        print(f"   done in {seconds} s", flush=True)
    print()
    print_table(rows)
    over = [row for row in rows if (row.get("ratio") or 0) > 1 or row["name"] == "failed"]
    return 1 if strict and over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
