"""Properties of fixing, on generated and mutated cards: parsing never breaks, nothing else
changes, and a second run changes nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardlint.check.engine import check_text
from cardlint.fixing.fixer import FixOutcome, fix_result
from cardlint.loading.document import sniff_format
from cardlint.loading.parse import parse_document as parse
from helpers import EXAMPLES

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

TRAPS = ["yes", "no", "on", "off", "2024-03-01", "0.30", "1e3", "0o17", "null", "~", "12:30"]
WORDS = st.text(
    alphabet=st.sampled_from("abcXYZ 019_-.:#'\"\\/é,[]{}&*!|>"), min_size=0, max_size=12
)
TEXT = st.one_of(WORDS, st.sampled_from(TRAPS), st.sampled_from(["Data team", "s3://b/k"]))
NUMBER = st.one_of(
    st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32)
)

# A card as a list of (key, value) members, so that keys can be written twice.
Members = list[tuple[str, Any]]


def members(draw: st.DrawFn, options: dict[str, st.SearchStrategy[Any]]) -> Members:
    chosen = draw(st.lists(st.sampled_from(sorted(options)), unique=True, max_size=len(options)))
    out = [(key, draw(options[key])) for key in chosen]
    if out and draw(st.booleans()):  # a duplicate key: an earlier value that loses
        key, _ = draw(st.sampled_from(out))
        out.insert(0, (key, draw(TEXT)))
    return out


@st.composite
def metric(draw: st.DrawFn) -> Members:
    kind = draw(st.sampled_from(["number", "Number", "boolean", "string", "Linear_Graph"]))
    value: Any
    if kind.lower() == "number":
        value = draw(st.one_of(NUMBER, NUMBER.map(lambda n: json.dumps(n))))
    elif kind == "boolean":
        value = draw(st.sampled_from([True, False, "true", "false"]))
    elif kind == "string":
        value = draw(TEXT)
    else:
        value = [[1, 2], [3, 4]]
    return [("name", draw(WORDS.filter(bool))), ("type", kind), ("value", value)]


@st.composite
def card(draw: st.DrawFn) -> Members:
    overview = {
        draw(
            st.sampled_from(["model_creator", "modelCreator", "Model-Creator", "model_creater"])
        ): (st.one_of(TEXT, NUMBER)),
        "model_artifact": st.lists(TEXT, max_size=2),
    }
    uses = {
        "risk_rating": st.sampled_from(["High", "high", "LOW", "medium", "Unknown", "hihg"]),
        "purpose_of_model": TEXT,
        "intendedUses": TEXT,
    }
    training_metric = st.builds(
        lambda name, value: [("name", name), ("value", value)],
        WORDS.filter(bool),
        st.one_of(NUMBER, NUMBER.map(lambda n: json.dumps(n))),
    )
    sections = {
        "model_overview": st.composite(lambda d: members(d, overview))(),
        "intended_uses": st.composite(lambda d: members(d, uses))(),
        "training_details": st.builds(
            lambda ms: [("training_job_details", [("training_metrics", ms)])],
            st.lists(training_metric, max_size=2),
        ),
        "evaluation_details": st.builds(
            lambda ms: [
                [("name", "eval"), ("metric_groups", [[("name", "g"), ("metric_data", ms)]])]
            ],
            st.lists(metric(), max_size=3),
        ),
        "additional_information": st.builds(
            lambda d: [("custom_details", list(d.items()))],
            st.dictionaries(st.sampled_from(["ticket", "owner"]), st.one_of(TEXT, NUMBER)),
        ),
    }
    return members(draw, sections)


def is_members(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(m, tuple) and len(m) == 2 and isinstance(m[0], str) for m in value
    )


def to_json(value: Any, indent: int | None, level: int = 0) -> str:
    pad, inner = (
        ("", "")
        if indent is None
        else ("\n" + " " * indent * level, "\n" + " " * indent * (level + 1))
    )
    sep = ", " if indent is None else ","
    if is_members(value):
        if not value:
            return "{}"
        body = sep.join(
            f"{inner}{json.dumps(k)}: {to_json(v, indent, level + 1)}" for k, v in value
        )
        return "{" + body + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[" + sep.join(inner + to_json(v, indent, level + 1) for v in value) + pad + "]"
    return json.dumps(value, ensure_ascii=False)


PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]*[A-Za-z0-9]|[A-Za-z]")


def yaml_scalar(value: Any, quote: str) -> str:
    if isinstance(value, str):
        if value in TRAPS or (PLAIN.fullmatch(value) and not quote):
            return value  # written plain: YAML 1.1 reads the traps as other types
        if quote == "'" and value.isprintable():
            return "'" + value.replace("'", "''") + "'"
        return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar
    return json.dumps(value)


def to_yaml(value: Any, level: int, quote: str, comments: bool) -> list[str]:
    pad = "  " * level
    note = "  # note" if comments else ""
    lines: list[str] = []
    if is_members(value):
        for key, child in value:
            if (is_members(child) or isinstance(child, list)) and child:
                lines.append(f"{pad}{key}:{note}")
                lines.extend(to_yaml(child, level + 1, quote, comments))
            else:
                flat = "{}" if is_members(child) else "[]" if child == [] else None
                lines.append(f"{pad}{key}: {flat or yaml_scalar(child, quote)}{note}")
        return lines
    for item in value:
        block = (
            to_yaml(item, level + 1, quote, comments) if isinstance(item, list) and item else None
        )
        if block:
            lines.append(f"{pad}- {block[0].lstrip()}")
            lines.extend(block[1:])
        else:
            lines.append(
                f"{pad}- {yaml_scalar(item, quote) if not isinstance(item, list) else '[]'}"
            )
    return lines


@st.composite
def written_card(draw: st.DrawFn) -> tuple[str, str]:
    value = draw(card())
    if draw(st.booleans()):
        text = to_json(value, draw(st.sampled_from([None, 2, 4]))) + draw(
            st.sampled_from(["", "\n"])
        )
        name = "card.json"
    else:
        quote = draw(st.sampled_from(["", "'", '"']))
        comments = draw(st.booleans())
        lines = to_yaml(value, 0, quote, comments)
        if comments:
            lines.insert(0, "# a model card")
        text = "\n".join(lines) + "\n"
        name = "card.yaml"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return name, text


def check_properties(name: str, text: str, outcome: FixOutcome) -> None:
    fmt = sniff_format(name, text)
    before = parse(text, fmt)
    after = parse(outcome.text, fmt)
    assert (after.value is None) == (before.value is None)  # never breaks parsing
    if "\r\n" in text and text.count("\n") == text.count("\r\n"):
        assert outcome.text.count("\n") == outcome.text.count("\r\n")  # line endings kept
    assert outcome.text.endswith("\n") == text.endswith("\n")  # the final newline kept
    again = fix_result(check_text(outcome.text, name), unsafe=True)
    assert not again.changed, again.applied  # idempotent
    assert again.abandoned is None


@PROPERTY_SETTINGS
@given(written_card())
def test_fixing_generated_cards_is_safe_and_idempotent(written: tuple[str, str]) -> None:
    name, text = written
    outcome = fix_result(check_text(text, name), unsafe=True)
    assert outcome.abandoned is None, outcome.abandoned
    check_properties(name, text, outcome)


@PROPERTY_SETTINGS
@given(written_card())
def test_safe_fixes_never_add_or_drop_lines_or_comments(written: tuple[str, str]) -> None:
    name, text = written
    outcome = fix_result(check_text(text, name))
    assert outcome.abandoned is None, outcome.abandoned
    assert outcome.text.count("\n") == text.count("\n")
    assert outcome.text.count("# note") == text.count("# note")


EXAMPLE_TEXTS = sorted(
    p for p in EXAMPLES.rglob("*") if p.suffix in (".json", ".yaml", ".yml") and p.is_file()
)
MUTATIONS = [
    (re.compile(r"\b(High|Medium|Low|Unknown|Maximize|Minimize)\b"), str.lower),
    (re.compile(r"\b(linear_graph|bar_chart|matrix|number|boolean)\b"), str.title),
    (
        re.compile(r"\b(model_creator|risk_rating|purpose_of_model)\b"),
        lambda s: s.replace("_", "-"),
    ),
    (re.compile(r"(?<=: )\"([0-9.]+)\""), lambda s: s.strip('"')),
    (re.compile(r"(?<=: )([0-9]+\.[0-9]+)\b"), lambda s: f'"{s}"'),
    (re.compile(r"(?<=: )'([^'\n]*)'"), lambda s: "yes"),
]


@PROPERTY_SETTINGS
@given(
    st.sampled_from(EXAMPLE_TEXTS),
    st.lists(st.tuples(st.integers(0, len(MUTATIONS) - 1), st.integers(0, 50)), max_size=6),
    st.booleans(),
)
def test_fixing_mutated_examples_is_safe_and_idempotent(
    path: Path, mutations: list[tuple[int, int]], crlf: bool
) -> None:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    for which, nth in mutations:
        pattern, change = MUTATIONS[which]
        found = list(pattern.finditer(text))
        if found:
            m = found[nth % len(found)]
            text = text[: m.start()] + change(m.group()) + text[m.end() :]  # type: ignore[operator]
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    outcome = fix_result(check_text(text, path.name), unsafe=True)
    check_properties(path.name, text, outcome)


def test_every_example_fixes_idempotently() -> None:
    for path in EXAMPLE_TEXTS:
        text = path.read_bytes().decode("utf-8-sig")
        outcome = fix_result(check_text(text, path.name), unsafe=True)
        assert outcome.abandoned is None, (path, outcome.abandoned)
        check_properties(path.name, text, outcome)
