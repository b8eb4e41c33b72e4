"""Empty files, white space only, and top levels that are not objects (P004)."""

from __future__ import annotations

import pytest

from cardlint import lint_text
from helpers import findings, run_cli


@pytest.mark.parametrize("filename", ["card.json", "card.yaml"])
@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\r\n"])
def test_empty_or_blank_file_is_p004_at_1_1(text: str, filename: str) -> None:
    assert findings(text, filename) == [("P004", "", 1, 1)]


def test_empty_file_message_names_the_problem() -> None:
    [d] = lint_text("", filename="card.json")
    assert d.message == "empty file: a model card must be a JSON object"
    [d] = lint_text("", filename="card.yaml")
    assert d.message == "empty file: a model card must be an object"


@pytest.mark.parametrize(
    ("text", "filename", "kind"),
    [
        ("[]", "card.json", "an array"),
        ('[{"model_overview": {}}]', "card.json", "an array"),
        ('"model card"', "card.json", "a string"),
        ("42", "card.json", "a number"),
        ("-1.5e3", "card.json", "a number"),
        ("true", "card.json", "a boolean"),
        ("- a\n- b\n", "card.yaml", "an array"),
        ("just text\n", "card.yaml", "a string"),
        ("3.14\n", "card.yaml", "a number"),
    ],
)
def test_top_level_not_an_object(text: str, filename: str, kind: str) -> None:
    [d] = lint_text(text, filename=filename)
    assert (d.code, d.pointer, d.span.line, d.span.column) == ("P004", "", 1, 1)
    assert d.message == f"the top level must be an object, not {kind}"


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("null", "card.json"),
        ("null\n", "card.yaml"),
        ("~\n", "card.yaml"),
        ("# only a comment\n", "card.yaml"),
    ],
)
def test_null_top_level_is_an_empty_card(text: str, filename: str) -> None:
    [d] = lint_text(text, filename=filename)
    assert (d.code, d.span.line, d.span.column) == ("P004", 1, 1)
    assert d.message == "empty file: a model card must be an object"


def test_cli_reports_empty_and_array_files(tmp_path) -> None:
    (tmp_path / "empty-model-card.json").write_text("")
    (tmp_path / "list-model-card.yaml").write_text("- 1\n")
    proc = run_cli("check", "--no-color", "-q", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{tmp_path}/empty-model-card.json:1:1: P004 "
        "empty file: a model card must be a JSON object",
        f"{tmp_path}/list-model-card.yaml:1:1: P004 the top level must be an object, not an array",
    ]
    assert "Traceback" not in proc.stderr
