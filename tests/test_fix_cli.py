"""The installed command: --fix, --unsafe-fixes, --diff, --show-fixes, stdin, and safe writes."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from cardlint.check.engine import check_file
from cardlint.fixing.fixer import fix_result, write_outcome
from helpers import EXAMPLES, cardlint_command, run_cli
from test_fix import JSON_AFTER, JSON_BEFORE, YAML_AFTER, YAML_BEFORE

FIXABLE = EXAMPLES / "fixable"
SAFE_JSON = "all-safe-fixes-model-card.json"
SAFE_YAML = "all-safe-fixes-model-card.yaml"
WINDOWS = "windows-model-card.yaml"
UNSAFE_JSON = "unsafe-fixes-model-card.json"
UNSAFE_YAML = "unsafe-fixes-model-card.yaml"

WINDOWS_AFTER = (
    b"\xef\xbb\xbf# Saved on Windows: CRLF line endings, a byte order mark, no final newline\r\n"
    b"model_overview:\r\n"
    b'  model_creator: "2024-03-01"   # a date, to YAML 1.1\r\n'
    b"intended_uses:\r\n"
    b"  risk_rating: 'Medium'\r\n"
    b"  explanations_for_risk_rating: reviewed\r\n"
    b"training_details:\r\n"
    b"  training_job_details:\r\n"
    b"    training_metrics:\r\n"
    b"      - name: auc\r\n"
    b"        value: 0.93"
)
UNSAFE_JSON_AFTER = """\
{
  "model_overview": {
    "model_creator": "Data team",
    "model_artifact": ["s3://bucket/model.tar.gz"]
  },
  "intended_uses": {
    "explanations_for_risk_rating": "internal use",
    "risk_rating": "Medium"
  }
}
"""
UNSAFE_YAML_AFTER = """\
# Unsafe fixes: need --unsafe-fixes
model_overview:
  model_creator: Data team       # close to model_creator, but not certain
  model_artifact:
    - s3://bucket/model.tar.gz
intended_uses:
  explanations_for_risk_rating: internal use
  risk_rating: Medium
