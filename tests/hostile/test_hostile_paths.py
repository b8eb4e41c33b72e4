"""What a repository can hold besides cards: symlink loops, no cards at all, unreadable files,
FIFOs and devices, broken links, and paths that do not exist."""

from __future__ import annotations

import os

import pytest

from cardlint import lint_paths
from cardlint.check import engine
from cardlint.check.result import UsageError
from cardlint.running import parallel
from helpers import run_cli

VALID = '{"model_overview": {"model_creator": "ml-team"}}'


def test_symlink_loops_are_not_followed(tmp_path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "model-card.json").write_text(VALID)
    os.symlink("..", tmp_path / "a" / "up")
    os.symlink(tmp_path / "a", tmp_path / "a" / "self")
    os.symlink(tmp_path / "loop2", tmp_path / "loop1")
    os.symlink(tmp_path / "loop1", tmp_path / "loop2")
    proc = run_cli("check", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "All checks passed (1 file checked).\n"


def test_directory_without_cards_is_a_one_line_notice(tmp_path) -> None:
    (tmp_path / "README.md").write_text("# nothing here\n")
    (tmp_path / "sub").mkdir()
    proc = run_cli("check", str(tmp_path))
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0,
        "",
        "cardlint: no model card files found; searched for names containing model-card, "
        "model_card or modelcard (any case) that end in .json, .yaml or .yml; to check other "
        "files, add patterns to include in the configuration or name the files\n",
    )
    quiet = run_cli("check", "-q", str(tmp_path))
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_directory_without_cards_json_output_is_still_a_document(tmp_path) -> None:
    proc = run_cli("check", "--format", "json", str(tmp_path))
    assert proc.returncode == 0
    assert '"diagnostics": []' in proc.stdout


def test_missing_path_is_exit_2_naming_it(tmp_path) -> None:
    missing = tmp_path / "no-such-model-card.json"
    proc = run_cli("check", str(missing))
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"cardlint: error: {missing}: no such file or directory\n"


def test_missing_path_in_the_api_is_a_usage_error(tmp_path) -> None:
    with pytest.raises(UsageError, match="no-such: no such file or directory"):
        lint_paths([tmp_path / "no-such"])


def test_broken_symlink_fifo_and_device_found_in_a_directory_are_x003(tmp_path) -> None:
    os.symlink(tmp_path / "gone.json", tmp_path / "a-model-card.json")
    os.mkfifo(tmp_path / "b-model-card.json")  # opening it would block forever
    os.symlink("/dev/zero", tmp_path / "c-model-card.json")  # reading it would never end
    (tmp_path / "d-model-card.json").write_text(VALID)
    proc = run_cli("check", "-q", str(tmp_path))
    assert proc.returncode == 1
    # c leads out of the directory searched: not followed (tests/hostile/test_hostile_symlinks.py)
    assert proc.stdout.splitlines() == [
        f"{tmp_path}/a-model-card.json:1:1: X003 cannot read file: broken symbolic link",
        f"{tmp_path}/b-model-card.json:1:1: X003 cannot read file: not a regular file",
    ]
    named = run_cli("check", "-q", "--format", "concise", str(tmp_path / "c-model-card.json"))
    assert (named.returncode, named.stdout) == (
        1,
        f"{tmp_path}/c-model-card.json:1:1: P009 file is 10,485,761 bytes; the limit is "
        "10,485,760 bytes (--max-file-size)\n",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_in_a_directory_is_x003_and_the_run_goes_on(tmp_path) -> None:
    locked = tmp_path / "a-model-card.json"
    locked.write_text(VALID)
    locked.chmod(0)
    (tmp_path / "b-model-card.json").write_text('{"intended_uses": {"risk_rating": "x"}}')
    proc = run_cli("check", "-q", str(tmp_path))
    assert proc.stdout.splitlines()[0] == (
        f"{locked}:1:1: X003 cannot read file: Permission denied"
    )
    assert "b-model-card.json:1:35: S002" in proc.stdout


def test_unreadable_file_found_in_a_directory_in_process(tmp_path, monkeypatch) -> None:
    # Works as root too: the read itself fails, as it would for a file without permission.
    (tmp_path / "a-model-card.json").write_text(VALID)
    (tmp_path / "b-model-card.json").write_text('{"intended_uses": {"risk_rating": "x"}}')
    real_open = open

    def deny(path, *args, **kwargs):
        if str(path).endswith("a-model-card.json"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    # The file planner's run reads through cardlint.running.parallel, one file alone too.
    monkeypatch.setattr(engine, "open", deny, raising=False)
    monkeypatch.setattr(parallel, "open", deny, raising=False)
    found = [(os.path.basename(d.path), d.code, d.message) for d in lint_paths([tmp_path])]
    assert found[0] == ("a-model-card.json", "X003", "cannot read file: Permission denied")
    assert ("b-model-card.json", "S002") in [(f[0], f[1]) for f in found]
    with pytest.raises(UsageError, match=r"a-model-card\.json: Permission denied"):
        lint_paths([tmp_path / "a-model-card.json"])  # named explicitly: a usage error
