"""JSON syntax errors: one P001 at the exact line:column, in plain words."""

from __future__ import annotations

import pytest

from cardlint import lint_text
from helpers import json_findings

CASES = [
    # (text, line, column, message)
    ('{"model_overview": {"model_creator": "a",}}', 1, 41, "trailing comma is not allowed in JSON"),
    ('{\n  "a": [1,\n  2,\n  ]\n}', 3, 4, "trailing comma is not allowed in JSON"),
    ('{\n  // a comment\n  "a": 1\n}', 2, 3, "comments are not allowed in JSON"),
    ('{\n  "a": 1 /* no */\n}', 2, 10, "comments are not allowed in JSON"),
    ("# yaml-ish\n{}", 1, 1, "comments are not allowed in JSON"),
    ("{'model_overview': {}}", 1, 2, "strings must be in double quotes in JSON"),
    ("{\"a\": 'x'}", 1, 7, "strings must be in double quotes in JSON"),
    ('{"a": "never closed', 1, 7, "unterminated string"),
    ('{"a": "line\nbreak"}', 1, 12, "control character U+000A must be escaped in a JSON string"),
    ('{"a": NaN}', 1, 7, "NaN is not valid JSON (numbers must be finite)"),
    ('{\n "a": [1, Infinity]}', 2, 11, "Infinity is not valid JSON (numbers must be finite)"),
    ('{"a": -Infinity}', 1, 7, "-Infinity is not valid JSON (numbers must be finite)"),
    ('{"NaN": "NaN", "b": NaN}', 1, 21, "NaN is not valid JSON (numbers must be finite)"),
    ("{} {}", 1, 4, "unexpected text after the end of the JSON value"),
    ('{"a" 1}', 1, 6, 'expected ":" after the property name, found "1"'),
]


@pytest.mark.parametrize(("text", "line", "column", "message"), CASES)
def test_json_syntax_error_position_and_message(
    text: str, line: int, column: int, message: str
) -> None:
    [d] = lint_text(text, filename="card.json")
    assert (d.code, d.pointer, d.span.line, d.span.column, d.message) == (
        "P001",
        "",
        line,
        column,
        message,
    )


def test_error_at_end_of_text_stays_inside_it() -> None:
    [d] = lint_text("{", filename="card.json")
    assert (d.code, d.span.line, d.span.column) == ("P001", 1, 2)
    assert d.span.start <= d.span.end <= 1


def test_columns_count_characters_not_bytes() -> None:
    [d] = lint_text('{"é€😀": "x",}', filename="card.json")
    assert (d.code, d.span.line, d.span.column) == ("P001", 1, 12)  # the comma


def test_cli_reports_syntax_error_with_position(tmp_path) -> None:
    path = tmp_path / "model-card.json"
    path.write_text('{\n  "model_overview": {\n    "model_creator": "a",\n  }\n}\n')
    assert json_findings(str(path)) == [("P001", "", 3, 25)]
