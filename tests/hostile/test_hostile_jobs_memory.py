"""--jobs 1 keeps a file's parsed document only when something needs its text, as the
parallel path does (issue 15, item 13). Peak memory is that of a subprocess, measured by a
small parent process with ``resource.getrusage(RUSAGE_CHILDREN)``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

resource = pytest.importorskip("resource")

MEASURE = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_kib(*args: str) -> int:
    """Peak resident set size of one ``cardlint`` run, in KiB (Linux reports KiB)."""
    exe = Path(sys.executable).with_name("cardlint")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "cardlint"]
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return int(out.stdout)


def failing_cards(directory: Path, count: int) -> None:
    """Cards of about 200 KB of text each (in memory: the text and the parsed value), each
    with errors, so that each keeps a document if anything keeps one."""
    directory.mkdir()
    for index in range(count):
        card = {
            "intended_uses": {
                "risk_rating": "high",
                "explanations_for_risk_rating": "\u20ac" * 100_000 + str(index),
            }
        }
        (directory / f"c{index:03}-model-card.json").write_text(
            json.dumps(card, ensure_ascii=False), encoding="utf-8"
        )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB")
def test_jobs_1_does_not_keep_the_documents_of_failing_files(tmp_path) -> None:
    failing_cards(tmp_path / "few", 2)
    failing_cards(tmp_path / "many", 200)
    args = ("check", "--no-cache", "--jobs", "1", "--format", "json")
    few = peak_kib(*args, str(tmp_path / "few"))
    many = peak_kib(*args, str(tmp_path / "many"))
    # Keeping each document would hold about 400 KB per card (80 MB for 200 cards);
    # keeping none costs a few MB of findings.
    assert many - few < 20_000, (few, many)
