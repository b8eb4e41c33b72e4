"""The schema choice, explained and pinned (issue 13, item 10).

``--schema auto`` checks a card with two or more fields only standalone model cards have as
``model-card``; ``--verbose`` and the JSON report name those fields, so a model-package card
that holds two of them by mistake is not checked against the wrong schema unnoticed. The schema
is pinned per directory (``schema`` in the configuration) and per file
(``[tool.cardlint.per-file-schema]`` globs, the last that matches wins).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardlint.check.engine import check_text
from cardlint.running.config import ConfigError, load_config
from helpers import run_cli

CHOSE = "which --schema auto chose for fields only standalone model cards have"
OWNER_AND_TYPE = ("/model_overview/model_owner", "/model_overview/problem_type")

# A model package's card that holds two standalone-only fields by mistake.
MISTAKEN_JSON = """\
{
  "model_overview": {
    "model_creator": "Churn team",
    "model_owner": "Retention analytics",
    "problem_type": "Binary classification"
  },
  "intended_uses": {"risk_rating": "Low"}
}
"""
MISTAKEN_YAML = """\
model_overview:
  model_creator: Churn team
  model_owner: Retention analytics
  problem_type: Binary classification
intended_uses:
  risk_rating: Low
"""
S004_OWNER = (
    'unknown property "model_owner" in model_overview (did you mean "model_creator"?); '
    'allowed: model_creator, model_artifact; only standalone model cards have "model_owner": '
    'check one with schema = "model-card" in the configuration or --schema model-card'
)
S004_TYPE = (
    'unknown property "problem_type" in model_overview; allowed: model_creator, '
    'model_artifact; only standalone model cards have "problem_type": check one with '
    'schema = "model-card" in the configuration or --schema model-card'
)


def repo(tmp_path: Path, config: str | None = None) -> Path:
    (tmp_path / ".git").mkdir()
    if config is not None:
        (tmp_path / "cardlint.toml").write_text(config, encoding="utf-8")
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "churn-model-card.json").write_text(MISTAKEN_JSON, encoding="utf-8")
    (cards / "churn-model-card.yaml").write_text(MISTAKEN_YAML, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("filename", "text"), [("c.json", MISTAKEN_JSON), ("c.yaml", MISTAKEN_YAML)]
)
def test_the_fields_that_chose_model_card_are_on_the_result(filename: str, text: str) -> None:
    result = check_text(text, filename)
    assert (result.schema, result.schema_chosen_by) == ("model-card", OWNER_AND_TYPE)


def test_a_named_or_host_implied_schema_was_chosen_by_no_field() -> None:
    from cardlint.core.settings import Settings

    named = check_text(MISTAKEN_JSON, "c.json", Settings(schema="model-card"))
    assert (named.schema, named.schema_chosen_by) == ("model-card", ())
    one = check_text('{"model_overview": {"model_owner": "a"}}', "c.json")
    assert (one.schema, one.schema_chosen_by) == ("model-package", ())
    request = json.dumps({"ModelCardName": "n", "Content": MISTAKEN_JSON})
    hosted = check_text(request, "create-model-card.json")
    assert (hosted.schema, hosted.schema_chosen_by) == ("model-card", ())


def test_verbose_and_json_name_the_deciding_fields_also_from_the_cache(tmp_path: Path) -> None:
    root = repo(tmp_path)
    cache = str(tmp_path / "cache")
    expected = [
        f"cards/churn-model-card.json: checked against model-card, {CHOSE}: "
        "/model_overview/model_owner, /model_overview/problem_type",
        f"cards/churn-model-card.yaml: checked against model-card, {CHOSE}: "
        "/model_overview/model_owner, /model_overview/problem_type",
        "All checks passed (2 files checked).",
    ]
    for _ in range(2):  # the second run answers from the cache
        proc = run_cli("check", "-v", "--cache-dir", cache, "cards", cwd=root)
        assert proc.returncode == 0, proc.stdout
        assert proc.stdout.splitlines() == expected
    for _ in range(2):
        proc = run_cli("check", "--format", "json", "--cache-dir", cache, "cards", cwd=root)
        assert json.loads(proc.stdout)["files"] == [
            {
                "file": f"cards/churn-model-card.{ext}",
                "schema": "model-card",
                "schema_chosen_by": list(OWNER_AND_TYPE),
            }
            for ext in ("json", "yaml")
        ]


def test_per_file_schema_pins_a_mistaken_card_to_model_package(tmp_path: Path) -> None:
    root = repo(
        tmp_path,
        '[per-file-schema]\n"cards/churn-model-card.*" = "model-package"\n',
    )
    proc = run_cli("check", "-v", "--format", "text", "cards", cwd=root)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "cards/churn-model-card.json: checked against model-package",
        f"cards/churn-model-card.json:4:5: S004 {S004_OWNER}",
        f"cards/churn-model-card.json:5:5: S004 {S004_TYPE}",
        "cards/churn-model-card.yaml: checked against model-package",
        f"cards/churn-model-card.yaml:3:3: S004 {S004_OWNER}",
        f"cards/churn-model-card.yaml:4:3: S004 {S004_TYPE}",
        "Found 4 errors, 0 warnings in 2 files (2 files checked).",
    ]
    proc = run_cli("check", "--format", "json", "cards/churn-model-card.yaml", cwd=root)
    document = json.loads(proc.stdout)
    assert document["files"] == [
        {"file": "cards/churn-model-card.yaml", "schema": "model-package", "schema_chosen_by": []}
    ]
    assert [(d["code"], d["pointer"], d["line"], d["column"]) for d in document["diagnostics"]] == [
        ("S004", "/model_overview/model_owner", 3, 3),
        ("S004", "/model_overview/problem_type", 4, 3),
    ]


def test_the_last_matching_pattern_wins_and_the_directory_schema_applies_elsewhere(
    tmp_path: Path,
) -> None:
    root = repo(
        tmp_path,
        'schema = "model-package"\n'
        "[per-file-schema]\n"
        '"cards/*" = "model-package"\n'
        '"*.yaml" = "model-card"\n',
    )
    proc = run_cli("check", "-v", "-q", "cards", cwd=root)
    assert [line for line in proc.stdout.splitlines() if "checked against" in line] == [
        "cards/churn-model-card.json: checked against model-package",
        "cards/churn-model-card.yaml: checked against model-card",
    ]


def test_the_command_line_schema_wins_over_per_file_schema(tmp_path: Path) -> None:
    root = repo(tmp_path, '[per-file-schema]\n"cards/*" = "model-package"\n')
    proc = run_cli("check", "-v", "--schema", "model-card", "cards", cwd=root)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[:2] == [
        "cards/churn-model-card.json: checked against model-card",
        "cards/churn-model-card.yaml: checked against model-card",
    ]


def test_a_per_file_schema_file_is_relative_to_the_configuration(tmp_path: Path) -> None:
    root = repo(tmp_path, '[per-file-schema]\n"cards/*.json" = "schemas/mine.json"\n')
    (root / "schemas").mkdir()
    (root / "schemas" / "mine.json").write_text('{"type": "object", "required": ["x"]}')
    config = load_config(str(root / "cardlint.toml"))
    assert config.schema_for(str(root / "cards" / "churn-model-card.json")) == str(
        root / "schemas" / "mine.json"
    )
    assert config.schema_for(str(root / "cards" / "churn-model-card.yaml")) is None
    proc = run_cli("check", "-q", "cards/churn-model-card.json", cwd=root)
    assert proc.stdout.splitlines() == [
        'cards/churn-model-card.json:1:1: S003 the card is missing the required property "x"'
    ]


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        (
            '"cards/*" = "model-cards"',
            'per-file-schema."cards/*": unknown schema "model-cards"; use one of '
            "model-package, model-card, auto or a file",
        ),
        (
            '"cards/*" = 3',
            'per-file-schema."cards/*": expected a schema name or file, got a number 3',
        ),
    ],
)
def test_a_bad_per_file_schema_is_one_line_and_exit_2(
    tmp_path: Path, table: str, problem: str
) -> None:
    root = repo(tmp_path, f"[per-file-schema]\n{table}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(str(root / "cardlint.toml"))
    assert str(caught.value) == f"{root / 'cardlint.toml'}: {problem}"
    proc = run_cli("check", "cards", cwd=root)
    assert proc.returncode == 2
    assert proc.stderr == f"cardlint: error: {root / 'cardlint.toml'}: {problem}\n"


def test_the_language_server_reads_per_file_schema(tmp_path: Path) -> None:
    pytest.importorskip("pygls", reason="the lsp extra is not installed")
    from lsp_client import LspClient

    root = repo(tmp_path, 'select = ["S"]\n[per-file-schema]\n"cards/*" = "model-package"\n')
    uri = (root / "cards" / "churn-model-card.yaml").as_uri()
    client = LspClient()
    try:
        client.initialize()
        client.open(uri, MISTAKEN_YAML)
        published = client.wait_for("textDocument/publishDiagnostics", uri)
        assert [
            (d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"], d["message"])
            for d in published["diagnostics"]
        ] == [("S004", 2, 2, S004_OWNER), ("S004", 3, 2, S004_TYPE)]
    finally:
        client.close()
