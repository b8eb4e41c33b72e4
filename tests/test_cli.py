"""The installed ``cardlint`` command: output lines, exit codes, stdin, options."""

from __future__ import annotations

import json

from helpers import EXAMPLES, run_cli

BAD = "intended_uses:\n  risk_rating: high\n"


def test_text_output_line_format_and_summary(tmp_path):
    card = tmp_path / "model-card.yaml"
    card.write_text(BAD)
    proc = run_cli("check", str(card))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f'{card}:2:16: S002 risk_rating "high" is not one of High, Medium, Low, Unknown '
        '(did you mean "High"?)',
        "Found 1 error, 0 warnings in 1 file (1 file checked).",
    ]


def test_show_source_draws_caret_under_span(tmp_path):
    card = tmp_path / "model-card.yaml"
    card.write_text(BAD)
    proc = run_cli("check", "--show-source", str(card))
    lines = proc.stdout.splitlines()
    assert lines[1] == "    2 |   risk_rating: high"
    assert lines[2] == "      |                ^^^^"


def test_no_color_when_not_a_terminal(tmp_path):
    card = tmp_path / "model-card.yaml"
    card.write_text(BAD)
    assert "\x1b[" not in run_cli("check", str(card), env={"NO_COLOR": ""}).stdout


def test_exit_codes(tmp_path):
    good = EXAMPLES / "good" / "minimal-model-card.yml"
    bad = tmp_path / "model-card.yaml"
    bad.write_text(BAD)
    assert run_cli("check", str(good)).returncode == 0
    assert run_cli("check", str(bad)).returncode == 1
    assert run_cli("check", "--exit-zero", str(bad)).returncode == 0
    missing = run_cli("check", str(tmp_path / "nope.json"))
    assert missing.returncode == 2
    assert (
        missing.stderr == f"cardlint: error: {tmp_path / 'nope.json'}: no such file or directory\n"
    )
    assert "Traceback" not in missing.stderr
    assert run_cli("check", "--format", "xml", str(good)).returncode == 2


def test_stdin_uses_stdin_filename_for_format_and_name():
    proc = run_cli("check", "-", "--stdin-filename", "cards/model-card.yaml", stdin=BAD)
    assert proc.returncode == 1
    assert proc.stdout.startswith("cards/model-card.yaml:2:16: S002 ")


def test_stdin_without_name_is_sniffed():
    proc = run_cli(
        "check", "--format", "json", "-", stdin='{"intended_uses": {"risk_rating": "x"}}'
    )
    [d] = json.loads(proc.stdout)["diagnostics"]
    assert (d["file"], d["code"], d["line"], d["column"]) == ("<stdin>", "S002", 1, 35)


def test_json_contract(tmp_path):
    bad = tmp_path / "model-card.yaml"
    bad.write_text(BAD)
    doc = json.loads(run_cli("check", "--format", "json", str(bad)).stdout)
    assert doc["version"] == 1
    assert doc["summary"] == {
        "files": 1,
        "files_with_findings": 1,
        "errors": 1,
        "warnings": 0,
        "infos": 0,
    }
    [d] = doc["diagnostics"]
    assert set(d) == {
        "file",
        "code",
        "severity",
        "message",
        "pointer",
        "line",
        "column",
        "end_line",
        "end_column",
        "fix",
    }
    assert (d["pointer"], d["line"], d["column"], d["end_line"], d["end_column"]) == (
        "/intended_uses/risk_rating",
        2,
        16,
        2,
        20,
    )


def test_directory_search_uses_card_name_patterns(tmp_path):
    (tmp_path / "model-card.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "churn_model_card.yml").write_text("{}")
    (tmp_path / "package.json").write_text("[]")
    (tmp_path / "ModelCard.YAML").write_text("{}")
    doc = json.loads(run_cli("check", "--format", "json", str(tmp_path)).stdout)
    assert doc["summary"]["files"] == 3


def test_explicit_file_is_linted_whatever_its_name(tmp_path):
    other = tmp_path / "notes.json"
    other.write_text("[]")
    proc = run_cli("check", "--format", "json", str(other))
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == ["P004"]


def test_empty_directory_is_a_notice_and_exit_zero(tmp_path):
    proc = run_cli("check", str(tmp_path))
    assert proc.returncode == 0
    assert proc.stderr.startswith("cardlint: no model card files found; searched for names ")


def test_select_and_ignore(tmp_path):
    bad = tmp_path / "model-card.json"
    bad.write_text('{"intended_uses": {"risk_rating": "x", "bogus": 1}}')
    codes = lambda *a: [  # noqa: E731
        d["code"]
        for d in json.loads(run_cli("check", "--format", "json", *a, str(bad)).stdout)[
            "diagnostics"
        ]
    ]
    assert codes() == ["S002", "S004"]
    assert codes("--ignore", "S004") == ["S002"]
    assert codes("--select", "S00") == ["S002", "S004"]
    assert codes("--select", "S004") == ["S004"]


def test_version_rules_and_explain():
    assert run_cli("--version").stdout.strip() == "cardlint, version 0.1.0"
    rules = run_cli("rules").stdout
    assert "S002  enum" in rules
    explained = run_cli("explain", "s002")
    assert explained.returncode == 0
    assert explained.stdout.startswith("S002 enum (default severity: error; fix: yes)\n")
    assert "Example (fails)" in explained.stdout
    unknown = run_cli("explain", "Q999")
    assert unknown.returncode == 2
    assert (
        unknown.stderr == "cardlint: error: unknown rule code 'Q999'; `cardlint rules` lists them\n"
    )


def test_bad_user_schema_is_a_usage_error(tmp_path):
    schema = tmp_path / "s.json"
    schema.write_text("{not json")
    proc = run_cli("check", "--schema", str(schema), str(EXAMPLES / "good"))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"cardlint: error: cannot parse schema {schema}: ")
    assert proc.stderr.count("\n") == 1


def test_python_module_entry_point():
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "cardlint", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.stdout.strip() == "cardlint, version 0.1.0"
