"""JSON syntax errors are told from the text and the position, never from the words of the
``json`` module, which differ between Python versions (3.13: "Illegal trailing comma before
end of object", pointing at the comma; 3.11: "Expecting property name", pointing past it)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardlint import lint_text
from cardlint.core.settings import Limits
from cardlint.loading.json_doc import parse_json

CASES = [
    ('{"a": 1,}', 1, 8, "trailing comma is not allowed in JSON"),
    ("[1,2,]", 1, 5, "trailing comma is not allowed in JSON"),
    ('{"a": 1 ,\n\n }', 1, 9, "trailing comma is not allowed in JSON"),
    ('{"a": tru}', 1, 7, 'expected a value, found "tru"'),
    ('{"a": 1 "b": 2}', 1, 9, 'expected "," or "}", found "b"'),
    ("[1 2]", 1, 4, 'expected "," or "]", found "2"'),
    ('{"a": [1, 2}', 1, 12, 'expected "," or "]", found "}"'),
    ("{1: 2}", 1, 2, 'expected a property name in double quotes or "}", found "1"'),
    ('{"a": 1,,}', 1, 9, 'expected a property name in double quotes, found ","'),
    ("[,]", 1, 2, 'expected a value or "]", found ","'),
    ('{"a": +1}', 1, 7, 'expected a value, found "+1"'),
    ('{\n  "a": [\n    1,\n', 4, 1, '"[" on line 2 is never closed: add "]"'),
    ("{", 1, 2, '"{" on line 1 is never closed: add "}"'),
    ('{"a": "\\q"}', 1, 8, 'invalid escape "\\q" in a JSON string; write a backslash as "\\\\" '
     'and a character as "\\uXXXX"'),
    ('{"a": "\\u12"}', 1, 8, 'invalid escape "\\u12" in a JSON string; write a backslash as '
     '"\\\\" and a character as "\\uXXXX"'),
    ('{"a": \x01}', 1, 7, "control character U+0001 is not allowed in JSON"),
    ('{"a": "x\ty"}', 1, 9, "control character U+0009 must be escaped in a JSON string"),
    ('{"a": 1}}', 1, 9, "unexpected text after the end of the JSON value"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "column", "message"), CASES)
def test_syntax_error_message_and_position(text, line, column, message):
    [d] = lint_text(text, filename="card.json")
    assert (d.code, d.span.line, d.span.column, d.message) == ("P001", line, column, message)


class _Worded(json.JSONDecodeError):
    """A decoder error with words no Python has used: cardlint must not need them."""


@pytest.mark.parametrize(("text", "line", "column", "message"), CASES[:6])
def test_messages_do_not_depend_on_the_json_modules_words(monkeypatch, text, line, column, message):
    from cardlint.loading import json_doc

    real = json_doc._DECODER.decoder.decode

    def decode(s: str):
        try:
            return real(s)
        except json.JSONDecodeError as exc:
            raise _Worded("Unerwartetes Zeichen", exc.doc, exc.pos) from None

    monkeypatch.setattr(json_doc._DECODER.decoder, "decode", decode)
    [d] = lint_text(text, filename="card.json")
    assert (d.span.line, d.span.column, d.message) == (line, column, message)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="{}[],:\"\\ \n'/#01a-.eEtfnu\x01é", max_size=40),
)
def test_any_broken_text_gives_one_finding_in_our_words(text):
    doc = parse_json(text, Limits())
    for problem in doc.problems:
        assert problem.message[:1].islower() or problem.message[:1] == '"'
        assert "Expecting" not in problem.message and "Illegal" not in problem.message
        assert "delimiter" not in problem.message
