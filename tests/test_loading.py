"""Loading: strict JSON, safe YAML, encodings, and exact spans (1-based, in characters)."""

from __future__ import annotations

import codecs
import io

import pytest

from cardlint.check.engine import check_bytes
from cardlint.loading.document import decode
from cardlint.loading.parse import parse_document as parse
from cardlint.loading.read import read_limited
from helpers import findings


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ('{\n  "a": 1,\n}', "trailing comma is not allowed in JSON", 2, 9),
        ('{\n  // note\n  "a": 1\n}', "comments are not allowed in JSON", 2, 3),
        ("{'model_overview': {}}", "strings must be in double quotes in JSON", 1, 2),
        ('{"a": NaN}', "NaN is not valid JSON (numbers must be finite)", 1, 7),
        ('{"a": -Infinity}', "-Infinity is not valid JSON (numbers must be finite)", 1, 7),
        ('{"a": "unterminated}', "unterminated string", 1, 7),
        ('{"a": 1} x', "unexpected text after the end of the JSON value", 1, 10),
    ],
)
def test_json_syntax_errors_are_findings_at_their_position(text, message, line, column):
    doc = parse(text, "json")
    assert doc.value is None
    [problem] = doc.problems
    assert (problem.code, problem.message) == ("P001", message)
    assert (problem.span.line, problem.span.column) == (line, column)


def test_json_duplicate_key_points_at_later_key_and_names_first_line():
    text = '{\n  "intended_uses": {\n    "risk_rating": "Low",\n    "risk_rating": "High"\n  }\n}'
    doc = parse(text, "json")
    [problem] = doc.problems
    assert problem.code == "P002"
    assert problem.pointer == "/intended_uses/risk_rating"
    assert problem.message == (
        'duplicate key "risk_rating" (first defined on line 3); the later value wins'
    )
    assert (problem.span.line, problem.span.column, problem.span.end_column) == (4, 5, 18)
    assert doc.value == {"intended_uses": {"risk_rating": "High"}}


def test_yaml_duplicate_key_is_reported_like_json():
    text = "intended_uses:\n  risk_rating: Low\n  risk_rating: High\n"
    [problem] = parse(text, "yaml").problems
    assert (problem.code, problem.pointer, problem.span.line, problem.span.column) == (
        "P002",
        "/intended_uses/risk_rating",
        3,
        3,
    )
    assert "first defined on line 2" in problem.message


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("a: !!python/object/apply:os.system [ls]\n", "P006", 1, 4),
        ("a: !custom x\n", "P006", 1, 4),
        ("a: !!set {x}\n", "P006", 1, 4),
        ("a: 1\n---\nb: 2\n", "P007", 2, 1),
        ("a:\n\tb: 1\n", "P001", 2, 1),
        ("a: [1, 2\n", "P001", 2, 1),
        ("a: &x [*x]\n", "P008", 1, 4),
    ],
)
def test_yaml_problems(text, code, line, column):
    doc = parse(text, "yaml")
    assert [(p.code, p.span.line, p.span.column) for p in doc.problems] == [(code, line, column)]
    assert doc.value is None


def test_yaml_tag_is_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    parse(text, "yaml")
    assert not marker.exists()


def test_alias_bomb_is_rejected_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    doc = parse("\n".join(lines) + "\n", "yaml")
    assert [p.code for p in doc.problems] == ["P008"]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_deep_nesting_is_a_finding_not_a_crash(fmt):
    depth = 200_000
    text = "[" * depth + "]" * depth
    doc = parse(text if fmt == "json" else f"a: {text}\n", fmt)
    assert [p.code for p in doc.problems] == ["P005"]


def test_block_nesting_in_yaml_is_bounded():
    text = "".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "v: 1\n"
    doc = parse(text, "yaml")
    [problem] = doc.problems
    assert problem.code == "P005"
    assert problem.pointer.startswith("/k0/k1/")


def test_columns_count_characters_not_bytes():
    text = '{"model_overview": {"model_creator": "é🙂", "bad": 1}}'
    [got] = findings(text)
    assert got == ("S004", "/model_overview/bad", 1, 44)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_encodings_decode_and_keep_positions(bom, codec):
    text = '{\n  "intended_uses": {"risk_rating": "low"}\n}\n'
    result = check_bytes(bom + text.encode(codec), "card.json")
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [("S002", 2, 36)]
    decoded = decode(bom + text.encode(codec))
    assert decoded.encoding == codec and decoded.bom == bom


def test_undecodable_byte_names_its_offset():
    result = check_bytes(b'{"model_overview":\n {"model_creator": "caf\xe9"}}', "card.json")
    [d] = result.diagnostics
    assert d.code == "P003"
    assert d.message == "cannot decode as UTF-8: byte 0xE9 at byte offset 42"
    assert (d.span.line, d.span.column) == (2, 24)


def test_nul_byte_marks_a_binary_file():
    [d] = check_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "model-card.json").diagnostics
    assert (d.code, d.message) == ("P003", "binary file: NUL byte 0x00 at byte offset 8")


@pytest.mark.parametrize(
    ("text", "filename", "message"),
    [
        ("", "card.json", "empty file: a model card must be a JSON object"),
        ("  \n", "card.yaml", "empty file: a model card must be an object"),
        ("[1, 2]", "card.json", "the top level must be an object, not an array"),
        ('"text"', "card.json", "the top level must be an object, not a string"),
        ("3", "card.yaml", "the top level must be an object, not a number"),
        ("null", "card.json", "empty file: a model card must be an object"),
    ],
)
def test_top_level_must_be_an_object(text, filename, message):
    from cardlint import lint_text

    [d] = lint_text(text, filename=filename)
    assert (d.code, d.message, d.span.line, d.span.column) == ("P004", message, 1, 1)


def test_crlf_line_endings_keep_positions():
    text = "intended_uses:\r\n  risk_rating: high\r\n"
    assert findings(text, "card.yaml") == [("S002", "/intended_uses/risk_rating", 2, 16)]


def test_yaml_non_string_key_is_reported_at_the_key():
    text = "additional_information:\n  custom_details:\n    yes: approved\n"
    got = findings(text, "card.yaml")
    assert got == [("P010", "/additional_information/custom_details/yes", 3, 5)]


def test_yaml_merge_key_is_a_warning_and_still_merges():
    text = "base: &b {model_creator: x}\nmodel_overview:\n  <<: *b\n"
    doc = parse(text, "yaml")
    assert [(p.code, p.span.line, p.span.column) for p in doc.problems] == [("P011", 3, 3)]
    assert doc.value["model_overview"] == {"model_creator": "x"}


@pytest.mark.parametrize(
    ("content", "size", "cap", "expected"),
    [
        (b"x" * 10, 10, 100, b"x" * 10),  # the usual case: exactly the file
        (b"x" * 10, 10, 10, b"x" * 10),  # at the cap: not too large
        (b"x" * 11, 11, 10, b"x" * 11),  # one byte over: cap + 1 bytes say so
        (b"x" * 50, 10, 20, b"x" * 21),  # grew since fstat: read on to cap + 1
        (b"x" * 50, 0, 100, b"x" * 50),  # a size that says nothing (/proc): read on
    ],
)
def test_read_limited_reads_what_it_must_and_no_more(
    content: bytes, size: int, cap: int, expected: bytes
) -> None:
    assert read_limited(io.BytesIO(content), size, cap) == expected
