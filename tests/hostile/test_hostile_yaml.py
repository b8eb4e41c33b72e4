"""YAML: syntax errors at line:column, several documents, tags (nothing constructed or run),
merge keys."""

from __future__ import annotations

import pytest

from cardlint import lint_text
from helpers import json_findings, run_cli

SYNTAX = [
    (
        "model_overview:\n\tmodel_creator: a\n",
        2,
        1,
        "tab character used for indentation: YAML indents with spaces only",
    ),
    (
        "model_overview:\n  model_creator: a\n\tmodel_artifact: []\n",
        3,
        1,
        "tab character used for indentation: YAML indents with spaces only",
    ),
    (
        "model_overview:\n  model_creator: a\n model_artifact: []\n",
        3,
        2,
        "did not find expected key: line 3 is indented 1 space, matching no mapping above it "
        "(keys at 0 or 2 spaces); indent the keys of one mapping equally",
    ),
    (
        "model_overview:\n    model_creator: a\n  model_artifact: []\n",
        3,
        3,
        "did not find expected key: line 3 is indented 2 spaces, matching no mapping above it "
        "(keys at 0 or 4 spaces); indent the keys of one mapping equally",
    ),
    (
        "model_overview: {model_creator: a\nintended_uses: {}\n",
        2,
        14,
        """did not find expected ',' or '}': close the "{" opened on line 1, column 17, """
        """or separate its items with ",\"""",
    ),
    (
        "model_overview:\n  model_artifact: [a, b\n",
        3,
        1,
        """did not find expected ',' or ']': close the "[" opened on line 2, column 19, """
        """or separate its items with ",\"""",
    ),
    (
        'model_overview:\n  model_creator: "unclosed\n',
        3,
        1,
        "found unexpected end of stream: the quote opened on line 2, column 18 is never closed",
    ),
    (
        "a: b: c\n",
        1,
        5,
        'mapping values are not allowed in this context: a value holding ": " must be quoted, '
        'as in a: "b: c"',
    ),
]


@pytest.mark.parametrize(("text", "line", "column", "message"), SYNTAX)
def test_yaml_syntax_error_position_and_message(
    text: str, line: int, column: int, message: str
) -> None:
    [d] = lint_text(text, filename="card.yaml")
    assert (d.code, d.pointer, d.span.line, d.span.column, d.message) == (
        "P001",
        "",
        line,
        column,
        message,
    )


def test_yaml_positions_count_characters_after_non_ascii() -> None:
    [d] = lint_text("model_overview:\n  model_creator: ééé€😀: x\n", filename="card.yaml")
    assert (d.code, d.span.line, d.span.column) == ("P001", 2, 23)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("model_overview: {}\n---\nintended_uses: {}\n", 2, 1),
        ("---\nmodel_overview: {}\n...\n---\nintended_uses: {}\n", 4, 1),
        ("--- {}\n--- {}\n", 2, 1),
    ],
)
def test_several_documents_are_p007(text: str, line: int, column: int) -> None:
    [d] = lint_text(text, filename="card.yaml")
    assert (d.code, d.span.line, d.span.column) == ("P007", line, column)
    assert d.message == "more than one YAML document: a card file holds exactly one"


@pytest.mark.parametrize(
    ("tag_text", "shown"),
    [
        ("!!python/object/apply:os.system ['touch {marker}']", "!!python/object/apply:os.system"),
        ("!!python/object/new:os.system ['touch {marker}']", "!!python/object/new:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/module:os", "!!python/module:os"),
        ("!!python/tuple [1, 2]", "!!python/tuple"),
        ("!Ref Something", "!Ref"),
        ("!<tag:example.com,2000:app/foo> x", "tag:example.com,2000:app/foo"),
    ],
)
def test_unsafe_and_unknown_tags_are_p006_and_nothing_runs(tmp_path, tag_text, shown) -> None:
    marker = tmp_path / "executed"
    text = f"model_overview:\n  model_creator: {tag_text.format(marker=marker)}\n"
    [d] = lint_text(text, filename="card.yaml")
    assert (d.code, d.span.line, d.span.column) == ("P006", 2, 18)
    assert d.message == (
        f"YAML tag {shown} is not allowed: cardlint loads YAML safely and constructs no objects"
    )
    assert not marker.exists()


def test_cli_python_tag_executes_nothing(tmp_path) -> None:
    marker = tmp_path / "executed"
    card = tmp_path / "model-card.yaml"
    card.write_text(
        f"model_overview:\n  model_creator: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    assert json_findings(str(card)) == [("P006", "", 2, 18)]
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!binary aGk=", "!!set {a, b}", "!!omap [a: 1]"])
def test_yaml_types_without_json_equivalent_are_p006(tag: str) -> None:
    [d] = lint_text(f"model_overview:\n  model_creator: {tag}\n", filename="card.yaml")
    assert (d.code, d.span.line, d.span.column) == ("P006", 2, 18)
    assert d.message.endswith("cannot be represented in JSON")


def test_merge_key_is_a_p011_warning_at_the_key() -> None:
    text = (
        "x-defaults: &defaults\n  model_creator: ml-team\n"
        "model_overview:\n  <<: *defaults\n  model_artifact: []\n"
    )
    found = [
        (d.code, d.severity.value, d.pointer, d.span.line, d.span.column)
        for d in lint_text(text, filename="card.yaml")
    ]
    assert ("P011", "warning", "/model_overview", 4, 3) in found
    assert [f[0] for f in found].count("P011") == 1


def test_cli_yaml_syntax_error_exit_1(tmp_path) -> None:
    card = tmp_path / "model-card.yaml"
    card.write_text("model_overview:\n\tmodel_creator: a\n")
    proc = run_cli("check", "-q", str(card))
    assert proc.returncode == 1
    assert proc.stdout == (
        f"{card}:2:1: P001 tab character used for indentation: YAML indents with spaces only\n"
    )
    assert proc.stderr == ""
