"""--fix never silently overwrites an edit another program makes while it runs, and never
splits a file with several hard links (issue 15, items 1 and 3)."""

from __future__ import annotations

import fcntl
import os
import textwrap

import pytest

from cardlint.check.engine import check_file
from cardlint.fixing.fixer import fix_result, write_outcome
from helpers import run_cli

BEFORE = '{"intended_uses": {"risk_rating": "high"}}\n'
AFTER = '{"intended_uses": {"risk_rating": "High"}}\n'
CHANGED = "fixes not written: the file changed on disk after it was read"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file semantics")


def leftovers(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".cardlint-tmp"))


# Another process appends a line to the card while cardlint writes the fixed text to its
# temporary file (the widest part of the window: writing and fsync of the whole card).
WRITER_HOOK = textwrap.dedent(
    """
    import os, subprocess, sys

    _fsync = os.fsync

    def _fsync_with_a_writer(fd):
        if os.environ.get("CARD_TO_EDIT") and not os.environ.get("EDITED"):
            os.environ["EDITED"] = "1"
            script = "import sys; open(sys.argv[1], 'a').write('edited by a person\\\\n')"
            subprocess.run([sys.executable, "-c", script, os.environ["CARD_TO_EDIT"]], check=True)
        return _fsync(fd)

    os.fsync = _fsync_with_a_writer
    """
)


def test_an_edit_made_by_another_process_while_fixing_is_kept_and_reported(tmp_path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(WRITER_HOOK)
    work = tmp_path / "cards"
    work.mkdir()
    card = work / "model-card.json"
    card.write_text(BEFORE)
    env = {"PYTHONPATH": str(hook), "CARD_TO_EDIT": str(card)}
    proc = run_cli("check", "--fix", "--no-cache", str(card), env=env)
    assert card.read_text() == BEFORE + "edited by a person\n"  # the edit is not lost
    assert proc.returncode == 1, proc.stderr
    assert f"{card}:1:1: X002 {CHANGED}" in proc.stdout
    assert "Fixed" not in proc.stderr
    assert leftovers(work) == []


def test_an_edit_made_in_the_window_of_the_rename_itself_is_restored(tmp_path, monkeypatch) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BEFORE)
    result = check_file(str(card))
    outcome = fix_result(result)
    real_replace = os.replace

    def replace_while_a_writer_appends(src, dst):
        # A writer that opened the card before the rename writes just before it happens:
        # its line lands in the old file, which the rename unlinks.
        with open(card, "a") as handle:
            handle.write("late edit\n")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_while_a_writer_appends)
    written = write_outcome(outcome, result)
    monkeypatch.setattr(os, "replace", real_replace)
    assert card.read_text() == BEFORE + "late edit\n"
    assert written.abandoned == CHANGED
    assert [d.code for d in written.result.diagnostics][:1] == ["X002"]
    assert leftovers(tmp_path) == []


def test_a_file_another_program_holds_locked_is_not_written(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BEFORE)
    result = check_file(str(card))
    outcome = fix_result(result)
    with open(card, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # as `flock model-card.json editor` does
        written = write_outcome(outcome, result)
    assert card.read_text() == BEFORE
    assert written.abandoned == (
        "fixes not written: another program holds a lock on the file; run --fix again "
        "when it is done"
    )
    assert leftovers(tmp_path) == []
    # once the lock is released the same fix goes in
    assert write_outcome(outcome, result).abandoned is None
    assert card.read_text() == AFTER


def test_hard_linked_card_is_reported_and_both_names_keep_the_same_text(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BEFORE)
    other = tmp_path / "other-name.json"
    os.link(card, other)
    proc = run_cli("check", "--fix", "--no-cache", str(card))
    assert proc.returncode == 1
    message = (
        "X002 fixes not written: the file has 2 hard links and replacing it would leave the "
        "other names with the old text; apply the fixes by hand (--diff shows them)"
    )
    assert f"{card}:1:1: {message}" in proc.stdout
    assert card.read_text() == BEFORE
    assert other.read_text() == BEFORE
    assert os.path.samefile(card, other)
    assert leftovers(tmp_path) == []
    # the diff is still offered
    diff = run_cli("check", "--diff", "--no-cache", str(card), cwd=tmp_path)
    assert diff.returncode == 1
    assert '+{"intended_uses": {"risk_rating": "High"}}' in diff.stdout
