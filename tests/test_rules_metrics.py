"""M rules: metric values by type, axis names, matrix rows, finite numbers."""

from __future__ import annotations

import json

import pytest

from cardlint import lint_text
from cardlint.core.diagnostics import QuoteScalar, ReplaceValue
from helpers import EXAMPLES, json_findings

M = "/evaluation_details/0/metric_groups/0/metric_data"

EXPECTED = {
    "rules/metric-shapes-model-card.json": [
        ("M001", f"{M}/0/value", 9, 56),
        ("M001", f"{M}/1/value", 10, 64),
        ("M001", f"{M}/2/value", 11, 69),
        ("M002", f"{M}/3/x_axis_name", 13, 29),
        ("M003", f"{M}/4/value/1", 14, 84),
        ("M002", f"{M}/4/y_axis_name", 15, 29),
        ("M004", f"{M}/5/value/1/1", 16, 76),
    ],
    "rules/metric-shapes-model-card.yaml": [
        ("M001", f"{M}/0/value", 9, 20),
        ("M001", f"{M}/1/value", 12, 20),
        ("Y001", f"{M}/2/value", 15, 20),
        ("M002", f"{M}/3/x_axis_name", 19, 26),
        ("M003", f"{M}/4/value/1", 22, 35),
        ("M002", f"{M}/4/y_axis_name", 23, 26),
        ("M004", f"{M}/5/value/1/1", 26, 33),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_cards_in_process(name: str) -> None:
    path = EXAMPLES / name
    got = lint_text(path.read_text(encoding="utf-8"), filename=str(path))
    assert [(d.code, d.pointer, d.span.line, d.span.column) for d in got] == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_cards_with_the_installed_command(name: str) -> None:
    assert json_findings(name, cwd=EXAMPLES) == EXPECTED[name]


def card(*metrics: dict) -> str:
    group = {"name": "g", "metric_data": list(metrics)}
    return json.dumps({"evaluation_details": [{"name": "e", "metric_groups": [group]}]})


def only(text: str, filename: str = "c.json"):
    found = lint_text(text, filename=filename)
    assert len(found) == 1, [(d.code, d.pointer, d.message) for d in found]
    return found[0]


def test_number_written_as_a_string_carries_the_number() -> None:
    found = only(card({"name": "auc", "type": "number", "value": "0.93"}))
    assert found.message == (
        'metric value is "0.93" (a string); a metric of type "number" needs a number: write 0.93'
    )
    assert found.fix_intent is not None and found.fix_intent.applicability == "safe"
    assert found.fix_intent.actions == (ReplaceValue(f"{M}/0/value", 0.93),)


def test_boolean_written_as_a_string_carries_the_boolean() -> None:
    found = only(card({"name": "ok", "type": "boolean", "value": "false"}))
    assert found.code == "M001"
    assert found.fix_intent is not None
    assert found.fix_intent.actions == (ReplaceValue(f"{M}/0/value", False),)


NEEDS_NUMBER = 'a metric of type "number" needs a number'
NEEDS_BOOLEAN = 'a metric of type "boolean" needs a boolean'


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (
            "number",
            "high",
            'metric value is "high" (a string); a metric of type "number" needs a number',
        ),
        (
            "number",
            True,
            'metric value is a boolean true; a metric of type "number" needs a number',
        ),
        ("boolean", 1, 'metric value is a number 1; a metric of type "boolean" needs a boolean'),
        (
            "boolean",
            "yes",
            'metric value is "yes" (a string); a metric of type "boolean" needs a boolean',
        ),
    ],
)
def test_other_mismatches_have_no_fix(kind: str, value: object, message: str) -> None:
    found = only(card({"name": "m", "type": kind, "value": value}))
    assert (found.code, found.pointer, found.message, found.fix_intent) == (
        "M001",
        f"{M}/0/value",
        message,
        None,
    )


