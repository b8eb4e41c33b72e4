"""The rule catalogue: every code documented, explainable, and listed in the README.

Regenerate the README's rule table with ``python tests/test_catalogue.py``.
"""

from __future__ import annotations

import json
import re
import sys

import pytest

from cardlint.rules import CHECKS, REGISTRY, markdown_table
from helpers import ROOT, run_cli

START, END = "<!-- rules:start -->", "<!-- rules:end -->"
README = ROOT / "README.md"
SECTIONS = ("What it does:", "Why it matters:", "Example (fails)::", "Use instead::")
LINT_FAMILIES = ("G", "L", "M", "V", "Y002")


def render_readme(text: str) -> str:
    """``text`` with the section between the markers replaced by the generated table."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{markdown_table()}{END}{tail}"


def test_readme_rule_table_is_up_to_date() -> None:
    text = README.read_text(encoding="utf-8")
    assert render_readme(text) == text, "run: python tests/test_catalogue.py"


def test_table_has_one_row_per_code_in_code_order() -> None:
    rows = markdown_table().splitlines()[2:]
    codes = [row.split(" | ")[0].removeprefix("| ") for row in rows]
    assert codes == list(REGISTRY) == sorted(REGISTRY)


@pytest.mark.parametrize("code", list(REGISTRY))
def test_every_code_is_explained(code: str) -> None:
    proc = run_cli("explain", code.lower())
    assert proc.returncode == 0, proc.stderr
    rule = REGISTRY[code]
    assert proc.stdout.startswith(f"{code} {rule.name} (default severity: {rule.severity.value}")
    assert rule.summary in proc.stdout


@pytest.mark.parametrize("code", [c for c in REGISTRY if c.startswith(LINT_FAMILIES)])
def test_new_rule_docs_answer_the_four_questions(code: str) -> None:
    rule = REGISTRY[code]
    positions = [rule.doc.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), code
    assert re.fullmatch(r"[A-Z]\d{3}", code)
    assert len(rule.summary) <= 100 and rule.summary.endswith(".")


def test_rule_modules_with_checks_are_the_lint_rules() -> None:
    checked = {rule.code for rule in CHECKS}
    expected = {c for c in REGISTRY if c.startswith(("G", "M", "V", "Y002"))}
    assert expected <= checked


def test_rules_json_lists_severity_and_fixability() -> None:
    proc = run_cli("rules", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = {row["code"]: row for row in json.loads(proc.stdout)}
    assert rows["G003"]["severity"] == "warning" and rows["G003"]["fixable"] is False
    assert rows["M001"]["severity"] == "error" and rows["M001"]["fixable"] is True
    assert rows["Y002"]["severity"] == "warning" and rows["Y002"]["fixable"] is True
    assert rows["L001"]["summary"] == REGISTRY["L001"].summary


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (("--select", "M"), ["M001", "M001", "M001", "M002", "M003", "M002", "M004"]),
        (("--select", "M00", "--ignore", "M001"), ["M002", "M003", "M002", "M004"]),
        (("--select", "M002", "--extend-select", "M004"), ["M002", "M002", "M004"]),
    ],
)
def test_select_and_ignore_take_codes_and_prefixes(args: tuple[str, ...], codes: list[str]) -> None:
    proc = run_cli(
        "check",
        "--format",
        "json",
        *args,
        "rules/metric-shapes-model-card.json",
        cwd=ROOT / "examples",
    )
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == codes


@pytest.mark.parametrize(
    "name", ["good/sdk-model-package-model-card.json", "good/churn-model-card.yaml"]
)
def test_sdk_model_package_card_has_no_finding(name: str) -> None:
    # Every section and all six metric types, as the SageMaker Python SDK writes them.
    proc = run_cli("check", "--strict", "--format", "json", name, cwd=ROOT / "examples")
    assert proc.returncode == 0, proc.stdout
    assert json.loads(proc.stdout)["diagnostics"] == []


def test_a_clean_card_is_serialised_once_and_never_walked() -> None:
    # The rules that look at every value search one cached compact JSON text first.
    from cardlint.rules import _shared
    from cardlint.rules.base import Card

    value = json.loads((ROOT / "examples/good/sdk-model-package-model-card.json").read_text())
    card = Card(value, "json")
    _shared._compact.cache_clear()
    _shared._leaves.cache_clear()
    for rule in CHECKS:
        if rule.default_enabled:  # an opt-in rule runs only when selected
            assert list(rule.check(card)) == []  # type: ignore[misc]
    compact, walk = _shared._compact.cache_info(), _shared._leaves.cache_info()
    assert (compact.misses, compact.hits >= 2, walk.misses) == (1, True, 0)


if __name__ == "__main__":
    README.write_text(render_readme(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
