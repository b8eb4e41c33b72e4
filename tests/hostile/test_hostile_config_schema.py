"""A configuration whose schema file cannot be used is a usage error that names the files,
not an internal error (issue 15, item 18)."""

from __future__ import annotations

import pytest

from helpers import run_cli

CARD = '{"intended_uses": {"risk_rating": "High"}}\n'


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        (
            "{not json",
            "cannot parse schema {schema}: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1)",
        ),
        (
            '{"type": 5}',
            "{schema}: not a valid JSON Schema: 5 is not valid under any of the given schemas",
        ),
        ("[1, 2]", "schema {schema} must be a JSON object"),
    ],
)
def test_unparsable_schema_named_by_a_configuration_is_a_usage_error(
    tmp_path, schema: str, problem: str
) -> None:
    (tmp_path / "model-card.json").write_text(CARD)
    (tmp_path / "broken.json").write_text(schema)
    (tmp_path / "pyproject.toml").write_text('[tool.cardlint]\nschema = "broken.json"\n')
    proc = run_cli("check", "model-card.json", cwd=tmp_path)
    assert proc.returncode == 2
    config = tmp_path / "pyproject.toml"
    message = problem.format(schema=tmp_path / "broken.json")
    assert proc.stderr == f"cardlint: error: {config}: [tool.cardlint] schema: {message}\n"
    assert proc.stdout == ""


def test_a_broken_schema_in_a_configuration_the_command_line_overrides_is_not_used(
    tmp_path,
) -> None:
    (tmp_path / "model-card.json").write_text(CARD)
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "cardlint.toml").write_text('schema = "broken.json"\n')
    proc = run_cli("check", "--schema", "model-card", "model-card.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
