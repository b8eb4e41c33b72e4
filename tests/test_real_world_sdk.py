"""The SageMaker Python SDK's own cards: no error on what the service accepts, and exactly the
real defects of the two that have one.

The cards are another project's data: they are read where they lie,
``../shared/real-world/sagemaker-sdk/`` beside the repository (its README says where each comes
from and what the service says about it), never copied here. Where that folder is absent these
tests are skipped, with the reason.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from helpers import ROOT, run_cli

SDK_CARDS = ROOT.parent / "shared" / "real-world" / "sagemaker-sdk"

needs_cards = pytest.mark.skipif(
    not (SDK_CARDS / "README.md").is_file(),
    reason=f"the SDK regression cards are not beside the repository ({SDK_CARDS})",
)

# file -> the schemas its kind implies (the README's "kind" column); auto is always checked too.
ACCEPTED = {
    # created on the service by the SDK's integration test; two metric-group names of 64 chars
    "sdk-integ-card2-autodiscovered.model-card.json": ("model-card",),
    # the SDK's Clarify translation: metric-group names of 75 characters
    "sdk-clarify-explainability-eval.model-card.json": ("model-card", "model-package"),
    "sdk-monitor-binary-eval.model-card.json": ("model-card", "model-package"),
    # registered on the service by model.register(..., model_card=...)
    "sdk-integ-model-package-json.model-card.json": ("model-package",),
    # a DescribeModelPackage response; `model_artifact: []` is what the SDK writes
    "sdk-unit-describe-model-package.model-card.json": ("model-package",),
}

# file -> (schemas, the one defect: code, pointer, line, column, message)
DEFECTIVE: dict[str, tuple[tuple[str, ...], tuple[str, str, int, int, str]]] = {
    "sdk-unit-describe-content.model-card.json": (
        ("model-card",),
        (
            "S006",
            "/model_package_details/model_package_name",
            27,
            27,
            'model_package_name "model_package_name" does not match the pattern '
            "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$; use letters, digits and hyphens only, "
            "starting and ending with a letter or digit, at most 63 characters",
        ),
    ),
    "sdk-core-model-package-args.model-card.json": (
        ("model-package",),
        (
            "S004",
            "/ModelCard/ModelCardContent/model_details",  # the card is a string inside
            3,
            27,
            'unknown property "model_details" in the card; allowed: model_overview, '
            "intended_uses, business_details, training_details, evaluation_details, "
            "additional_information",
        ),
    ),
}


def _report(name: str, schema: str, *extra: str) -> dict[str, Any]:
    proc = run_cli(
        "check", "--no-cache", "--format", "json", "--schema", schema, *extra, name, cwd=SDK_CARDS
    )
    assert proc.returncode in (0, 1), proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def _cases(table: dict[str, Any], schemas_of: Any) -> list[tuple[str, str]]:
    return [(name, schema) for name in table for schema in ("auto", *schemas_of(table[name]))]


@needs_cards
def test_the_set_is_the_one_the_tests_know() -> None:
    on_disk = {p.name for p in SDK_CARDS.glob("*.model-card.json")}
    assert on_disk == set(ACCEPTED) | set(DEFECTIVE)


@needs_cards
@pytest.mark.parametrize(("name", "schema"), _cases(ACCEPTED, lambda kinds: kinds))
def test_cards_the_service_accepts_get_no_error(name: str, schema: str) -> None:
    report = _report(name, schema)
    errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert errors == [], [(d["code"], d["pointer"], d["message"]) for d in errors]


@needs_cards
@pytest.mark.parametrize(("name", "schema"), _cases(DEFECTIVE, lambda entry: entry[0]))
def test_real_defects_are_found_exactly(name: str, schema: str) -> None:
    report = _report(name, schema)
    found = [
        (d["code"], d["pointer"], d["line"], d["column"], d["message"])
        for d in report["diagnostics"]
        if d["severity"] == "error"
    ]
    assert found == [DEFECTIVE[name][1]]


@needs_cards
def test_long_metric_group_names_are_only_the_opt_in_warning() -> None:
    report = _report(
        "sdk-clarify-explainability-eval.model-card.json", "auto", "--extend-select", "L002"
    )
    found = [(d["code"], d["severity"], d["line"]) for d in report["diagnostics"]]
    assert found == [
        ("L002", "warning", 64),
        ("L002", "warning", 79),
        ("L002", "warning", 124),
        ("L002", "warning", 139),
    ]
    assert report["diagnostics"][0]["message"].startswith("name is 75 characters long, ")
