"""The per-file time limit: a file that takes too long is stopped and reported (P015); the
run goes on with the next file."""

from __future__ import annotations

import signal
import textwrap
import time

import pytest

from cardlint.check import engine
from cardlint.check.engine import check_bytes
from cardlint.core.settings import Limits, Settings
from cardlint.core.timelimit import time_limit
from helpers import run_cli

CARD = b'{"intended_uses": {"risk_rating": "high"}}'
MESSAGE = (
    "checking stopped after 0.2 s, the per-file time limit (--timeout): the file is too large "
    "or has too many defects to check fully"
)
pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")


def _slow(card):
    time.sleep(60)  # interrupted by the limit long before this ends
    return ()


def test_slow_file_is_p015_and_the_next_file_is_checked(monkeypatch) -> None:
    first, *rest = engine.CHECKS
    settings = Settings(limits=Limits(max_seconds=0.2))
    monkeypatch.setattr(engine, "CHECKS", (first._replace(check=_slow), *rest))
    [d] = check_bytes(CARD, "slow-model-card.json", settings).diagnostics
    assert (d.code, d.severity.value, d.pointer, d.span.line, d.span.column, d.message) == (
        "P015",
        "error",
        "",
        1,
        1,
        MESSAGE,
    )
    monkeypatch.setattr(engine, "CHECKS", (first, *rest))
    codes = [d.code for d in check_bytes(CARD, "next-model-card.json", settings).diagnostics]
    assert "S002" in codes and "P015" not in codes
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0  # no timer left running


def test_zero_means_no_limit_and_a_running_timer_is_left_alone() -> None:
    with time_limit(0):
        assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with time_limit(0.01):
            time.sleep(0.05)  # someone else's timer runs: ours does not replace it
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 50
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


HOOK = textwrap.dedent(
    """
    import time
    import cardlint.check.engine as engine

    def _slow(card):
        time.sleep(60)
        return ()

    first, *rest = engine.CHECKS
    engine.CHECKS = (first._replace(check=_slow), *rest)
    """
)


def test_cli_timeout_reports_each_slow_file(tmp_path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK)
    for name in ("a-model-card.json", "b-model-card.json"):
        (tmp_path / name).write_bytes(CARD)
    proc = run_cli(
        "check",
        "-q",
        "--timeout",
        "0.2",
        "--jobs",
        "1",
        "--no-cache",
        str(tmp_path),
        env={"PYTHONPATH": str(hook)},
    )
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert proc.stdout.splitlines() == [
        f"{tmp_path}/a-model-card.json:1:1: P015 {MESSAGE}",
        f"{tmp_path}/b-model-card.json:1:1: P015 {MESSAGE}",
    ]
