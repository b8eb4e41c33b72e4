"""The Python API plans files as ``cardlint check`` does: one file planner, one configuration.

``lint_paths`` finds the configuration nearest each file and applies ``ignore``, ``select``,
``per-file-ignores``, ``per-file-schema`` and ``exclude``; its ``settings`` and ``schema``
arguments act as command-line options do (over the configuration, field by field).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardlint import lint_paths, lint_text
from cardlint.check.result import UsageError
from cardlint.core.diagnostics import Severity
from cardlint.core.settings import Settings
from cardlint.running.config import ConfigError
from helpers import repo, run_cli

CARD = "intended_uses:\n  risk_rating: high\nmodel_overview:\n  model_creator: yes\n  bogus: 1\n"
# A model package's card holding two fields only standalone model cards have: auto picks
# model-card (no finding); against model-package each of the two is an S004.
MISTAKEN = (
    '{"model_overview": {"model_creator": "Churn team", "model_owner": "Retention analytics",'
    ' "problem_type": "Binary classification"}, "intended_uses": {"risk_rating": "Low"}}\n'
)


def found(*paths: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(d.path, d.code) for d in lint_paths(list(paths), **kwargs)]  # type: ignore[arg-type]


def checked(*args: str, cwd: Path) -> list[tuple[str, str]]:
    """What ``cardlint check`` reports, as ``found`` lists it."""
    proc = run_cli("check", "--no-cache", "--format", "json", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return [(d["file"], d["code"]) for d in json.loads(proc.stdout)["diagnostics"]]


def test_ignore_in_pyproject_is_honoured_as_check_honours_it(tmp_path, monkeypatch):
    root = repo(
        tmp_path,
        {"pyproject.toml": '[tool.cardlint]\nignore = ["S004"]\n', "model-card.yaml": CARD},
    )
    monkeypatch.chdir(root)
    assert found(".") == [("./model-card.yaml", "S002"), ("./model-card.yaml", "Y001")]
    assert found(".") == checked(".", cwd=root)


def test_select_and_per_file_ignores_in_a_nested_configuration(tmp_path, monkeypatch):
    root = repo(
        tmp_path,
        {
            "cardlint.toml": 'select = ["S"]\n[per-file-ignores]\n"drafts/*" = ["S002"]\n',
            "cards/model-card.yaml": CARD,
            "drafts/model-card.yaml": CARD,
            "other/cardlint.toml": 'ignore = ["S004"]\n',
            "other/model-card.yaml": CARD,
        },
    )
    monkeypatch.chdir(root)
    assert found("cards", "drafts", "other") == [
        ("cards/model-card.yaml", "S002"),
        ("cards/model-card.yaml", "S004"),
        ("drafts/model-card.yaml", "S004"),
        ("other/model-card.yaml", "S002"),
        ("other/model-card.yaml", "Y001"),
    ]
    assert found("cards", "drafts", "other") == checked("cards", "drafts", "other", cwd=root)


def test_per_file_schema_is_honoured(tmp_path, monkeypatch):
    root = repo(
        tmp_path,
        {
            "cardlint.toml": '[per-file-schema]\n"pinned/*" = "model-package"\n',
            "pinned/churn-model-card.json": MISTAKEN,
            "free/churn-model-card.json": MISTAKEN,
        },
    )
    monkeypatch.chdir(root)
    expected = [("pinned/churn-model-card.json", "S004")] * 2
    assert found("free", "pinned") == expected == checked("free", "pinned", cwd=root)


def test_exclude_skips_what_a_search_finds_not_what_is_named(tmp_path, monkeypatch):
    root = repo(
        tmp_path,
        {
            "pyproject.toml": '[tool.cardlint]\nexclude = ["legacy"]\nselect = ["S002"]\n',
            "cards/model-card.yaml": CARD,
            "legacy/model-card.yaml": CARD,
        },
    )
    monkeypatch.chdir(root)
    assert found(".") == [("./cards/model-card.yaml", "S002")] == checked(".", cwd=root)
    named = "legacy/model-card.yaml"
    assert found(named) == [(named, "S002")] == checked(named, cwd=root)


def test_include_and_gitignore_as_the_search_of_check(tmp_path, monkeypatch):
    root = repo(
        tmp_path,
        {
            "pyproject.toml": '[tool.cardlint]\ninclude = ["*.card.yaml"]\nselect = ["S002"]\n',
            ".gitignore": "build/\n",
            "a.card.yaml": CARD,
            "model-card.yaml": CARD,  # not an included name here
            "build/b.card.yaml": CARD,
        },
    )
    monkeypatch.chdir(root)
    assert found(".") == [("./a.card.yaml", "S002")] == checked(".", cwd=root)


def test_explicit_settings_act_as_command_line_options(tmp_path, monkeypatch):
    root = repo(
        tmp_path,
        {
            "cardlint.toml": (
                'ignore = ["Y001"]\n[severity]\nS002 = "warning"\n'
                '[per-file-schema]\n"*.json" = "model-card"\n'
            ),
            "model-card.yaml": CARD,
            "churn-model-card.json": MISTAKEN,
        },
    )
    monkeypatch.chdir(root)
    # ignore adds to the configuration's, as --ignore does
    assert (
        found("model-card.yaml", settings=Settings(ignore=("S004",)))
        == [("model-card.yaml", "S002")]
        == checked("--ignore", "S004", "model-card.yaml", cwd=root)
    )
    # select replaces the configuration's selection and its ignore, as --select does
    assert (
        found("model-card.yaml", settings=Settings(select=("Y", "S004")))
        == [
            ("model-card.yaml", "Y001"),
            ("model-card.yaml", "S004"),
        ]
        == checked("--select", "Y,S004", "model-card.yaml", cwd=root)
    )
    # extend-select beats the configuration's ignore, as --extend-select does
    assert found("model-card.yaml", settings=Settings(extend_select=("Y001",))) == checked(
        "--extend-select", "Y001", "model-card.yaml", cwd=root
    )
    assert ("model-card.yaml", "Y001") in found(
        "model-card.yaml", settings=Settings(extend_select=("Y001",))
    )
    # a severity given wins over the configuration's for that code
    [s002] = [d for d in lint_paths(["model-card.yaml"]) if d.code == "S002"]
    assert s002.severity is Severity.WARNING
    loud = Settings(severities={"S002": Severity.INFO})
    [s002] = [d for d in lint_paths(["model-card.yaml"], settings=loud) if d.code == "S002"]
    assert s002.severity is Severity.INFO
    # schema wins over per-file-schema, as --schema does; settings.schema too
    assert found("churn-model-card.json") == []
    expected = [("churn-model-card.json", "S004")] * 2
    assert found("churn-model-card.json", schema="model-package") == expected
    assert found("churn-model-card.json", settings=Settings(schema="model-package")) == expected
    assert expected == checked("--schema", "model-package", "churn-model-card.json", cwd=root)


def test_default_settings_change_nothing_the_configuration_says(tmp_path, monkeypatch):
    root = repo(
        tmp_path,
        {"cardlint.toml": 'select = ["S002"]\n', "model-card.yaml": CARD},
    )
    monkeypatch.chdir(root)
    assert found(".", settings=Settings()) == found(".") == [("./model-card.yaml", "S002")]


def test_a_bad_configuration_and_a_missing_named_path_raise(tmp_path, monkeypatch):
    root = repo(tmp_path, {"cardlint.toml": 'ignore = ["S0O4"]\n', "model-card.yaml": CARD})
    monkeypatch.chdir(root)
    with pytest.raises(ConfigError, match="S0O4"):
        lint_paths(["."])
    with pytest.raises(UsageError, match="no-such: no such file or directory"):
        lint_paths([tmp_path / "no-such"])


def test_lint_text_reads_no_configuration_and_its_schema_argument_wins(tmp_path, monkeypatch):
    root = repo(tmp_path, {"cardlint.toml": 'select = ["S002"]\n'})
    monkeypatch.chdir(root)
    assert [d.code for d in lint_text(CARD, filename="model-card.yaml")] == [
        "S002",
        "Y001",
        "S004",
    ]
    pinned = Settings(schema="model-package")
    assert [d.code for d in lint_text(MISTAKEN, filename="c.json", settings=pinned)] == [
        "S004",
        "S004",
    ]
    assert lint_text(MISTAKEN, filename="c.json", settings=pinned, schema="model-card") == []
