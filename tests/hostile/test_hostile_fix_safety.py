"""--fix never loses the original: a failed write, a process killed mid-write, and a file
changed between reading and writing all leave the file as it was."""

from __future__ import annotations

import os
import textwrap

import pytest

from cardlint.check.engine import check_file
from cardlint.fixing import fixer
from cardlint.fixing.fixer import fix_result, write_outcome
from helpers import run_cli

BEFORE = '{"intended_uses": {"risk_rating": "high"}}\n'
AFTER = '{"intended_uses": {"risk_rating": "High"}}\n'


def leftovers(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".cardlint-tmp"))


def test_write_failing_after_the_temp_file_is_written_keeps_the_original(
    tmp_path, monkeypatch
) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BEFORE)
    result = check_file(str(card))
    outcome = fix_result(result)
    assert outcome.text == AFTER
    temps: list[str] = []

    def fail_replace(src, dst):
        temps.append(src)
        with open(src, encoding="utf-8") as handle:  # the new text was fully written ...
            assert handle.read() == AFTER
        raise OSError(28, "No space left on device")  # ... and then the rename fails

    monkeypatch.setattr(fixer.os, "replace", fail_replace)
    written = write_outcome(outcome, result)
    assert card.read_text() == BEFORE
    assert written.abandoned == "fixes not written: cannot write the file: No space left on device"
    assert [d.code for d in written.result.diagnostics][:1] == ["X002"]
    assert len(temps) == 1 and not os.path.exists(temps[0])  # the temp file is cleaned up
    assert leftovers(tmp_path) == []


KILL_HOOK = textwrap.dedent(
    """
    import os, signal

    def _die(src, dst):
        # the temporary file holds the whole new text; die before it replaces the card
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = _die
    """
)


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
def test_process_killed_mid_write_leaves_the_original_intact(tmp_path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(KILL_HOOK)
    work = tmp_path / "cards"
    work.mkdir()
    card = work / "model-card.json"
    card.write_text(BEFORE)
    proc = run_cli("check", "--fix", "--no-cache", str(card), env={"PYTHONPATH": str(hook)})
    assert proc.returncode == -9  # killed, as intended
    assert card.read_text() == BEFORE
    # only a hidden temporary file may be left behind, never a half-written card
    assert [p.name for p in work.iterdir() if not p.name.startswith(".")] == ["model-card.json"]


def test_file_changed_between_reading_and_fixing_is_left_alone(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BEFORE)
    result = check_file(str(card))
    outcome = fix_result(result)
    edited = '{"intended_uses": {"risk_rating": "low"}}\n'
    card.write_text(edited)  # someone saves the file meanwhile
    written = write_outcome(outcome, result)
    assert card.read_text() == edited
    assert written.abandoned == "fixes not written: the file changed on disk after it was read"
    assert leftovers(tmp_path) == []


def test_cli_fix_still_works_and_keeps_the_mode(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BEFORE)
    card.chmod(0o640)
    proc = run_cli("check", "--fix", "--no-cache", str(card))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert card.read_text() == AFTER
    assert card.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []
