"""Schema findings: one per defect, in plain words, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardlint import lint_text
from cardlint.core.resources import load_vendored

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "model-package-card-schema.json"
# The schema as published in the SageMaker documentation, kept in the repository so that the
# comparison runs in a fresh clone; the seed beside the repository is where it came from.
PUBLISHED = ROOT / "tests" / "data" / "published" / "model-package-card-schema.json"


def messages(text: str, filename: str = "card.json") -> list[tuple[str, str, str]]:
    return [(d.code, d.pointer, d.message) for d in lint_text(text, filename=filename)]


def test_vendored_schema_is_the_published_one():
    assert load_vendored("model-package") == json.loads(PUBLISHED.read_text(encoding="utf-8"))


@pytest.mark.skipif(not SEED.exists(), reason="the seed lives in ../shared beside the repo")
def test_published_copy_is_the_seed():
    assert PUBLISHED.read_bytes() == SEED.read_bytes()


def test_vendored_schema_is_the_documented_version():
    schema = load_vendored("model-package")
    assert (schema["title"], schema["version"]) == ("SageMakerModelCardSchema", "0.1.0")


def metric(item: dict) -> str:
    card = {
        "evaluation_details": [
            {"name": "e", "metric_groups": [{"name": "g", "metric_data": [item]}]}
        ]
    }
    return json.dumps(card)


M = "/evaluation_details/0/metric_groups/0/metric_data/0"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            {"name": "roc", "type": "linear_graph", "value": [[0, 1, 2]]},
            [("S007", f"{M}/value/0", "value[0] has 3 items; at most 2 are allowed")],
        ),
        (
            {"name": "bars", "type": "bar_chart", "value": ["a"]},
            [("S001", f"{M}/value/0", 'value[0] must be a number, not a string "a"')],
        ),
        (
            {"name": "m", "type": "matrix", "value": [[1] * 21]},
            [("S007", f"{M}/value/0", "value[0] has 21 items; at most 20 are allowed")],
        ),
        (
            {"name": "acc", "value": 0.9},
            [
                (
                    "S008",
                    M,
                    "metric has no type; the type picks its shape: one of number, string, "
                    "boolean, linear_graph, bar_chart, matrix",
                )
            ],
        ),
        (
            {"name": "acc", "type": "Number", "value": 0.9},
            [
                (
                    "S008",
                    f"{M}/type",
                    'metric type "Number" is not one of number, string, boolean, linear_graph, '
                    'bar_chart, matrix (did you mean "number"?)',
                )
            ],
        ),
        # A type that is not a string once stopped the whole run (an unhashable lookup).
        (
            {"name": "acc", "type": ["number"], "value": 0.9},
            [
                (
                    "S008",
                    f"{M}/type",
                    'metric type ["number"] is not one of number, string, boolean, linear_graph, '
                    "bar_chart, matrix",
                )
            ],
        ),
        (
            {"name": "acc", "type": {"kind": "number"}, "value": 0.9},
            [
                (
                    "S008",
                    f"{M}/type",
                    'metric type {"kind": "number"} is not one of number, string, boolean, '
                    "linear_graph, bar_chart, matrix",
                )
            ],
        ),
        (
            {"name": "acc", "type": "number", "value": 0.9, "unit": "%"},
            [
                (
                    "S004",
                    f"{M}/unit",
                    'unknown property "unit" in metric_data[0]; allowed: name, notes, type, '
                    "value, x_axis_name, y_axis_name",
                )
            ],
        ),
        (
            {"name": "acc", "type": "number", "value": None},
            [
                (
                    "S001",
                    f"{M}/value",
                    "value is missing (null); write the value",
                )
            ],
        ),
    ],
)
def test_metric_items_report_only_the_branch_their_type_selects(item, expected):
    assert messages(metric(item)) == expected


def test_never_reports_anyof_boilerplate():
    bad = metric({"name": "x", "type": "matrix", "value": "oops", "x_axis_name": 3})
    for _, _, message in messages(bad):
        assert "is not valid under any of the given schemas" not in message


def test_long_values_are_shortened_with_their_length():
    card = {"intended_uses": {"risk_rating": "x" * 2100}}
    [(code, _, message)] = messages(json.dumps(card))
    assert code == "S002"
    assert message == (
        'risk_rating "' + "x" * 57 + '…" (2100 characters) is not one of High, Medium, Low, Unknown'
    )


def test_max_length_gives_length_and_limit():
    card = {"business_details": {"business_problem": "y" * 2049}}
    assert messages(json.dumps(card)) == [
        (
            "S005",
            "/business_details/business_problem",
            "business_problem is 2049 characters long; at most 2048 are allowed",
        )
    ]


def test_unknown_property_names_allowed_properties_and_suggests():
    card = {"model_overview": {"modelCreator": "a"}}
    assert messages(json.dumps(card)) == [
        (
            "S004",
            "/model_overview/modelCreator",
            'unknown property "modelCreator" in model_overview (did you mean "model_creator"?); '
            "allowed: model_creator, model_artifact",
        )
    ]


@pytest.mark.parametrize(
    ("written", "reading"),
    [
        ("yes", "a boolean true"),
        ("0.30", "a number 0.3"),
        ("2024-03-01", "a date"),
        ("010", "a number 8"),
    ],
)
def test_yaml_scalar_read_as_non_string_says_to_quote_it(written, reading):
    text = f"business_details:\n  business_problem: {written}\n"
    assert messages(text, "card.yaml") == [
        (
            "Y001",
            "/business_details/business_problem",
            f"business_problem is written {written}, which YAML 1.1 reads as {reading}; "
            f'quote it ("{written}") to keep the string',
        )
    ]


def test_quoted_yaml_scalar_is_a_string():
    assert messages('business_details:\n  business_problem: "2024-03-01"\n', "c.yaml") == []


def test_required_points_at_object_that_lacks_it():
    text = '{"evaluation_details": [{"datasets": []}]}'
    [d] = [d for d in lint_text(text, filename="c.json") if d.severity == "error"]
    assert (d.code, d.pointer, d.span.column, d.span.end_column) == (
        "S003",
        "/evaluation_details/0",
        25,
        26,
    )
    assert d.message == 'evaluation_details[0] is missing the required property "name"'


def test_remote_ref_in_user_schema_is_a_finding_not_a_fetch(tmp_path, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    schema = tmp_path / "remote.json"
    schema.write_text(json.dumps({"$ref": "https://example.com/card.schema.json"}))
    found = lint_text("{}", filename="c.json", schema=str(schema))
    [d] = [d for d in found if d.severity == "error"]  # G002 warns that the card is empty
    assert d.code == "S010"
    assert d.message == (
        '$ref "https://example.com/card.schema.json" cannot be resolved offline '
        "(cardlint never fetches schemas)"
    )