def test_json_number_for_a_string_metric_is_quoted_as_written() -> None:
    found = only(card({"name": "policy", "type": "string", "value": 5}))
    assert found.code == "M001"
    assert found.fix_intent is not None
    assert found.fix_intent.actions == (QuoteScalar(f"{M}/0/value"),)


def test_yaml_plain_scalar_for_a_string_metric_is_a_yaml_trap() -> None:
    text = (
        "evaluation_details:\n"
        "  - name: e\n"
        "    metric_groups:\n"
        "      - name: g\n"
        "        metric_data:\n"
        "          - {name: policy, type: string, value: 0.30}\n"
    )
    found = only(text, "c.yaml")
    assert (found.code, found.pointer, found.span.line, found.span.column) == (
        "Y001",
        f"{M}/0/value",
        6,
        49,
    )
    assert found.fix_intent is not None and found.fix_intent.applicability == "safe"
    assert found.fix_intent.actions == (QuoteScalar(f"{M}/0/value"),)


def test_values_the_schema_rejects_are_not_reported_twice() -> None:
    long = "x" * 64
    found = lint_text(card({"name": "m", "type": "number", "value": long}), filename="c.json")
    assert [(d.code, d.pointer) for d in found] == [("S005", f"{M}/0/value")]
    found = lint_text(card({"name": "m", "type": "number", "value": [1]}), filename="c.json")
    assert [d.code for d in found] == ["S001"]


def test_matching_values_pass() -> None:
    text = card(
        {"name": "a", "type": "number", "value": 1},
        {"name": "b", "type": "number", "value": 0.5},
        {"name": "c", "type": "string", "value": "x"},
        {"name": "d", "type": "boolean", "value": False},
    )
    assert lint_text(text, filename="c.json") == []


def test_axis_names_that_match_the_chart_pass() -> None:
    text = card(
        {"name": "b", "type": "bar_chart", "value": [1, 2], "x_axis_name": ["p", "q"]},
        {
            "name": "m",
            "type": "matrix",
            "value": [[1, 2, 3], [4, 5, 6]],
            "x_axis_name": ["a", "b", "c"],
            "y_axis_name": ["r", "s"],
        },
    )
    assert lint_text(text, filename="c.json") == []


def test_matrix_column_names_are_counted_against_the_row_length() -> None:
    found = only(
        card({"name": "m", "type": "matrix", "value": [[1, 2, 3]], "x_axis_name": ["a", "b"]})
    )
    assert (found.code, found.pointer, found.message) == (
        "M002",
        f"{M}/0/x_axis_name",
        "x_axis_name has 2 names for 3 columns; give one name per column",
    )


def test_ragged_matrix_is_one_finding_and_skips_the_column_count() -> None:
    text = card({"name": "m", "type": "matrix", "value": [[1, 2], [3], [4]], "x_axis_name": ["a"]})
    found = only(text)
    assert (found.code, found.pointer, found.message) == (
        "M003",
        f"{M}/0/value/1",
        "matrix row 1 has 1 number but row 0 has 2; every row of a matrix has the same length",
    )


@pytest.mark.parametrize(
    ("text", "pointer", "position"),
    [
        (
            "training_details:\n  training_job_details:\n    training_metrics:\n"
            "      - {name: loss, value: .nan}\n",
            "/training_details/training_job_details/training_metrics/0/value",
            (4, 29),
        ),
        (
            '{"training_details": {"training_job_details": {"training_metrics": '
            '[{"name": "loss", "value": -1e999}]}}}',
            "/training_details/training_job_details/training_metrics/0/value",
            (1, 95),
        ),
    ],
)
def test_non_finite_training_metric(text: str, pointer: str, position: tuple[int, int]) -> None:
    filename = "c.json" if text.startswith("{") else "c.yaml"
    found = only(text, filename)
    assert (found.code, found.pointer, (found.span.line, found.span.column)) == (
        "M004",
        pointer,
        position,
    )
    shown = "NaN" if filename == "c.yaml" else "-infinity"
    assert found.message.startswith(f"value is {shown}; SageMaker stores cards as JSON")