"""


def copy_examples(dest: Path) -> Path:
    shutil.copytree(FIXABLE, dest, dirs_exist_ok=True)
    return dest


def test_examples_are_the_texts_the_in_process_tests_use() -> None:
    assert (FIXABLE / SAFE_JSON).read_text(encoding="utf-8") == JSON_BEFORE
    assert (FIXABLE / SAFE_YAML).read_text(encoding="utf-8") == YAML_BEFORE


def test_fix_writes_in_place_and_reports_what_remains(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    proc = run_cli("check", "--fix", "--show-fixes", SAFE_JSON, SAFE_YAML, WINDOWS, cwd=tmp_path)
    assert (tmp_path / SAFE_JSON).read_text(encoding="utf-8") == JSON_AFTER
    assert (tmp_path / SAFE_YAML).read_text(encoding="utf-8") == YAML_AFTER
    assert (tmp_path / WINDOWS).read_bytes() == WINDOWS_AFTER
    remaining = [line.split(" ")[:2] for line in proc.stdout.splitlines() if ": " in line]
    assert remaining == [
        [f"{SAFE_JSON}:2:71:", "V003"],
        [f"{SAFE_YAML}:5:7:", "V003"],
    ]
    assert proc.returncode == 0  # V003 is a warning; nothing at error level remains
    lines = proc.stderr.splitlines()
    assert lines[-1] == "Fixed 21 findings in 3 files."
    assert f'  {SAFE_YAML}:8:16: S002 Replace "high" with "High"' in lines
    assert f'  {WINDOWS}:3:18: Y001 Quote 2024-03-01 as "2024-03-01"' in lines
    assert len(lines) == 22


def test_exit_code_reflects_errors_that_remain(tmp_path: Path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text('{"intended_uses": {"risk_rating": "high", "bogus": 1}}\n', encoding="utf-8")
    proc = run_cli("check", "--fix", str(card))
    assert proc.returncode == 1
    assert card.read_text(encoding="utf-8") == (
        '{"intended_uses": {"risk_rating": "High", "bogus": 1}}\n'
    )
    assert [line.split(" ")[:2] for line in proc.stdout.splitlines() if ": " in line] == [
        [f"{card}:1:35:", "G001"],
        [f"{card}:1:43:", "S004"],
    ]


def test_fix_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    target = tmp_path / SAFE_YAML
    target.chmod(0o640)
    before = sorted(os.listdir(tmp_path))
    run_cli("check", "--fix", SAFE_YAML, cwd=tmp_path)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == before
    assert target.read_text(encoding="utf-8") == YAML_AFTER


def test_fix_through_a_symbolic_link_writes_the_file_it_names(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    link = tmp_path / "link-model-card.yaml"
    link.symlink_to(tmp_path / SAFE_YAML)
    run_cli("check", "--fix", link.name, cwd=tmp_path)
    assert link.is_symlink()
    assert (tmp_path / SAFE_YAML).read_text(encoding="utf-8") == YAML_AFTER


def test_a_second_fix_changes_nothing(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    run_cli("check", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    snapshot = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    proc = run_cli("check", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == snapshot
    assert "Fixed" not in proc.stderr
    assert run_cli("check", "--diff", "--unsafe-fixes", ".", cwd=tmp_path).stdout == ""


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    proc = run_cli("check", "--fix", UNSAFE_JSON, UNSAFE_YAML, cwd=tmp_path)
    assert (tmp_path / UNSAFE_JSON).read_bytes() == (FIXABLE / UNSAFE_JSON).read_bytes()
    assert proc.stderr.splitlines()[-1] == "4 more fixes with --unsafe-fixes."
    proc = run_cli("check", "--fix", "--unsafe-fixes", UNSAFE_JSON, UNSAFE_YAML, cwd=tmp_path)
    assert (tmp_path / UNSAFE_JSON).read_text(encoding="utf-8") == UNSAFE_JSON_AFTER
    assert (tmp_path / UNSAFE_YAML).read_text(encoding="utf-8") == UNSAFE_YAML_AFTER
    assert proc.stderr.splitlines()[-1] == "Fixed 4 findings in 2 files."


def test_quiet_drops_the_fix_summary_and_hint(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    proc = run_cli("check", "--fix", "--quiet", UNSAFE_JSON, UNSAFE_YAML, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == ""
    proc = run_cli("check", "--fix", "--unsafe-fixes", "-q", UNSAFE_JSON, UNSAFE_YAML, cwd=tmp_path)
    assert (tmp_path / UNSAFE_JSON).read_text(encoding="utf-8") == UNSAFE_JSON_AFTER
    assert proc.stderr == ""


def test_json_report_shows_the_fix_of_what_remains(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    proc = run_cli("check", "--fix", "--format", "json", UNSAFE_JSON, cwd=tmp_path)
    fixes = [(d["code"], d["fix"]) for d in json.loads(proc.stdout)["diagnostics"]]
    assert fixes == [
        (
            "S004",
            {
                "applicability": "unsafe",
                "message": 'Rename "model_creater" to "model_creator"',
                "edits": [
                    {
                        "line": 3,
                        "column": 5,
                        "end_line": 3,
                        "end_column": 20,
                        "content": '"model_creator"',
                    }
                ],
            },
        ),
        (
            "P002",
            {
                "applicability": "unsafe",
                "message": 'Remove the earlier "risk_rating" (line 7)',
                "edits": [
                    {
                        "line": 7,
                        "column": 5,
                        "end_line": 8,
                        "end_column": 5,
                        "content": "",
                    }
                ],
            },
        ),
    ]


# -- --diff ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [SAFE_JSON, SAFE_YAML, WINDOWS, UNSAFE_JSON, UNSAFE_YAML])
def test_diff_applies_with_git_apply_and_equals_what_fix_writes(tmp_path: Path, name: str) -> None:
    shown, written = copy_examples(tmp_path / "shown"), copy_examples(tmp_path / "written")
    proc = run_cli("check", "--diff", "--unsafe-fixes", name, cwd=shown)
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"--- a/{name}\n+++ b/{name}\n@@ ")
    assert (shown / name).read_bytes() == (FIXABLE / name).read_bytes()  # nothing written
    patch = tmp_path / "fix.patch"
    patch.write_bytes(proc.stdout.encode("utf-8"))
    applied = subprocess.run(
        ["git", "apply", "--whitespace=nowarn", str(patch)],
        cwd=shown,
        capture_output=True,
        text=True,
        check=False,
    )
    assert applied.returncode == 0, applied.stderr
    run_cli("check", "--fix", "--unsafe-fixes", name, cwd=written)
    assert (shown / name).read_bytes() == (written / name).read_bytes()
    assert (shown / name).read_bytes() != (FIXABLE / name).read_bytes()


def test_diff_of_a_file_without_a_final_newline(tmp_path: Path) -> None:
    proc = run_cli("check", "--diff", WINDOWS, cwd=copy_examples(tmp_path))
    assert proc.stdout.endswith(
        '-        value: "0.93"\n'
        "\\ No newline at end of file\n"
        "+        value: 0.93\n"
        "\\ No newline at end of file\n"
    )


def test_diff_with_nothing_to_fix_exits_zero() -> None:
    proc = run_cli("check", "--diff", "examples/good", cwd=EXAMPLES.parent)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


# -- stdin ----------------------------------------------------------------------------------


def test_stdin_fix_prints_the_fixed_text_and_reports_on_stderr() -> None:
    data = (FIXABLE / WINDOWS).read_bytes()
    proc = subprocess.run(
        [
            *cardlint_command(),
            "check",
            "--fix",
            "-",
            "--stdin-filename",
            WINDOWS,
        ],
        input=data,
        capture_output=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.stdout == WINDOWS_AFTER
    assert proc.stderr.decode().splitlines() == [
        "Fixed 3 findings in 1 file.",
        "All checks passed (1 file checked).",
    ]
    assert proc.returncode == 0


def test_stdin_fix_reports_what_remains_on_stderr() -> None:
    proc = run_cli(
        "check", "--fix", "-", "--stdin-filename", "c.json",
        stdin='{"intended_uses": {"risk_rating": "high", "bogus": 1}}',
    )  # fmt: skip
    assert proc.stdout == '{"intended_uses": {"risk_rating": "High", "bogus": 1}}'
    assert [line.split(" ", 2)[:2] for line in proc.stderr.splitlines()] == [
        ["Fixed", "1"],
        ["c.json:1:35:", "G001"],
        ["c.json:1:43:", "S004"],
        ["Found", "1"],
    ]
    assert proc.returncode == 1


def test_stdin_that_cannot_be_decoded_passes_through_unchanged() -> None:
    data = b'{"a": "\xc3\x28"}\n'
    proc = subprocess.run(
        [*cardlint_command(), "check", "--fix", "-"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert proc.stdout == data
    assert b"P003" in proc.stderr
    assert proc.returncode == 1


def test_stdin_diff() -> None:
    proc = run_cli(
        "check", "--diff", "-", "--stdin-filename", "card.yaml",
        stdin="intended_uses:\n  risk_rating: low\n",
    )  # fmt: skip
    assert proc.stdout == (
        "--- a/card.yaml\n+++ b/card.yaml\n@@ -1,2 +1,2 @@\n"
        " intended_uses:\n-  risk_rating: low\n+  risk_rating: Low\n"
    )
    assert proc.returncode == 1


# -- writes that must not happen ------------------------------------------------------------


def test_read_only_file_is_reported_not_modified(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    target = tmp_path / SAFE_YAML
    target.chmod(0o444)
    proc = run_cli("check", "--fix", SAFE_YAML, cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == YAML_BEFORE
    assert f"{SAFE_YAML}:1:1: X002 fixes not written: the file is read-only" in proc.stdout
    assert "S002" in proc.stdout  # the findings of the unchanged file are reported
    assert proc.returncode == 1


def test_file_changed_on_disk_after_it_was_read_is_not_written(tmp_path: Path) -> None:
    target = tmp_path / "model-card.yaml"
    target.write_text("intended_uses:\n  risk_rating: high\n", encoding="utf-8")
    result = check_file(str(target))
    outcome = fix_result(result)
    assert outcome.changed
    target.write_text("intended_uses:\n  risk_rating: low  # edited meanwhile\n", encoding="utf-8")
    written = write_outcome(outcome, result)
    assert target.read_text(encoding="utf-8") == (
        "intended_uses:\n  risk_rating: low  # edited meanwhile\n"
    )
    assert written.abandoned == "fixes not written: the file changed on disk after it was read"
    assert [d.code for d in written.result.diagnostics] == ["X002", "S002"]
