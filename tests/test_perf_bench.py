"""The benchmark script keeps working: CI runs it at a tiny size. No timing is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import ROOT

BENCH = ROOT / "bench" / "bench.py"


def test_bench_runs_every_scenario_at_a_tiny_size(tmp_path: Path) -> None:
    work = tmp_path / "work"
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "-n",
            "6",
            "--invalid",
            "0.5",
            "--rounds",
            "1",
            "--cold-rounds",
            "1",
            "--memory-count",
            "4",
            "--work",
            str(work),
            *("--scenario", "batch", "--scenario", "cold", "--scenario", "jobs"),
            *("--scenario", "cache", "--scenario", "memory", "--scenario", "render"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for heading in (
        "6 cards, one process",
        "one card, cold process",
        "12 cards, worker processes",
        "6 cards, cache on",
        "4 cards, peak memory",
        "render one card, cold process",
        "## targets",
    ):
        assert heading in out
    rows = ("parse-only floor", "--jobs 2", "re-run (unchanged files)", "every file touched")
    for row in (*rows, "python -c pass"):
        assert row in out
    # The generated cards: half JSON, half YAML, half of them invalid, named for discovery.
    cards = sorted((work / "batch").iterdir())
    assert [p.suffix for p in cards] == [".json", ".yaml"] * 3
    assert all(p.name.endswith(("-model-card.json", "-model-card.yaml")) for p in cards)
    listed = subprocess.run(
        [
            sys.executable,
            "-m",
            "cardlint",
            "check",
            "--no-cache",
            "--format",
            "json",
            str(work / "batch"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    import json

    report = json.loads(listed.stdout)
    assert report["summary"]["files"] == 6
    assert report["summary"]["files_with_findings"] == 3


def test_generated_cards_are_valid_and_about_ten_kilobytes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from cards import write_cards
    finally:
        sys.path.remove(str(ROOT / "bench"))
    paths = write_cards(tmp_path, 10, 0.0, seed=7)
    sizes = [p.stat().st_size for p in paths]
    assert 7_000 < sum(sizes) / len(sizes) < 14_000
    again = write_cards(tmp_path / "again", 10, 0.0, seed=7)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]
    proc = subprocess.run(
        [sys.executable, "-m", "cardlint", "check", "--no-cache", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout
