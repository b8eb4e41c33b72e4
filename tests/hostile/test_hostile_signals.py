"""Interrupting cardlint: Ctrl-C and SIGTERM during --fix leave whole cards and no temporary
files and exit 130 / 143 (issue 15, item 4); worker processes die with their parent
(item 8). Each test runs the installed command in a subprocess, signals it, and then looks
at the exit code, the directory and the process tree."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="signals and /proc process tree"
)

BEFORE = '{"intended_uses": {"risk_rating": "high"}}\n'
AFTER = '{"intended_uses": {"risk_rating": "High"}}\n'


def command() -> list[str]:
    exe = Path(sys.executable).with_name("cardlint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cardlint"]


def environment(hook: Path | None = None, **extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", **extra}
    if hook is not None:
        env["PYTHONPATH"] = str(hook)
    return env


def write_hook(tmp_path: Path, source: str) -> Path:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(textwrap.dedent(source))
    return hook


def temporary_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if ".cardlint-tmp" in p.name)


def make_cards(directory: Path, count: int, text: str = BEFORE) -> list[Path]:
    directory.mkdir()
    cards = []
    for index in range(count):
        card = directory / f"c{index:03}-model-card.json"
        card.write_text(text)
        cards.append(card)
    return cards


# -- a signal in the middle of writing a fixed card ------------------------------------------

# The signal arrives while the fixed text is being written to the temporary file: the worst
# moment, with a temporary file on disk and the card not yet replaced.
SIGNAL_WHILE_WRITING = """
    import os, signal

    _fsync = os.fsync

    def _fsync_and_signal(fd):
        name = os.environ.get("SIGNAL_DURING_FSYNC")
        if name:
            os.kill(os.getpid(), getattr(signal, name))
        return _fsync(fd)

    os.fsync = _fsync_and_signal
"""


@pytest.mark.parametrize(("name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_signal_while_a_fixed_card_is_written(tmp_path, name: str, code: int) -> None:
    hook = write_hook(tmp_path, SIGNAL_WHILE_WRITING)
    (card,) = make_cards(tmp_path / "cards", 1)
    proc = subprocess.run(
        [*command(), "check", "--fix", "--no-cache", str(card)],
        capture_output=True,
        text=True,
        env=environment(hook, SIGNAL_DURING_FSYNC=name),
        timeout=120,
        check=False,
    )
    assert proc.returncode == code, proc.stderr
    assert temporary_files(card.parent) == []
    # the signal waited for the write to end: the card is whole, and fixed
    assert card.read_text() == AFTER
    assert "Traceback" not in proc.stderr
    assert "Aborted" not in proc.stderr


# Every open of a card is slowed down, so the run is still busy when the test signals it.
SLOW_CARDS = """
    import builtins, os, time

    _open = builtins.open
    _os_open = os.open

    def _slow(path):
        if str(path).endswith("-model-card.json"):
            time.sleep(float(os.environ.get("SLOW_CARDS", "0")))

    def _slow_open(file, *args, **kwargs):
        _slow(file)
        return _open(file, *args, **kwargs)

    def _slow_os_open(path, *args, **kwargs):
        _slow(path)
        return _os_open(path, *args, **kwargs)

    builtins.open = _slow_open
    os.open = _slow_os_open
"""


def wait_for(condition, what: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_from_outside_during_fix_of_many_cards(tmp_path, sig: int, code: int) -> None:
    hook = write_hook(tmp_path, SLOW_CARDS)
    cards = make_cards(tmp_path / "cards", 120)
    proc = subprocess.Popen(
        [*command(), "check", "--fix", "--no-cache", "--jobs", "1", str(tmp_path / "cards")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(hook, SLOW_CARDS="0.01"),
        start_new_session=True,  # a terminal's Ctrl-C signals the whole process group
    )
    try:
        wait_for(lambda: cards[0].read_text() == AFTER, "the first card to be fixed")
        os.killpg(proc.pid, sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert temporary_files(tmp_path / "cards") == []
    texts = [card.read_text() for card in cards]
    assert set(texts) <= {BEFORE, AFTER}
    assert texts.count(BEFORE) > 0  # interrupted, not finished


# -- worker processes ------------------------------------------------------------------------


def children_of(pid: int) -> list[tuple[int, str]]:
    """(pid, start time) of every process whose parent is ``pid``."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        fields = _stat_fields(int(entry))
        if fields is not None and int(fields[1]) == pid:
            out.append((int(entry), fields[19]))
    return out


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            raw = handle.read()
    except OSError:
        return None
    # the name is in parentheses and may hold spaces: split after its closing one
    return raw[raw.rindex(")") + 2 :].split()


def _command_line(pid: int) -> bytes | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return None


def alive(process: tuple[int, str]) -> bool:
    fields = _stat_fields(process[0])
    # gone, a zombie waiting to be reaped, or another process that reused the number
    return fields is not None and fields[0] not in ("Z", "X") and fields[19] == process[1]


def start_with_workers(tmp_path: Path, **popen: object) -> tuple[subprocess.Popen, list]:
    hook = write_hook(tmp_path, SLOW_CARDS)
    make_cards(tmp_path / "cards", 240, '{"intended_uses": {"risk_rating": "Low"}}\n')
    proc = subprocess.Popen(
        [*command(), "check", "--no-cache", "--jobs", "2", str(tmp_path / "cards")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(hook, SLOW_CARDS="0.05"),
        **popen,  # type: ignore[arg-type]
    )
    workers: list[tuple[int, str]] = []

    def two_workers() -> bool:
        # every child (the workers, and a resource tracker where multiprocessing starts one)
        workers[:] = children_of(proc.pid)
        return sum(_command_line(pid) == _command_line(proc.pid) for pid, _ in workers) >= 2

    wait_for(two_workers, "two worker processes")
    return proc, workers


def finish(proc: subprocess.Popen, workers: list) -> tuple[bytes, bytes]:
    """Read the output to its end (which needs every holder of the pipes gone) and wait."""
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the output pipes stayed open after cardlint ended (orphaned workers?)")
    finally:
        for worker in workers:  # never leave orphans behind, whatever happened
            if alive(worker):
                os.kill(worker[0], signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
    return out, err


def test_sigterm_with_jobs_leaves_no_worker_alive(tmp_path) -> None:
    proc, workers = start_with_workers(tmp_path)
    proc.send_signal(signal.SIGTERM)  # to cardlint alone, as `timeout` and CI runners do
    _, err = finish(proc, workers)
    assert proc.returncode == 143, err
    wait_for(lambda: not any(alive(w) for w in workers), "the workers to end", limit=10)
    assert b"Traceback" not in err


def test_ctrl_c_with_jobs_exits_130_and_leaves_no_worker_alive(tmp_path) -> None:
    proc, workers = start_with_workers(tmp_path, start_new_session=True)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole group gets it
    _, err = finish(proc, workers)
    assert proc.returncode == 130, err
    wait_for(lambda: not any(alive(w) for w in workers), "the workers to end", limit=10)
    assert b"Traceback" not in err  # workers do not print KeyboardInterrupt tracebacks


def test_workers_die_even_when_their_parent_is_killed(tmp_path) -> None:
    proc, workers = start_with_workers(tmp_path)
    try:
        proc.kill()  # SIGKILL: no handler runs in the parent
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the output pipes stayed open after cardlint was killed")
        wait_for(lambda: not any(alive(w) for w in workers), "the workers to end", limit=10)
    finally:
        for worker in workers:
            if alive(worker):
                os.kill(worker[0], signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
