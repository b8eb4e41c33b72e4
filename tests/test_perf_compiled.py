"""The compiled validity check agrees with python-jsonschema, the reference.

A card the compiled check calls valid skips python-jsonschema entirely, so it must never call
valid a card the reference rejects; these tests ask for exact agreement on every example and
on generated cards, for every vendored schema.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardlint.core.resources import SCHEMA_FILES
from cardlint.loading.document import decode, sniff_format
from cardlint.loading.parse import parse_document as parse
from cardlint.rules import STRICT_PATCHES
from cardlint.schema.compiled import compile_check
from cardlint.schema.validation import CardSchema, load_schema
from helpers import EXAMPLES, run_cli

SCHEMAS = sorted(SCHEMA_FILES)


def reference_valid(schema: CardSchema, card: Any) -> bool:
    return next(iter(schema.validator.iter_errors(card)), None) is None


def plain_json(value: Any) -> bool:
    """JSON's own values only: no YAML date, no infinity, no non-string key."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain_json(v) for v in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, str | int | bool)


def agree(schema: CardSchema, card: Any) -> bool:
    """The compiled check agrees with the reference; on values JSON cannot hold it may only
    defer (say "not known valid"), never call valid what the reference rejects."""
    fast, reference = schema.is_valid(card), reference_valid(schema, card)
    return fast == reference or (not fast and not plain_json(card))


def example_cards() -> list[tuple[str, Any]]:
    cards = []
    for path in sorted(EXAMPLES.rglob("*")):
        if not path.is_file():
            continue
        decoded = decode(path.read_bytes())
        if isinstance(decoded, Exception) or not hasattr(decoded, "text"):
            continue
        document = parse(decoded.text, sniff_format(path.name, decoded.text))
        if isinstance(document.value, dict):
            cards.append((str(path.relative_to(EXAMPLES)), document.value))
    return cards


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_vendored_schema_gets_a_compiled_check(name: str) -> None:
    schema = load_schema(name, STRICT_PATCHES)
    assert schema.fast_check is not None
    # The vendored schemas skip the meta-schema check at start-up; it must hold all the same.
    from jsonschema.validators import validator_for

    validator_for(schema.document).check_schema(schema.document)


@pytest.mark.parametrize("name", SCHEMAS)
def test_agrees_with_the_reference_on_every_example(name: str) -> None:
    schema = load_schema(name, STRICT_PATCHES)
    cards = example_cards()
    assert len(cards) >= 8
    assert [path for path, card in cards if not agree(schema, card)] == []
    verdicts = [schema.is_valid(card) for _, card in cards]
    assert any(verdicts) and not all(verdicts)
    plain = [card for _, card in cards if plain_json(card)]
    assert [schema.is_valid(c) for c in plain] == [reference_valid(schema, c) for c in plain]


# -- generated cards -----------------------------------------------------------------------

_JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
_JSON = st.recursive(
    _JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for token in ref[2:].split("/"):
            target = target[token]
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _string(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    if "enum" in node:
        words = [w for w in node["enum"] if isinstance(w, str)]
        return st.sampled_from(words + [w.lower() for w in words] + ["?"])
    limit = node.get("maxLength", 40)
    around = st.integers(min_value=max(0, limit - 2), max_value=limit + 2)
    return st.one_of(
        st.text(max_size=10),
        around.map(lambda n: "x" * n),
        st.sampled_from(["", "\n", "\r", "a\nb", "é" * 3, "\u2028"]),
    )


def card_strategy(root: dict[str, Any], node: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Cards shaped by ``node``: mostly the right types, sometimes not, near every limit."""
    if not isinstance(node, dict) or depth > 7:
        return _JSON
    node = _resolve(root, node)
    branches = node.get("anyOf") or node.get("oneOf")
    if branches:
        shaped = st.one_of([card_strategy(root, b, depth + 1) for b in branches])
        return st.one_of(shaped, _JSON) if depth else shaped
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        properties = node.get("properties", {})
        optional = {key: card_strategy(root, sub, depth + 1) for key, sub in properties.items()}
        extra = st.dictionaries(
            st.sampled_from(["extra", "modelCreator", "Name"]), _JSON, max_size=1
        )
        shaped = st.builds(
            lambda chosen, more: {**chosen, **more},
            st.fixed_dictionaries({}, optional=optional),
            extra,
        )
        return st.one_of(shaped, shaped, shaped, _JSON)
    if kind == "array":
        items = card_strategy(root, node.get("items", {}), depth + 1)
        return st.one_of(st.lists(items, max_size=3), _JSON)
    if kind == "string":
        return st.one_of(_string(node), _string(node), _string(node), _JSON_LEAF)
    if kind in ("number", "integer"):
        return st.one_of(
            st.integers(min_value=-5, max_value=5),
            st.floats(allow_nan=False, allow_infinity=False),
            _JSON_LEAF,
        )
    if kind == "boolean":
        return st.one_of(st.booleans(), _JSON_LEAF)
    return _JSON


@pytest.mark.parametrize("name", SCHEMAS)
def test_agrees_with_the_reference_on_generated_cards(name: str) -> None:
    schema = load_schema(name, STRICT_PATCHES)
    strategy = card_strategy(schema.document, schema.document)
    outcomes: list[bool] = []

    @settings(
        max_examples=400,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def check(card: Any) -> None:
        assert agree(schema, card), card
        outcomes.append(schema.is_valid(card))

    check()
    # Both verdicts occur, or the comparison above proved little.
    assert True in outcomes and False in outcomes


# -- when no compiled check may be used -----------------------------------------------------


@pytest.mark.parametrize(
    "pattern", [r"^[\S,]+$", r"\bword", r"^\D*$", r"(?i)abc", r"\Aabc\Z", r"^\W$", r"[a\s]"]
)
def test_patterns_whose_meaning_differs_get_no_compiled_check(pattern: str) -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string", "pattern": pattern}}}
    assert compile_check(schema) is None
    assert compile_check({"patternProperties": {pattern: {"type": "string"}}}) is None


def test_patterns_that_agree_keep_the_compiled_check() -> None:
    schema = {"properties": {"a": {"type": "string", "pattern": r"^.{1,63}$"}}}
    check = compile_check(schema)
    assert check is not None
    assert check({"a": "x"}) is True
    assert check({"a": ""}) is False


def test_python_whitespace_is_what_backslash_s_matches() -> None:
    import re

    from cardlint.schema.compiled import PYTHON_WHITESPACE

    spaces = "".join(chr(c) for c in range(0x110000) if re.match(r"\s", chr(c)))
    assert spaces == PYTHON_WHITESPACE


@pytest.mark.parametrize("pattern", [r"^\S{1,4}$", r"^a\sb$", r"^[a-z]\S*$"])
@pytest.mark.parametrize(
    "value", ["abc", "a b", "a\x1cb", "a\x1fb", "a\ufeffb", "a\x85b", "a\u3000b", "a\tb", "ab\n"]
)
def test_whitespace_classes_agree_with_python(pattern: str, value: str) -> None:
    document = {"properties": {"a": {"type": "string", "pattern": pattern}}}
    schema = CardSchema.from_document("t", document)
    assert schema.fast_check is not None
    assert schema.is_valid({"a": value}) == reference_valid(schema, {"a": value})


def test_enum_and_const_values_are_not_respelled() -> None:
    check = compile_check({"const": {"pattern": "\\s"}})
    assert check is not None
    assert check({"pattern": "\\s"}) is True


def test_a_remote_ref_is_never_fetched_and_gets_no_compiled_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # jsonschema-rs has an HTTP client of its own; it must ask cardlint's retriever instead.
    from cardlint.schema import compiled

    asked: list[str] = []

    def refuse(uri: str) -> None:
        asked.append(uri)
        raise LookupError(uri)

    monkeypatch.setattr(compiled, "_refuse_retrieval", refuse)
    assert compile_check({"$ref": "https://example.invalid/card.schema.json"}) is None
    assert asked == ["https://example.invalid/card.schema.json"]


def test_values_that_are_not_plain_json_go_to_the_reference() -> None:
    import datetime

    check = compile_check({"type": "object", "properties": {"d": {"type": "string"}}})
    assert check is not None
    assert check({"d": datetime.date(2024, 3, 1)}) is False
    assert check({1: "x"}) is False


def test_without_jsonschema_rs_every_card_goes_to_the_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)  # import now raises ImportError
    schema = CardSchema.from_document("t", {"properties": {"r": {"enum": ["High"]}}})
    assert schema.fast_check is None
    assert schema.is_valid({"r": "High"}) is False
    assert reference_valid(schema, {"r": "High"})
    assert not reference_valid(schema, {"r": "high"})


def test_a_run_on_valid_cards_never_imports_python_jsonschema(tmp_path: Path) -> None:
    good = sorted(str(p) for p in (EXAMPLES / "good").iterdir())
    proc = run_cli(
        "check", "--no-cache", "--jobs", "1", *good, env={"PYTHONPROFILEIMPORTTIME": "1"}
    )
    assert proc.returncode == 0, proc.stderr
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "cardlint.check.engine" in imported
    assert "jsonschema" not in imported and "jsonschema.validators" not in imported


def test_a_card_with_a_defect_still_gets_the_reference_messages() -> None:
    bad = EXAMPLES / "bad" / "acceptance-model-card.json"
    proc = run_cli("check", "--no-cache", "--format", "concise", str(bad))
    assert proc.returncode == 1
    assert f"{bad}:8:20: S002 risk_rating " in proc.stdout
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    card = '{"intended_uses": {"risk_rating": 1}}'
    code = f"from cardlint import lint_text; lint_text({card!r}, filename='c.json')"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert "jsonschema.validators" in out.stderr
