"""Configuration files: discovery, precedence, every key, and one-line errors (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardlint.core.diagnostics import Severity
from cardlint.core.settings import Settings
from cardlint.running.config import Overrides, Resolver, load_config
from cardlint.running.globs import glob_match
from helpers import repo, run_cli

CARD = "intended_uses:\n  risk_rating: high\nmodel_overview:\n  model_creator: yes\n  bogus: 1\n"
S002 = 'S002 risk_rating "high" is not one of High, Medium, Low, Unknown (did you mean "High"?)'
Y001 = (
    "Y001 model_creator is written yes, which YAML 1.1 reads as a boolean true; quote it "
    '("yes") to keep the string'
)
S004 = 'S004 unknown property "bogus" in model_overview; allowed: model_creator, model_artifact'
S004W = S004.replace("S004 ", "S004 [warning] ")


def concise(*args: str, cwd: Path, stdin: str | None = None) -> tuple[int, list[str]]:
    proc = run_cli("check", "--format", "concise", *args, cwd=cwd, stdin=stdin)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, proc.stdout.splitlines()


def test_pyproject_table_found_from_a_subdirectory(tmp_path):
    root = repo(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.cardlint]\nignore = ["Y001"]\n',
            "cards/a/model-card.yaml": CARD,
        },
    )
    assert concise("model-card.yaml", cwd=root / "cards" / "a") == (
        1,
        [f"model-card.yaml:2:16: {S002}", f"model-card.yaml:5:3: {S004}"],
    )


def test_nearest_configuration_wins_and_files_in_one_directory_have_an_order(tmp_path):
    root = repo(
        tmp_path,
        {
            "pyproject.toml": '[tool.cardlint]\nignore = ["Y001"]\n',
            "cards/cardlint.toml": 'ignore = ["S002"]\n',
            "cards/model-card.yaml": CARD,
            "other/model-card.yaml": CARD,
        },
    )
    assert concise(".", cwd=root)[1] == [
        f"./cards/model-card.yaml:4:18: {Y001}",
        f"./cards/model-card.yaml:5:3: {S004}",
        f"./other/model-card.yaml:2:16: {S002}",
        f"./other/model-card.yaml:5:3: {S004}",
    ]
    (root / "cards" / ".cardlint.toml").write_text('ignore = ["S004"]\n')
    assert concise("cards", cwd=root)[1] == [
        f"cards/model-card.yaml:2:16: {S002}",
        f"cards/model-card.yaml:4:18: {Y001}",
    ]


def test_pyproject_without_a_cardlint_table_is_passed_over(tmp_path):
    root = repo(
        tmp_path,
        {
            "cardlint.toml": 'ignore = ["S"]\n',
            "sub/pyproject.toml": '[project]\nname = "sub"\n',
            "sub/model-card.yaml": CARD,
        },
    )
    assert concise("sub", cwd=root)[1] == [f"sub/model-card.yaml:4:18: {Y001}"]


def test_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / "cardlint.toml").write_text('ignore = ["S", "Y"]\n')
    root = repo(tmp_path, {"model-card.yaml": CARD})
    assert len(concise(".", cwd=root)[1]) == 3


def test_config_option_and_isolated(tmp_path):
    root = repo(
        tmp_path,
        {
            "cardlint.toml": 'ignore = ["S"]\n',
            "elsewhere/strict.toml": 'select = ["S002"]\n',
            "model-card.yaml": CARD,
        },
    )
    assert concise(".", cwd=root)[1] == [f"./model-card.yaml:4:18: {Y001}"]
    assert concise("--config", "elsewhere/strict.toml", ".", cwd=root)[1] == [
        f"./model-card.yaml:2:16: {S002}"
    ]
    assert len(concise("--isolated", ".", cwd=root)[1]) == 3
    proc = run_cli("check", "--isolated", "--config", "cardlint.toml", ".", cwd=root)
    assert proc.returncode == 2
    assert "--config and --isolated cannot be used together" in proc.stderr


def test_command_line_wins(tmp_path):
    root = repo(
        tmp_path,
        {
            "cardlint.toml": 'select = ["S002"]\nignore = ["Y001"]\nfail-on = "warning"\n'
            '[severity]\nS002 = "warning"\n',
            "model-card.yaml": CARD,
        },
    )
    assert concise(".", cwd=root) == (
        1,
        [f"./model-card.yaml:2:16: {S002}".replace("S002 ", "S002 [warning] ")],
    )
    # --fail-on on the command line beats fail-on in the file
    assert concise("--fail-on", "error", ".", cwd=root)[0] == 0
    # --select replaces the file's selection (and its ignore list)
    assert concise("--select", "Y,S004", ".", cwd=root)[1] == [
        f"./model-card.yaml:4:18: {Y001}",
        f"./model-card.yaml:5:3: {S004}",
    ]
    # --extend-select adds to the file's selection, even what the file ignores
    assert concise("--extend-select", "Y001", ".", cwd=root)[1] == [
        f"./model-card.yaml:2:16: {S002}".replace("S002 ", "S002 [warning] "),
        f"./model-card.yaml:4:18: {Y001}",
    ]


def test_per_file_ignores_severity_exclude_include(tmp_path):
    root = repo(
        tmp_path,
        {
            "pyproject.toml": "\n".join(
                [
                    "[tool.cardlint]",
                    'include = ["*.card.yaml"]',
                    'exclude = ["legacy"]',
                    "[tool.cardlint.per-file-ignores]",
                    '"drafts/*.yaml" = ["S002", "Y"]',
                    "[tool.cardlint.severity]",
                    'S004 = "warning"',
                ]
            ),
            "a.card.yaml": CARD,
            "drafts/b.card.yaml": CARD,
            "drafts/deeper/c.card.yaml": CARD,
            "legacy/d.card.yaml": CARD,
            "model-card.yaml": CARD,  # not matched by include
        },
    )
    assert concise(".", cwd=root)[1] == [
        f"./a.card.yaml:2:16: {S002}",
        f"./a.card.yaml:4:18: {Y001}",
        f"./a.card.yaml:5:3: {S004W}",
        f"./drafts/b.card.yaml:5:3: {S004W}",
        f"./drafts/deeper/c.card.yaml:2:16: {S002}",
        f"./drafts/deeper/c.card.yaml:4:18: {Y001}",
        f"./drafts/deeper/c.card.yaml:5:3: {S004W}",
    ]
    # a file named on the command line is linted unless --force-exclude (as pre-commit passes)
    assert len(concise("legacy/d.card.yaml", cwd=root)[1]) == 3
    proc = run_cli("check", "--force-exclude", "legacy/d.card.yaml", cwd=root)
    assert (proc.returncode, proc.stdout) == (0, "")


def test_stdin_filename_applies_that_paths_configuration(tmp_path):
    root = repo(
        tmp_path,
        {"cards/cardlint.toml": 'ignore = ["S002", "S004"]\n', "cards/model-card.yaml": ""},
    )
    assert concise("--stdin-filename", "cards/model-card.yaml", "-", cwd=root, stdin=CARD)[1] == [
        f"cards/model-card.yaml:4:18: {Y001}"
    ]
    assert len(concise("--stdin-filename", "x.yaml", "-", cwd=root, stdin=CARD)[1]) == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'selct = ["S"]',
            'selct: unknown key (did you mean "select"?); known keys: schema, include, exclude, '
            "select, ignore, extend-select, per-file-ignores, per-file-schema, severity, "
            "options, fail-on",
        ),
        (
            'select = ["Q9"]',
            'select: "Q9" is not a rule code or prefix (`cardlint rules` lists them)',
        ),
        ('ignore = "S002"x', "invalid TOML: Expected newline or end of document after a statement"),
        ("exclude = 3", "exclude: expected a list of strings, got a number 3"),
        ('fail-on = "fatal"', 'fail-on: "fatal" is not one of error, warning, info'),
        ('severity = {S002 = "loud"}', 'severity.S002: "loud" is not one of error, warning, info'),
        ('severity = {Q123 = "error"}', 'severity.Q123: "Q123" is not a rule code'),
        ('per-file-ignores = {"a/*" = ["ZZ"]}', 'per-file-ignores."a/*": "ZZ" is not a rule code'),
        ('per-file-ignores = ["a"]', "per-file-ignores: expected a table, got an array"),
        ("options = {colour = [1]}", "options.colour: unknown option; known options: "),
        ("options = {placeholder-words = [1]}", "options.placeholder-words: expected a list of"),
        ('schema = "nope"', 'schema: unknown schema "nope"; use one of '),
        ('schema = "missing.json"', "schema: no such schema file "),
    ],
)
def test_bad_key_or_value_is_one_line_naming_file_and_key(tmp_path, text, message):
    root = repo(tmp_path, {"cardlint.toml": text + "\n", "model-card.yaml": CARD})
    proc = run_cli("check", ".", cwd=root)
    assert proc.returncode == 2
    assert proc.stdout == ""
    [line] = proc.stderr.splitlines()
    assert line.startswith(f"cardlint: error: {root / 'cardlint.toml'}: {message}")


def test_pyproject_errors_name_the_table(tmp_path):
    root = repo(
        tmp_path, {"pyproject.toml": "[tool.cardlint]\nfail-on = 1\n", "model-card.yaml": ""}
    )
    proc = run_cli("check", ".", cwd=root)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"cardlint: error: {root / 'pyproject.toml'}: [tool.cardlint] fail-on: "
        "a number 1 is not one of error, warning, info\n"
    )


def test_missing_config_file_is_a_usage_error(tmp_path):
    root = repo(tmp_path, {"model-card.yaml": CARD})
    proc = run_cli("check", "--config", "nope.toml", ".", cwd=root)
    assert proc.returncode == 2
    assert proc.stderr == "cardlint: error: nope.toml: cannot read: No such file or directory\n"


def test_options_and_schema_reach_the_settings(tmp_path):
    root = repo(
        tmp_path,
        {
            "cardlint.toml": 'schema = "schemas/card.json"\n'
            '[options]\nplaceholder-words = ["TODO", "TBC"]\n',
            "schemas/card.json": "{}",
        },
    )
    settings = Resolver(Settings(), Overrides()).settings_for(str(root / "model-card.yaml"))
    assert settings.options == {"placeholder_words": ("TODO", "TBC")}
    assert settings.schema == str(root / "schemas" / "card.json")
    explicit = Resolver(Settings(), Overrides(schema="model-package"))
    assert explicit.settings_for(str(root / "x.yaml")).schema == "model-package"


def test_settings_are_shared_between_files_with_the_same_configuration(tmp_path):
    root = repo(tmp_path, {"cardlint.toml": 'fail-on = "info"\n'})
    resolver = Resolver(Settings(), Overrides())
    first = resolver.settings_for(str(root / "a.yaml"))
    assert first is resolver.settings_for(str(root / "b.yaml"))
    assert first.fail_on is Severity.INFO
    assert load_config(str(root / "cardlint.toml")).fail_on is Severity.INFO


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [
        ("legacy/a.yaml", "legacy", True),
        ("x/legacy/a.yaml", "legacy", True),
        ("legacy-not/a.yaml", "legacy", False),
        ("a.yaml", "*.yaml", True),
        ("d/a.yaml", "*.yaml", True),
        ("d/a.yaml", "d/*.yaml", True),
        ("d/e/a.yaml", "d/*.yaml", False),
        ("d/e/a.yaml", "d/**/*.yaml", True),
        ("d/a.yaml", "d/**/*.yaml", True),
        ("x/d/a.yaml", "**/d/*.yaml", True),
        ("d/e/a.yaml", "d/", True),
        ("d/e/a.yaml", "./d/e", True),
    ],
)
def test_glob_match(path, pattern, expected):
    assert glob_match(path, pattern) is expected


def test_fix_uses_each_files_configuration(tmp_path):
    root = repo(tmp_path, {"cardlint.toml": 'ignore = ["Y001", "G"]\n', "model-card.yaml": CARD})
    proc = run_cli("check", "--fix", "--format", "concise", "model-card.yaml", cwd=root)
    assert proc.returncode == 1
    # S002 is fixed; Y001 is ignored by the file, so neither fixed nor reported after the fix
    assert proc.stdout.splitlines() == [f"model-card.yaml:5:3: {S004}"]
    assert (root / "model-card.yaml").read_text() == CARD.replace("high", "High")
