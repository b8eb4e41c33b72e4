"""Hover text (cardlint.lsp.hover): metric shapes picked by ``type``, limits in plain words."""

from __future__ import annotations

from typing import Any

import pytest

from cardlint.core.resources import load_vendored
from cardlint.lsp.hover import hover_text, typed_choice

METRIC = "/evaluation_details/0/metric_groups/0/metric_data/0"
TYPES = "`number`, `string`, `boolean`, `linear_graph`, `bar_chart`, `matrix`"


def card(metric: dict[str, Any]) -> dict[str, Any]:
    group = {"name": "g", "metric_data": [metric]}
    return {"evaluation_details": [{"name": "e", "metric_groups": [group]}]}


@pytest.fixture(scope="module")
def schema() -> Any:
    return load_vendored("model-package")


def test_metric_items_choose_among_six_types(schema) -> None:
    value = card({"name": "m", "type": "matrix", "value": [[1]]})
    assert typed_choice(schema, value, METRIC) == [
        "number",
        "string",
        "boolean",
        "linear_graph",
        "bar_chart",
        "matrix",
    ]
    assert typed_choice(schema, value, "/evaluation_details/0") is None


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("Linear_Graph", "This metric's type is `Linear_Graph`, not one of them."),
        (None, "This metric's type is missing."),
    ],
)
def test_hover_on_a_wrong_or_missing_type_lists_the_six(schema, kind, said) -> None:
    metric = {"name": "m", "value": [[0.1, 0.5]]} | ({"type": kind} if kind else {})
    assert hover_text(schema, card(metric), f"{METRIC}/type") == (
        f"**type** `{METRIC}/type`\n\n"
        f"The metric's type; it picks the shape of `value`. One of: {TYPES}.\n"
        f"{said}"
    )


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("Linear_Graph", "its type `Linear_Graph` is not a metric type"),
        (None, "its type is missing"),
    ],
)
def test_hover_on_value_cannot_tell_the_shape_until_the_type_is_fixed(schema, kind, said) -> None:
    metric = {"name": "m", "value": [[0.1, 0.5]]} | ({"type": kind} if kind else {})
    assert hover_text(schema, card(metric), f"{METRIC}/value") == (
        f"**value** `{METRIC}/value`\n\n"
        f"The shape of `value` depends on the metric's `type`: {said}, so the shape cannot be "
        f"told until the type is one of {TYPES}."
    )


@pytest.mark.parametrize(
    ("kind", "value", "shape", "limits"),
    [
        (
            "linear_graph",
            [[0.1, 0.5]],
            "a list of [x, y] pairs of numbers, one pair per point of the line, "
            "for example `[[0.1, 0.62], [0.2, 0.71]]`",
            ["- type: `array`", "- at least 1 item"],
        ),
        (
            "bar_chart",
            [3, 4],
            "a list of numbers, one per bar, for example `[120, 80, 45]`",
            ["- type: `array`", "- at least 1 item"],
        ),
        (
            "matrix",
            [[1]],
            "a list of rows, each a list of numbers (1 to 20 rows of 1 to 20 numbers), "
            "for example `[[50, 3], [7, 40]]`",
            ["- type: `array`", "- at least 1 item", "- at most 20 items"],
        ),
        ("number", 0.9, "a number, for example `0.93`", []),
    ],
)
def test_hover_on_value_describes_the_shape_of_its_type(schema, kind, value, shape, limits) -> None:
    metric = {"name": "m", "type": kind, "value": value}
    expected = [f"**value** `{METRIC}/value`", "", f"For a `{kind}` metric: {shape}."]
    expected += ["", *limits] if limits else []
    assert hover_text(schema, card(metric), f"{METRIC}/value") == "\n".join(expected)


@pytest.mark.parametrize(
    ("kind", "axis", "said", "limits"),
    [
        ("linear_graph", "x_axis_name", "the name of the x axis", ["string`", "63 characters"]),
        ("bar_chart", "x_axis_name", "a list of bar labels, one per bar", ["array`"]),
        ("bar_chart", "y_axis_name", "the name of the y axis", ["string`", "63 characters"]),
        ("matrix", "y_axis_name", "a list of row labels", ["array`"]),
    ],
)
def test_hover_on_axis_names_follows_the_chart_type(schema, kind, axis, said, limits) -> None:
    metric = {"name": "m", "type": kind, "value": [[1]]}
    text = hover_text(schema, card(metric), f"{METRIC}/{axis}")
    assert text is not None
    head, about, *rest = text.split("\n\n")
    assert (head, about) == (f"**{axis}** `{METRIC}/{axis}`", f"For a `{kind}` metric: {said}.")
    assert all(any(word in line for line in rest[0].splitlines()) for word in limits)


def test_one_character_is_singular() -> None:
    value = {"evaluation_details": [{"name": "e"}]}
    assert hover_text(load_vendored("model-card"), value, "/evaluation_details/0/name") == (
        "**name** `/evaluation_details/0/name`\n\n"
        "- type: `string`\n"
        "- required\n"
        "- at least 1 character (the published pattern `.{1,63}`; SageMaker accepts longer ones)"
    )
