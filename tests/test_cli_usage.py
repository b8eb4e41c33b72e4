"""The command line as people meet it: --quiet, unknown codes, help, syntax-error hints."""

from __future__ import annotations

import pytest

from conftest import run_cli

WARNINGS_ONLY = (  # as a standalone model card: G003 twice (warnings), no error
    "model_overview:\n  model_description: TODO\n  model_creator: TBD\n"
)


def test_quiet_prints_every_finding_and_nothing_else(tmp_path):
    (tmp_path / "model-card.yaml").write_text(WARNINGS_ONLY)
    args = ("check", "--schema", "model-card", "model-card.yaml")
    loud = run_cli(*args, "--fail-on", "warning", cwd=tmp_path)
    quiet = run_cli(*args, "-q", "--fail-on", "warning", cwd=tmp_path)
    findings = [
        'model-card.yaml:2:22: G003 [warning] placeholder text "TODO" in "TODO"; '
        "write the real content or leave the field out",
        'model-card.yaml:3:18: G003 [warning] placeholder text "TBD" in "TBD"; '
        "write the real content or leave the field out",
    ]
    assert loud.stdout.splitlines() == [
        *findings,
        "Found 0 errors, 2 warnings in 1 file (1 file checked).",
    ]
    assert (quiet.returncode, quiet.stdout.splitlines(), quiet.stderr) == (1, findings, "")
    concise = run_cli(*args, "--quiet", "--format", "concise", cwd=tmp_path)
    assert (concise.returncode, concise.stdout.splitlines()) == (0, findings)


def test_quiet_clean_run_prints_nothing(tmp_path):
    (tmp_path / "model-card.yaml").write_text("model_overview:\n  model_description: fine\n")
    proc = run_cli("check", "-q", "--schema", "model-card", "model-card.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--select", "S0O2", '"S0O2" is not a rule code or prefix; did you mean "S002"?'),
        ("--ignore", "BAR", '"BAR" is not a rule code or prefix'),
        ("--extend-select", "FOO", '"FOO" is not a rule code or prefix'),
        ("--ignore", "G,v0O3", '"v0O3" is not a rule code or prefix; did you mean "V003"?'),
        ("--select", "Y0011", '"Y0011" is not a rule code or prefix; did you mean "Y001"?'),
    ],
)
def test_unknown_code_on_the_command_line_is_a_usage_error(tmp_path, option, value, message):
    (tmp_path / "model-card.yaml").write_text("intended_uses:\n  risk_rating: high\n")
    proc = run_cli("check", option, value, "model-card.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (f"cardlint: error: {option}: {message} (`cardlint rules` lists them)\n")


@pytest.mark.parametrize("value", ["S002", "s00", "S,Y", "ALL", "x004, p"])
def test_known_codes_and_prefixes_are_accepted(tmp_path, value):
    (tmp_path / "model-card.yaml").write_text("intended_uses:\n  risk_rating: High\n")
    proc = run_cli("check", "--select", value, "--ignore", value, "model-card.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_configuration_file_codes_get_the_same_hint(tmp_path):
    (tmp_path / "cardlint.toml").write_text('ignore = ["S0O4"]\n')
    (tmp_path / "model-card.yaml").write_text("intended_uses:\n  risk_rating: High\n")
    proc = run_cli("check", "model-card.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"cardlint: error: {tmp_path / 'cardlint.toml'}: ignore: "
        '"S0O4" is not a rule code or prefix; did you mean "S004"? (`cardlint rules` lists them)\n'
    )
