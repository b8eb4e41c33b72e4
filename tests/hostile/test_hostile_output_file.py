"""-o/--output-file never replaces an input card, never writes through a symbolic link, and
replaces the report atomically (issue 15, item 2)."""

from __future__ import annotations

import json
import os
import textwrap

import pytest

from helpers import run_cli

BAD = '{"intended_uses": {"risk_rating": "high"}}\n'

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX links")


def test_output_file_that_is_the_input_card_is_refused(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BAD)
    proc = run_cli(
        "check", "--format", "json", "-o", "model-card.json", "model-card.json", cwd=tmp_path
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        "cardlint: error: the output file model-card.json is one of the input files; "
        "write the report somewhere else\n"
    )
    assert card.read_text() == BAD


def test_output_file_that_is_a_card_found_in_a_directory_is_refused_also_with_fix(
    tmp_path,
) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    card = cards / "a-model-card.json"
    card.write_text(BAD)
    proc = run_cli("check", "--fix", "-o", "cards/a-model-card.json", "cards", cwd=tmp_path)
    assert proc.returncode == 2
    assert "is one of the input files" in proc.stderr
    assert card.read_text() == BAD  # refused before anything is fixed or written


def test_output_file_that_is_a_hard_link_or_reached_through_a_linked_directory_is_refused(
    tmp_path,
) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BAD)
    os.link(card, tmp_path / "report.txt")
    proc = run_cli("check", "-o", "report.txt", "model-card.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("cardlint: error: the output file report.txt is one of")
    (tmp_path / "via").symlink_to(tmp_path, target_is_directory=True)
    proc = run_cli("check", "-o", "via/model-card.json", "model-card.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert "via/model-card.json is one of the input files" in proc.stderr
    assert card.read_text() == BAD


def test_symbolic_link_at_the_output_path_is_not_followed(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BAD)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (tmp_path / "report.sarif").symlink_to(victim)
    (tmp_path / "dangling.sarif").symlink_to(tmp_path / "created-elsewhere")
    for name in ("report.sarif", "dangling.sarif"):
        proc = run_cli("check", "--format", "sarif", "-o", name, "model-card.json", cwd=tmp_path)
        assert proc.returncode == 2
        assert proc.stderr == (
            f"cardlint: error: the output file {name} is a symbolic link; "
            "give the path of a regular file\n"
        )
    assert victim.read_text() == "keep me\n"
    assert not (tmp_path / "created-elsewhere").exists()


# The process dies just before the report would replace the old one.
KILL_HOOK = textwrap.dedent(
    """
    import os, signal

    def _die(src, dst):
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = _die
    """
)


def test_report_is_replaced_atomically(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BAD)
    report = tmp_path / "report.json"
    report.write_text("old report\n")
    report.chmod(0o640)
    proc = run_cli(
        "check", "--format", "json", "-o", "report.json", "model-card.json", cwd=tmp_path
    )
    assert proc.returncode == 1
    assert [d["code"] for d in json.loads(report.read_text())["diagnostics"]] == ["S002"]
    assert report.stat().st_mode & 0o777 == 0o640  # the report keeps its mode
    report.write_text("old report\n")
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(KILL_HOOK)
    proc = run_cli(
        "check",
        "--format",
        "json",
        "-o",
        "report.json",
        "model-card.json",
        cwd=tmp_path,
        env={"PYTHONPATH": str(hook)},
    )
    assert proc.returncode == -9
    assert report.read_text() == "old report\n"  # never half a report


def test_new_report_gets_the_usual_mode_and_no_temporary_file_is_left(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(BAD)
    os.makedirs(tmp_path / "out")
    proc = run_cli("check", "-o", "out/report.txt", "model-card.json", cwd=tmp_path)
    assert proc.returncode == 1
    assert (tmp_path / "out" / "report.txt").read_text().startswith("model-card.json:1:35: S002")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "out" / "report.txt").stat().st_mode & 0o777 == 0o666 & ~umask
    assert os.listdir(tmp_path / "out") == ["report.txt"]
