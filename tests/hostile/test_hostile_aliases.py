"""YAML alias bombs and recursive aliases: P008, rejected before anything expands them."""

from __future__ import annotations

import tracemalloc

import pytest

from cardlint import lint_text
from helpers import json_findings


def billion_laughs(levels: int = 9) -> str:
    """The classic bomb: level n holds nine aliases to level n-1 (9**9 strings if expanded)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels + 1):
        refs = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_p008_with_bounded_memory() -> None:
    tracemalloc.start()
    try:
        found = lint_text(billion_laughs(), filename="card.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(d.code, d.pointer, d.span.line, d.span.column) for d in found] == [("P008", "", 1, 17)]
    assert found[0].message == (
        "aliases expand to more than 10000 extra nodes (an alias bomb, or a recursive alias)"
    )
    assert peak < 20 * 1024 * 1024  # expanding it would take gigabytes


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a\n  - *a\n  - *a\n"])
def test_recursive_alias_is_p008_at_the_anchored_node(text: str) -> None:
    [d] = lint_text(text, filename="card.yaml")
    assert (d.code, d.span.line, d.span.column) == ("P008", 1, 4)


def test_a_few_ordinary_aliases_are_fine() -> None:
    text = (
        "model_overview:\n  model_artifact: &art [s3://b/m.tar.gz]\n"
        "training_details:\n  training_job_details:\n    training_datasets: *art\n"
    )
    found = lint_text(text, filename="card.yaml")
    assert [d.code for d in found if d.code.startswith("P")] == []


def test_cli_alias_bomb(tmp_path) -> None:
    card = tmp_path / "model-card.yaml"
    card.write_text(billion_laughs())
    assert json_findings(str(card)) == [("P008", "", 1, 17)]
