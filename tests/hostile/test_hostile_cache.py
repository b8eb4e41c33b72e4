"""Issue 15, item 10: a damaged cache only costs time.

A cache file replaced by a FIFO must not block the run, one linked to ``/dev/zero`` must not
exhaust memory, and entries whose fields have the wrong types are dropped, not trusted: the
findings are those of a run without a cache, in every format (SARIF and GitHub crashed).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero")

CARD = "intended_uses:\n  risk_rating: high\n  bogus: 1\n"


def cardlint(*args: str, cwd: Path, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command, with a deadline (a hang fails the test) and optionally an
    address-space limit (a run that reads without end fails with MemoryError, not the box)."""
    exe = Path(sys.executable).with_name("cardlint")

    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "card").mkdir()
    (tmp_path / "card" / "model-card.yaml").write_text(CARD)
    return tmp_path


def cache_file(tree: Path, fmt: str = "concise") -> Path:
    """Run once so that the cache holds the card's entry; the cache file it wrote."""
    proc = cardlint("check", "--cache-dir", "cache", "--format", fmt, "card", cwd=tree)
    assert proc.returncode == 1, proc.stderr
    [written] = list((tree / "cache").glob("v*.json"))
    return written


_EXPECTED: dict[str, str] = {}


def expected(tree: Path, fmt: str) -> str:
    """The output of a run without a cache (paths are relative: the same in every tree)."""
    if fmt not in _EXPECTED:
        proc = cardlint("check", "--no-cache", "--format", fmt, "card", cwd=tree)
        assert proc.returncode == 1, proc.stderr
        _EXPECTED[fmt] = proc.stdout
    return _EXPECTED[fmt]


@posix_only
def test_a_fifo_in_place_of_the_cache_file_does_not_block(tree: Path) -> None:
    path = cache_file(tree)
    path.unlink()
    os.mkfifo(path)
    proc = cardlint("check", "--cache-dir", "cache", "--format", "concise", "card", cwd=tree)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout == expected(tree, "concise")


@posix_only
def test_a_cache_file_linked_to_dev_zero_is_not_read(tree: Path) -> None:
    path = cache_file(tree)
    path.unlink()
    path.symlink_to("/dev/zero")
    proc = cardlint(
        "check", "--cache-dir", "cache", "--format", "concise", "card", cwd=tree, memory=1 << 30
    )
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout == expected(tree, "concise")


def _set(index: int, value: Any) -> Callable[[list[Any]], None]:
    def damage(diagnostic: list[Any]) -> None:
        diagnostic[index] = value

    return damage


def _span(value: Any) -> Callable[[list[Any]], None]:
    return _set(4, value)


DAMAGE = {
    "code is a number": _set(0, 7),
    "unknown severity": _set(1, "fatal"),
    "message is a list": _set(2, ["x"]),
    "pointer is null": _set(3, None),
    "span holds strings": _span(["2", "16", "2", "20", "31", "35"]),
    "span too short": _span([2, 16]),
    "span holds booleans": _span([True, True, True, True, 0, 1]),
    "span line zero": _span([0, 0, 0, 0, 0, 0]),
    "fix is a string": _set(5, "fix"),
    "fix edit without content": _set(5, ["safe", "m", [[[2, 16, 2, 20, 31, 35]]]]),
    "intent with unknown action": _set(6, ["safe", "m", [["explode", "/x"]]]),
    "diagnostic is an object": lambda d: d.clear(),
}


@pytest.mark.parametrize("what", sorted(DAMAGE))
def test_an_entry_with_wrong_types_is_dropped(tree: Path, what: str) -> None:
    path = cache_file(tree)
    content = json.loads(path.read_text())
    [entry] = content["files"].values()
    DAMAGE[what](entry[2][0])
    damaged = json.dumps(content)
    for fmt in ("sarif", "github"):
        path.write_text(damaged)  # a run that drops the entry stores a good one again
        proc = cardlint("check", "--cache-dir", "cache", "--format", fmt, "card", cwd=tree)
        assert (proc.returncode, proc.stderr) == (1, ""), fmt
        assert proc.stdout == expected(tree, fmt), fmt


@pytest.mark.parametrize(
    "entry",
    [
        {"digest": "x"},
        [1, None, [], None],
        ["d", 5, [], None],
        ["d", None, "diagnostics", None],
        ["d", None, [], ["size", 1, 2, 3]],
    ],
)
def test_an_entry_whose_frame_is_wrong_is_dropped(tree: Path, entry: Any) -> None:
    path = cache_file(tree)
    content = json.loads(path.read_text())
    [name] = content["files"]
    content["files"][name] = entry
    path.write_text(json.dumps(content))
    proc = cardlint("check", "--cache-dir", "cache", "--format", "sarif", "card", cwd=tree)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout == expected(tree, "sarif")
