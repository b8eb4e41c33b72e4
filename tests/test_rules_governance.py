"""G rules: what a model risk reviewer sends back (warnings by default)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardlint import lint_text
from cardlint.core.diagnostics import Severity
from cardlint.core.settings import Settings
from helpers import EXAMPLES, json_findings, run_cli

EXPECTED = {
    "rules/governance-model-card.json": [
        ("G003", "/model_overview/model_creator", 2, 40),
        ("G002", "/intended_uses/intended_uses", 5, 22),
        ("G001", "/intended_uses/risk_rating", 6, 20),
        ("G002", "/business_details", 8, 23),
        ("G004", "/evaluation_details/0", 10, 5),
        ("G003", "/evaluation_details/0/evaluation_observation", 10, 60),
        ("G003", "/additional_information/caveats_and_recommendations", 12, 62),
    ],
    "rules/governance-model-card.yaml": [
        ("G003", "/model_overview/model_creator", 3, 18),
        ("G002", "/intended_uses/intended_uses", 6, 18),
        ("G001", "/intended_uses/risk_rating", 7, 16),
        ("G002", "/business_details", 8, 19),
        ("G004", "/evaluation_details/0", 10, 5),
        ("G003", "/evaluation_details/0/evaluation_observation", 11, 30),
        ("G003", "/additional_information/caveats_and_recommendations", 13, 32),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_cards_in_process(name: str) -> None:
    path = EXAMPLES / name
    got = lint_text(path.read_text(encoding="utf-8"), filename=str(path))
    assert [(d.code, d.pointer, d.span.line, d.span.column) for d in got] == EXPECTED[name]
    assert {d.severity for d in got} == {Severity.WARNING}
    messages = {d.code + d.pointer: d.message for d in got}
    assert messages["G001/intended_uses/risk_rating"] == (
        "risk_rating is High but intended_uses has no explanations_for_risk_rating; "
        "say why the model carries this risk"
    )
    assert messages["G003/evaluation_details/0/evaluation_observation"] == (
        'placeholder text "TODO" in "TODO: summarise the results"; '
        "write the real content or leave the field out"
    )
    assert messages["G002/business_details"] == (
        "business_details is an empty object; fill it in or leave it out"
    )
    assert messages["G004/evaluation_details/0"] == (
        'evaluation "holdout-2024-04" has no metric_groups; add the metrics it produced'
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_cards_with_the_installed_command(name: str) -> None:
    assert json_findings(name, cwd=EXAMPLES) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_warnings_fail_only_with_fail_on_warning(name: str) -> None:
    assert run_cli("check", name, cwd=EXAMPLES).returncode == 0
    assert run_cli("check", "--fail-on", "warning", name, cwd=EXAMPLES).returncode == 1
    assert run_cli("check", "--ignore", "G", "--strict", name, cwd=EXAMPLES).returncode == 0


def codes(card: dict, **kwargs: object) -> list[tuple[str, str]]:
    found = lint_text(json.dumps(card), filename="c.json", **kwargs)  # type: ignore[arg-type]
    return [(d.code, d.pointer) for d in found]


@pytest.mark.parametrize(("rating", "warned"), [("High", True), ("Unknown", True), ("Low", False)])
def test_risk_rating_needs_an_explanation(rating: str, warned: bool) -> None:
    expected = [("G001", "/intended_uses/risk_rating")] if warned else []
    assert codes({"intended_uses": {"risk_rating": rating}}) == expected
    explained = {"risk_rating": rating, "explanations_for_risk_rating": "Affects credit."}
    assert codes({"intended_uses": explained}) == []


def test_an_empty_explanation_is_one_finding() -> None:
    card = {"intended_uses": {"risk_rating": "High", "explanations_for_risk_rating": " "}}
    assert codes(card) == [("G002", "/intended_uses/explanations_for_risk_rating")]


def test_empty_values_the_schema_rejects_are_left_to_the_schema() -> None:
    card = {
        "evaluation_details": [
            {
                "name": "",
                "metric_groups": [
                    {"name": "g", "metric_data": [{"name": "m", "type": "bar_chart", "value": []}]}
                ],
            }
        ]
    }
    assert codes(card) == [
        ("S006", "/evaluation_details/0/name"),
        ("S007", "/evaluation_details/0/metric_groups/0/metric_data/0/value"),
    ]


def test_an_empty_card_and_an_empty_metric_groups() -> None:
    assert codes({}) == [("G002", "")]
    card = {"evaluation_details": [{"name": "e", "metric_groups": []}]}
    assert codes(card) == [("G002", "/evaluation_details/0/metric_groups")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("TODO", True),
        ("see todo.md", True),
        ("Lorem   Ipsum dolor", True),
        ("N/A", True),
        ("tbd.", True),
        ("XXXL sizes", False),
        ("mastodon", False),
        ("NA", True),
        ("None", True),
        ("<owner>", True),
        ("Rows with N/A values were imputed.", False),
        ("None of the features is a protected attribute.", False),
    ],
)
def test_placeholder_words_match_whole_words(text: str, found: bool) -> None:
    expected = [("G003", "/business_details/business_problem")] if found else []
    assert codes({"business_details": {"business_problem": text}}) == expected


def test_placeholder_words_come_from_the_options() -> None:
    card = {"business_details": {"business_problem": "to be confirmed", "line_of_business": "TBD"}}
    settings = Settings(options={"placeholder_words": ["to be confirmed"]})
    # the option replaces the words searched in sentences; a whole-value "TBD" stays a stand-in
    assert codes(card, settings=settings) == [
        ("G003", "/business_details/business_problem"),
        ("G003", "/business_details/line_of_business"),
    ]
    assert codes(card, settings=Settings(options={"placeholder_words": []})) == []


def test_placeholder_words_from_a_configuration_file(tmp_path: Path) -> None:
    (tmp_path / "cardlint.toml").write_text(
        '[options]\nplaceholder-words = ["pending"]\n', encoding="utf-8"
    )
    card = tmp_path / "card.json"
    card.write_text('{"business_details": {"business_problem": "pending review"}}\n')
    got = json_findings("card.json", cwd=tmp_path)
    assert got == [("G003", "/business_details/business_problem", 1, 44)]
