"""The command line as people meet it: --quiet, unknown codes, help, syntax-error hints."""

from __future__ import annotations

import pytest

from helpers import run_cli

WARNINGS_ONLY = (  # as a standalone model card: G003 twice (warnings), no error
    "model_overview:\n  model_description: TODO\n  model_creator: TBD\n"
)


def test_quiet_prints_every_finding_and_nothing_else(tmp_path):
    (tmp_path / "model-card.yaml").write_text(WARNINGS_ONLY)
    args = ("check", "--schema", "model-card", "model-card.yaml")
    loud = run_cli(*args, "--fail-on", "warning", cwd=tmp_path)
    quiet = run_cli(*args, "-q", "--fail-on", "warning", cwd=tmp_path)
    findings = [
        'model-card.yaml:2:22: G003 [warning] "TODO" is a placeholder, not a value; '
        "write the real content or leave the field out",
        'model-card.yaml:3:18: G003 [warning] "TBD" is a placeholder, not a value; '
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


def test_top_level_help_shows_every_summary_uncut():
    from cardlint.cli.main import main

    proc = run_cli("--help", env={"COLUMNS": "200"})
    assert proc.returncode == 0
    rows = proc.stdout.split("Commands:\n", 1)[1].splitlines()
    expected = [
        f"  {name:<8} {command.help.splitlines()[0]}"
        for name, command in sorted(main.commands.items())
        if command.help and not command.hidden
    ]
    assert rows == expected
    assert not any(row.rstrip().endswith("...") for row in rows)
    assert (
        "  check    Check model card files and directories (default: the current directory)."
        in rows
    )


def test_check_help_groups_options_in_sections():
    proc = run_cli("check", "--help", env={"COLUMNS": "200"})
    assert proc.returncode == 0
    headings = [line for line in proc.stdout.splitlines() if line.endswith(":") and line[0] != " "]
    assert headings == [
        "Rule selection:",
        "File selection:",
        "Output:",
        "Fixing:",
        "Performance:",
        "Limits:",
        "Options:",
    ]
    sections = {
        block.split(":\n", 1)[0]: block for block in proc.stdout.split("\n\n") if ":\n" in block
    }
    expected = {
        "Rule selection": ["--select", "--extend-select", "--ignore", "--fail-on", "--strict"],
        "File selection": ["--schema", "--config", "--isolated", "--no-respect-gitignore"],
        "Output": ["--format", "--output-file", "--quiet", "--no-color", "--no-show-source"],
        "Fixing": ["--fix", "--unsafe-fixes", "--diff", "--show-fixes"],
        "Performance": ["--jobs", "--cache-dir", "--no-cache"],
        "Limits": ["--max-file-size", "--timeout"],
    }
    for title, options in expected.items():
        for option in options:
            assert f" {option}" in sections[title], (title, option)
    # Every option has a section: the last one holds --help alone. A new option goes into
    # cardlint.cli.check.SECTIONS.
    assert sections["Options"].splitlines()[1:] == ["  -h, --help  Show this message and exit."]


YAML_HINTS = [
    (
        "model_overview:\n  model_description: Note: this is used\n",
        '2:26: P001 mapping values are not allowed in this context: a value holding ": " must be '
        'quoted, as in model_description: "Note: this is used"',
    ),
    (
        "evaluation_details:\n  - name: a\n    evaluation_observation: x: y  # why\n",
        '3:30: P001 mapping values are not allowed in this context: a value holding ": " must be '
        'quoted, as in evaluation_observation: "x: y"',
    ),
    (
        "model_overview:\n\tmodel_description: x\n",
        "2:1: P001 tab character used for indentation: YAML indents with spaces only",
    ),
    (
        "evaluation_details:\n  -name: a\n  - name: b\n",
        '3:3: P001 did not find expected key: line 2 needs a space after "-" to start a list '
        'item: "- name: a"',
    ),
    (
        "model_overview:\n  model_description:x\n  model_creator: y\n",
        "3:16: P001 mapping values are not allowed in this context: line 2 needs a space after "
        '":": "model_description: x"',
    ),
    (
        "model_overview:\n  model_creator: x\n   model_description: y\n",
        "3:21: P001 mapping values are not allowed in this context: line 3 is indented more than "
        "line 2; indent the keys of one mapping equally",
    ),
    (
        "model_overview:\n  model_description: 'abc\n  model_creator: y\n",
        "4:1: P001 found unexpected end of stream: the quote opened on line 2, column 22 is "
        "never closed",
    ),
    (
        "model_overview:\n  algorithm_type: [a, b\nintended_uses:\n  risk_rating: High\n",
        "3:14: P001 did not find expected ',' or ']': close the \"[\" opened on line 2, column 19, "
        'or separate its items with ","',
    ),
]


@pytest.mark.parametrize(("text", "expected"), YAML_HINTS)
def test_yaml_syntax_errors_say_what_to_do(tmp_path, text, expected):
    (tmp_path / "model-card.yaml").write_text(text)
    proc = run_cli("check", "--format", "concise", "model-card.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, f"model-card.yaml:{expected}\n", "")
