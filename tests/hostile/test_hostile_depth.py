"""Nesting: 200,000 levels in JSON and YAML give P005, never RecursionError or a crash.

The 200,000-level cases run the installed command in a subprocess, so that a regression that
crashes the interpreter (libyaml's composer segfaults from about 50,000 levels) fails the test
instead of killing the test run.
"""

from __future__ import annotations

import pytest

from cardlint import lint_text
from helpers import run_cli

LEVELS = 200_000
MESSAGE = "nesting deeper than 64 levels (model cards nest fewer than 10)"

DEEP = {
    "json-arrays": ("model-card.json", "[" * LEVELS + "]" * LEVELS, 1, 65),
    "json-objects": ("model-card.json", '{"a":' * LEVELS + "1" + "}" * LEVELS, 1, 321),
    "json-unclosed": ("model-card.json", "[" * LEVELS, 1, 65),
    "json-in-a-card": ("model-card.json", '{"model_overview": ' + "[" * LEVELS, 1, 83),
    "yaml-flow": ("model-card.yaml", "[" * LEVELS + "]" * LEVELS, 1, 65),
    "yaml-flow-maps": ("model-card.yaml", "{a: " * LEVELS + "1" + "}" * LEVELS, 1, 257),
    "yaml-block-dashes": ("model-card.yaml", "- " * LEVELS + "x\n", 1, 129),
    "yaml-unclosed": ("model-card.yaml", "a: " + "[" * LEVELS, 1, 67),
    "yaml-mixed": ("model-card.yaml", "- " + "[{a: " * LEVELS, 1, 159),
}


@pytest.mark.parametrize("case", DEEP)
def test_200000_levels_is_p005_in_a_subprocess(tmp_path, case: str) -> None:
    name, text, line, column = DEEP[case]
    card = tmp_path / name
    card.write_text(text)
    proc = run_cli("check", "-q", str(card))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == f"{card}:{line}:{column}: P005 {MESSAGE}\n"
    assert proc.stderr == ""


@pytest.mark.parametrize("case", [c for c in DEEP if c.startswith("json")])
def test_200000_levels_in_process_json(case: str) -> None:
    name, text, line, column = DEEP[case]
    [d] = lint_text(text, filename=name)
    assert (d.code, d.pointer, d.span.line, d.span.column, d.message) == (
        "P005",
        "",
        line,
        column,
        MESSAGE,
    )


def test_block_mappings_nested_by_indentation() -> None:
    text = "".join(" " * i + "a:\n" for i in range(3000))
    [d] = lint_text(text, filename="card.yaml")
    assert (d.code, d.span.line, d.span.column) == ("P005", 65, 65)


@pytest.mark.parametrize("filename", ["card.json", "card.yaml"])
def test_64_levels_pass_65_do_not(filename: str) -> None:
    def nested(levels: int) -> str:  # the card object is level 1
        return '{"a": ' + "[" * (levels - 1) + "]" * (levels - 1) + "}"

    assert "P005" not in [d.code for d in lint_text(nested(64), filename=filename)]
    found = [(d.code, d.span.line, d.span.column) for d in lint_text(nested(65), filename=filename)]
    assert ("P005", 1, 70) in found
