"""The standalone model-card schema: a proper schema, and the SDK's card passes it."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from cardlint import lint_text
from cardlint.core.resources import load_vendored
from helpers import EXAMPLES, run_cli

SDK_CARD = EXAMPLES / "model-card" / "sdk-model-card.json"


def test_schema_declares_2020_12_and_is_valid():
    schema = load_vendored("model-card")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_unanchored_patterns_only_as_published_and_no_max_items_inside_items():
    # ".{1,63}" is CloudFormation's (and the service's) pattern: kept with its published meaning,
    # one character at least, not turned into a length limit the service does not apply.
    published = re.compile(r"\.\{1,(63|255)\}")
    bad = []
    stack = [("", load_vendored("model-card"))]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            pattern = node.get("pattern")
            if isinstance(pattern, str) and not (
                (pattern.startswith("^") and pattern.endswith("$")) or published.fullmatch(pattern)
            ):
                bad.append(where)
            items = node.get("items")
            if isinstance(items, dict) and "maxItems" in items and items.get("type") != "array":
                bad.append(where)
            stack.extend((f"{where}/{k}", v) for k, v in node.items())
    assert bad == []


def test_sdk_card_has_every_section_and_every_metric_type():
    card = json.loads(SDK_CARD.read_text())
    assert set(card) == {
        "model_overview",
        "intended_uses",
        "business_details",
        "training_details",
        "evaluation_details",
        "additional_information",
        "model_package_details",
    }
    metrics = card["evaluation_details"][0]["metric_groups"][0]["metric_data"]
    assert sorted(m["type"] for m in metrics) == [
        "bar_chart",
        "boolean",
        "linear_graph",
        "matrix",
        "number",
        "string",
    ]


@pytest.mark.parametrize("args", [("--schema", "model-card"), ()])
def test_sdk_card_is_clean_with_model_card_and_default(args):
    proc = run_cli("check", "--format", "json", *args, str(SDK_CARD))
    assert proc.returncode == 0, proc.stdout
    doc = json.loads(proc.stdout)
    assert doc["diagnostics"] == []
    assert doc["files"][0]["schema"] == "model-card"


def test_sdk_card_under_model_package_says_which_fields_belong_to_standalone_cards():
    proc = run_cli("check", "--format", "json", "--schema", "model-package", str(SDK_CARD))
    assert proc.returncode == 1
    got = [(d["code"], d["pointer"], d["line"]) for d in json.loads(proc.stdout)["diagnostics"]]
    assert got == [
        ("S004", "/model_overview/model_id", 3),
        ("S004", "/model_overview/model_name", 4),
        ("S004", "/model_overview/model_description", 5),
        ("S004", "/model_overview/model_version", 6),
        ("S004", "/model_overview/problem_type", 7),
        ("S004", "/model_overview/algorithm_type", 8),
        ("S004", "/model_overview/model_owner", 10),
        ("S004", "/model_overview/inference_environment", 14),
        ("S004", "/model_package_details", 179),
    ]
    for d in json.loads(proc.stdout)["diagnostics"]:
        assert "standalone model card" in d["message"]


def card(**overview: object) -> str:
    return json.dumps({"model_overview": {"model_id": "m", **overview}})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (card(model_version=0), [("S009", "/model_overview/model_version")]),
        (card(model_version="2"), [("S001", "/model_overview/model_version")]),
        (
            card(inference_environment={"container_image": ["i"] * 16}),
            [("S007", "/model_overview/inference_environment/container_image")],
        ),
        (
            json.dumps(
                {
                    "training_details": {
                        "training_job_details": {
                            "training_metrics": [{"name": "m", "value": 1}] * 51
                        }
                    }
                }
            ),
            [("S007", "/training_details/training_job_details/training_metrics")],
        ),
        (
            json.dumps({"model_package_details": {"model_package_arn": "not-an-arn"}}),
            [("S006", "/model_package_details/model_package_arn")],
        ),
        (
            json.dumps(
                {
                    "evaluation_details": [
                        {
                            "name": "e",
                            "metric_groups": [
                                {
                                    "name": "g",
                                    "metric_data": [
                                        {
                                            "name": "roc",
                                            "type": "linear_graph",
                                            "value": [[0, 1, 2]],
                                        }
                                    ],
                                }
                            ],
                        }
                    ]
                }
            ),
            [
                (
                    "S007",
                    "/evaluation_details/0/metric_groups/0/metric_data/0/value/0",
                )
            ],
        ),
        (
            json.dumps(
                {"training_details": {"objective_function": {"function": {"function": "Max"}}}}
            ),
            [("S002", "/training_details/objective_function/function/function")],
        ),
    ],
)
def test_model_card_schema_findings(text: str, expected: list[tuple[str, str]]):
    got = [(d.code, d.pointer) for d in lint_text(text, filename="c.json", schema="model-card")]
    assert got == expected


def test_every_pattern_said_in_words_is_a_pattern_of_the_schema():
    from cardlint.schema.validation import _PATTERN_HINTS

    found: set[str] = set()
    stack: list[object] = [load_vendored("model-card")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert set(_PATTERN_HINTS) <= found
    arn = lint_text(
        '{"model_package_details": {"model_package_arn": "churn-model/3"}}',
        filename="c.json",
        schema="model-card",
    )
    assert [(d.code, d.message) for d in arn] == [
        (
            "S006",
            'model_package_arn "churn-model/3" does not match the pattern '
            "^arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:model-package/\\S{1,2048}$; "
            "write the model package's ARN, "
            "arn:aws:sagemaker:REGION:ACCOUNT:model-package/NAME/VERSION",
        )
    ]
