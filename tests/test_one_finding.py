"""One mistake, one finding: a chart value nested wrong as a whole, and an empty YAML value."""

from __future__ import annotations

import json

import pytest

from cardlint import lint_text
from helpers import run_cli

M = "/evaluation_details/0/metric_groups/0/metric_data/0"


def metric_card(metric: dict[str, object], fmt: str) -> str:
    card = {
        "evaluation_details": [
            {"name": "holdout", "metric_groups": [{"name": "g", "metric_data": [metric]}]}
        ]
    }
    if fmt == "json":
        return json.dumps(card)
    value = json.dumps(metric["value"])
    return (
        "evaluation_details:\n"
        "  - name: holdout\n"
        "    metric_groups:\n"
        "      - name: g\n"
        "        metric_data:\n"
        f"          - name: {metric['name']}\n"
        f"            type: {metric['type']}\n"
        f"            value: {value}\n"
    )


def found(text: str, filename: str, **kwargs: object) -> list[tuple[str, str, int, int, str]]:
    return [
        (d.code, d.pointer, d.span.line, d.span.column, d.message)
        for d in lint_text(text, filename=filename, **kwargs)  # type: ignore[arg-type]
    ]


SHAPES = [
    (
        {"name": "roc", "type": "linear_graph", "value": [0.0, 0.1, 0.5, 1.0]},
        "value must be a list of [x, y] pairs such as [[0, 0.5], [1, 0.9]], not a flat list of "
        "4 numbers",
    ),
    (
        {"name": "confusion", "type": "matrix", "value": [7, 1, 2]},
        "value must be a list of rows such as [[1, 2], [3, 4]], not a flat list of 3 numbers; "
        "a matrix of one row is written [[7, 1, 2]]",
    ),
    (
        {"name": "per_class", "type": "bar_chart", "value": [[0, 0.2], [1, 0.9]]},
        "value must be a flat list of numbers, one per bar, not a list of 2 arrays; a list of "
        "[x, y] pairs is a linear_graph",
    ),
]


@pytest.mark.parametrize("schema", ["model-package", "model-card"])
@pytest.mark.parametrize(("fmt", "position"), [("json", (1, 132)), ("yaml", (8, 20))])
@pytest.mark.parametrize(("metric", "message"), SHAPES)
def test_a_chart_value_nested_wrong_is_one_finding_naming_the_shape(
    metric: dict[str, object], message: str, fmt: str, position: tuple[int, int], schema: str
) -> None:
    text = metric_card(metric, fmt)
    line, column = position
    if fmt == "json":
        column = text.index('"value": ') + len('"value": ') + 1
    assert found(text, f"card.{fmt}", schema=schema) == [
        ("S001", f"{M}/value", line, column, message)
    ]


def test_a_partly_wrong_chart_still_reports_each_wrong_item() -> None:
    metric = {"name": "roc", "type": "linear_graph", "value": [[0, 0], 0.5, [1, 1]]}
    assert [(c, p) for c, p, *_ in found(metric_card(metric, "json"), "c.json")] == [
        ("S001", f"{M}/value/1")
    ]


EMPTY_YAML = "intended_uses:\n  risk_rating: High\n  explanations_for_risk_rating:{}\n"


@pytest.mark.parametrize(
    ("written", "column"),
    [("", 3), (" ~", 33), (" null", 33), (" Null", 33)],
)
def test_an_empty_yaml_value_is_a_missing_value_not_a_trap(written: str, column: int) -> None:
    text = EMPTY_YAML.format(written)
    diagnostics = lint_text(text, filename="model-card.yaml")
    assert [(d.code, d.pointer, d.span.line, d.span.column, d.message) for d in diagnostics] == [
        (
            "S001",
            "/intended_uses/explanations_for_risk_rating",
            3,
            column,
            "explanations_for_risk_rating has no value (YAML reads it as null); write the text "
            "or remove the key",
        )
    ]
    assert diagnostics[0].fix is None  # never quote "", "~" or "null" into the record
    assert '""' not in diagnostics[0].message


def test_a_json_null_says_the_same_in_json_terms() -> None:
    text = '{"model_overview": {"model_artifact": null}, "intended_uses": {"intended_uses": null}}'
    assert found(text, "c.json") == [
        (
            "S001",
            "/model_overview/model_artifact",
            1,
            39,
            "model_artifact has no value (null); write the list or remove the key",
        ),
        (
            "S001",
            "/intended_uses/intended_uses",
            1,
            81,
            "intended_uses has no value (null); write the text or remove the key",
        ),
    ]


def test_a_null_metric_value_asks_for_the_value() -> None:
    metric = {"name": "auc", "type": "number", "value": None}
    assert found(metric_card(metric, "yaml"), "c.yaml") == [
        ("S001", f"{M}/value", 8, 20, "value is missing (YAML reads it as null); write the value")
    ]


def test_empty_values_and_shapes_through_the_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    card = tmp_path / "model-card.yaml"
    card.write_text(
        EMPTY_YAML.format("") + "evaluation_details:\n"
        "  - name: holdout\n"
        "    metric_groups:\n"
        "      - name: g\n"
        "        metric_data:\n"
        "          - {name: roc, type: linear_graph, value: [0.0, 0.1, 0.5, 1.0]}\n",
        encoding="utf-8",
    )
    proc = run_cli("check", "--no-cache", "--format", "concise", str(card.name), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "model-card.yaml:3:3: S001 explanations_for_risk_rating has no value (YAML reads it as "
        "null); write the text or remove the key",
        "model-card.yaml:9:52: S001 value must be a list of [x, y] pairs such as [[0, 0.5], "
        "[1, 0.9]], not a flat list of 4 numbers",
    ]


def test_a_long_object_is_named_once_by_its_size() -> None:
    # "must be a string, not an object an object of 2 items" read twice the type
    value = {"text": "x" * 70, "owner": "risk team"}
    text = json.dumps({"business_details": {"business_problem": value}})
    assert [m for *_, m in found(text, "c.json")] == [
        "business_problem must be a string, not an object of 2 items"
    ]
