"""bench/run.py finds the bench modules and reports ratios against their limits."""

import json
import sys
import types

from bench import run as bench_run


def test_discovers_bench_modules_but_not_the_runner_or_helpers():
    names = bench_run.discover()
    assert "page_weight" in names
    assert "run" not in names
    assert not [name for name in names if name.startswith("_")]


def test_runs_the_named_bench_writes_results_and_flags_rows_over_budget(
    monkeypatch, tmp_path, capsys
):
    fake = types.ModuleType("bench.fake_bench")
    fake.run = lambda: [
        {"name": "weight", "ours": 12.5, "limit": 50, "ratio": 0.25, "unit": "KB", "note": "ok"},
        {"name": "queries", "ours": 19, "limit": 15, "ratio": 1.27, "unit": "queries", "note": ""},
    ]
    monkeypatch.setitem(sys.modules, "bench.fake_bench", fake)
    monkeypatch.setattr(bench_run, "RESULTS", tmp_path)

    assert bench_run.main(["fake_bench"]) == 0
    assert bench_run.main(["fake_bench", "--strict"]) == 1

    table = capsys.readouterr().out
    assert "weight" in table and "0.25" in table and "OVER" in table
    saved = json.loads((tmp_path / "fake_bench.json").read_text())
    assert [row["name"] for row in saved["rows"]] == ["weight", "queries"]


def test_a_failing_bench_is_reported_not_raised(monkeypatch, tmp_path, capsys):
    broken = types.ModuleType("bench.broken_bench")

    def explode():
        raise RuntimeError("no lessons")

    broken.run = explode
    monkeypatch.setitem(sys.modules, "bench.broken_bench", broken)
    monkeypatch.setattr(bench_run, "RESULTS", tmp_path)

    assert bench_run.main(["broken_bench", "--strict"]) == 1
    assert "RuntimeError: no lessons" in capsys.readouterr().out
