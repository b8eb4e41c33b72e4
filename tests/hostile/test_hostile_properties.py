"""Property tests: whatever the input, lint_text never raises, every span lies inside the
text, and every safe fix keeps the text parseable (and is applied or abandoned, never half)."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardlint import lint_text
from cardlint.check.engine import check_text
from cardlint.fixing.fixer import fix_result
from cardlint.loading.parse import parse_document as parse
from helpers import EXAMPLES

CARDS = sorted(
    p
    for p in EXAMPLES.rglob("*")
    if p.suffix in (".json", ".yaml", ".yml") and "model-card" in p.name
)
TEXTS = [(p.name, p.read_text(encoding="utf-8")) for p in CARDS] or [
    ("model-card.json", '{"intended_uses": {"risk_rating": "high"}}'),
]
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(["High", "high", "Low", "number", "matrix", "s3://b/k", "\ud800", "\x1b"])
)
KEYS = st.sampled_from(
    [
        "model_overview",
        "intended_uses",
        "risk_rating",
        "evaluation_details",
        "metric_groups",
        "metric_data",
        "name",
        "type",
        "value",
        "model_creator",
        "training_details",
        "<<",
        "",
    ]
) | st.text(max_size=12)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=40,
)


def assert_spans_inside(text: str, filename: str) -> list:
    found = lint_text(text, filename=filename)
    for d in found:
        span = d.span
        assert 0 <= span.start <= span.end <= len(text), (d.code, span, len(text))
        assert 1 <= span.line <= span.end_line, (d.code, span)
        assert span.column >= 1 and span.end_column >= 1, (d.code, span)
        assert d.code != "X001", d.message
    return found


@PROPERTY
@given(json_values, st.booleans())
def test_arbitrary_json_values_as_json_text(value, indent: bool) -> None:
    text = json.dumps(value, indent=2 if indent else None, ensure_ascii=False)
    assert_spans_inside(text, "card.json")


@PROPERTY
@given(json_values)
def test_arbitrary_json_values_as_yaml_text(value) -> None:
    try:
        text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:  # PyYAML refuses some strings it cannot represent
        return
    assert_spans_inside(text, "card.yaml")


@st.composite
def mutated_example(draw: st.DrawFn) -> tuple[str, str]:
    name, text = draw(st.sampled_from(TEXTS))
    pieces = st.sampled_from(
        [
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            '"',
            "'",
            "\\",
            "\\u",
            "\n",
            "\t",
            " ",
            "- ",
            "&a ",
            "*a",
            "<<: ",
            "!!python/object ",
            "#",
            "---\n",
            "1e999",
            "\ud800",
            "\x00",
            "…",
        ]
    ) | st.text(max_size=4)
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        kind = draw(st.integers(0, 2))
        if kind == 0:
            text = text[:pos] + text[pos + draw(st.integers(1, 10)) :]
        elif kind == 1:
            text = text[:pos] + draw(pieces) + text[pos:]
        else:
            end = min(len(text), pos + draw(st.integers(1, 10)))
            text = text[:pos] + draw(pieces) + text[end:]
    return name, text


@PROPERTY
@given(mutated_example())
def test_mutated_examples_never_raise_and_spans_stay_inside(example) -> None:
    name, text = example
    assert_spans_inside(text, name)


@PROPERTY
@given(mutated_example())
def test_safe_fixes_keep_the_text_parseable(example) -> None:
    name, text = example
    result = check_text(text, name)
    outcome = fix_result(result)
    if not outcome.changed:
        return
    fmt = "json" if name.endswith(".json") else "yaml"
    before = parse(text, fmt)
    after = parse(outcome.text, fmt)
    # a text that parsed before still parses; one that did not is never "fixed" into more errors
    syntax = {"P001", "P003", "P005", "P006", "P007", "P008", "P012"}
    if not {p.code for p in before.problems} & syntax:
        assert not {p.code for p in after.problems} & syntax, (outcome.text, after.problems)
    assert outcome.abandoned is None or outcome.text == text
