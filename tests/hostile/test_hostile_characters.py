"""Lone surrogates and control characters: reported (P013, P014), and no output format
crashes writing them, whether they come from a card or from a file name."""

from __future__ import annotations

import json
import os
import re

import pytest

from cardlint import lint_text
from helpers import run_cli

CARD = '{"model_overview": {"model_creator": "a\\ud800b\\u001b[2J"}, "\\udc00k": 1}'


def formats() -> list[str]:
    """Every --format the command offers (read from --help, so new formats are covered)."""
    text = run_cli("check", "--help").stdout
    match = re.search(r"--format \[([^\]]+)\]", text)
    assert match, text
    return match.group(1).split("|")


def test_lone_surrogate_and_control_character_in_a_value() -> None:
    found = [
        (d.code, d.severity.value, d.pointer, d.span.line, d.span.column, d.message)
        for d in lint_text(CARD, filename="card.json")
        if d.code in ("P013", "P014")
    ]
    assert found == [
        (
            "P013",
            "error",
            "/model_overview/model_creator",
            1,
            38,
            "string contains a lone surrogate U+D800 (character 2): it cannot be encoded as UTF-8",
        ),
        (
            "P014",
            "warning",
            "/model_overview/model_creator",
            1,
            38,
            "string contains control character U+001B (character 4): invisible in most viewers, "
            "and terminals may act on it",
        ),
        (
            "P013",
            "error",
            "/\udc00k",
            1,
            60,
            "key contains a lone surrogate U+DC00 (character 1): it cannot be encoded as UTF-8",
        ),
    ]


def test_surrogate_pairs_tabs_and_line_breaks_are_fine() -> None:
    text = '{"model_overview": {"model_creator": "rocket \\ud83d\\ude80\\tteam\\r\\n"}}'
    assert [d.code for d in lint_text(text, filename="card.json")] == []


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ('model_overview:\n  model_creator: "a\\e[31m"\n', "U+001B"),
        ('model_overview:\n  model_creator: "bell\\a"\n', "U+0007"),
        ('model_overview:\n  model_creator: "nul\\0"\n', "U+0000"),
        ('model_overview:\n  model_creator: "c1\\x9b"\n', "U+009B"),
    ],
)
def test_control_characters_from_yaml_escapes(text: str, char: str) -> None:
    [d] = lint_text(text, filename="card.yaml")
    assert (d.code, d.pointer, d.span.line, d.span.column) == (
        "P014",
        "/model_overview/model_creator",
        2,
        18,
    )
    assert f"control character {char}" in d.message


def test_raw_c1_character_in_json_string() -> None:
    [d] = lint_text('{"model_overview": {"model_creator": "x\x85y"}}', filename="card.json")
    assert (d.code, d.span.column) == ("P014", 38)
    assert "U+0085 (character 2)" in d.message


def test_raw_control_character_is_a_syntax_error() -> None:
    [d] = lint_text('{"model_overview": {"model_creator": "x\x07"}}', filename="card.json")
    assert (d.code, d.span.column, d.message) == (
        "P001",
        40,
        "control character U+0007 must be escaped in a JSON string",
    )
    [d] = lint_text("model_overview:\n  model_creator: x\x07\n", filename="card.yaml")
    assert (d.code, d.span.line, d.span.column, d.message) == (
        "P001",
        2,
        19,
        "character U+0007 is not allowed in YAML",
    )


def test_yaml_surrogate_escape_is_a_syntax_error() -> None:
    [d] = lint_text('model_overview:\n  model_creator: "\\ud800"\n', filename="card.yaml")
    assert (d.code, d.span.line) == ("P001", 2)


def test_every_output_format_writes_them(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(CARD)
    seen = formats()
    assert {"text", "json", "sarif", "junit", "github"} <= set(seen)
    for fmt in seen:
        proc = run_cli("check", "--format", fmt, str(card))
        assert proc.returncode == 1, (fmt, proc.stderr)
        assert proc.stderr == "", (fmt, proc.stderr)
        assert "\x1b" not in proc.stdout, fmt  # escaped, never raw
        assert "\ufffd" not in proc.stdout, fmt  # the output was valid UTF-8
        assert "P013" in proc.stdout, fmt
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(proc.stdout)
        if fmt == "json-lines":
            [json.loads(line) for line in proc.stdout.splitlines()]


def test_json_output_writes_the_surrogate_as_an_escape(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_text(CARD)
    proc = run_cli("check", "--format", "json", str(card))
    assert '"pointer": "/\\udc00k"' in proc.stdout  # a JSON escape, not an unencodable character
    pointers = [d["pointer"] for d in json.loads(proc.stdout)["diagnostics"]]
    assert "/\udc00k" in pointers  # and it reads back as the key it names


@pytest.mark.skipif(os.name != "posix", reason="needs arbitrary bytes in file names")
def test_hostile_file_names_stay_on_one_line_in_every_format(tmp_path) -> None:
    root = os.fsencode(tmp_path)
    with open(root + b"/\xff-model-card.json", "wb") as handle:
        handle.write(b'{"intended_uses": {"risk_rating": "high"}}')
    (tmp_path / "x\n::error file=pwned::injected-model-card.json").write_text("[]")
    (tmp_path / "esc\x1b[31m-model-card.json").write_text("[]")
    for fmt in formats():
        proc = run_cli("check", "--format", fmt, str(tmp_path))
        assert proc.returncode == 1, (fmt, proc.stderr)
        assert "\x1b" not in proc.stdout, fmt
        assert not any(line.startswith("::error file=pwned") for line in proc.stdout.splitlines())
        assert "\ufffd" not in proc.stdout, fmt


def test_error_message_for_a_hostile_missing_path_is_one_line() -> None:
    proc = run_cli("check", "nope\n::error::x\x1b[2J")
    assert proc.returncode == 2
    assert proc.stderr == (
        "cardlint: error: nope\\n::error::x\\x1b[2J: no such file or directory\n"
    )
