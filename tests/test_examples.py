"""Every example card gives exactly the findings listed here (code, pointer, line, column)."""

from __future__ import annotations

import json

import pytest

from cardlint import lint_text
from helpers import EXAMPLES, run_cli

EXPECTED: dict[str, list[tuple[str, str, int, int]]] = {
    "bad/acceptance-model-card.json": [
        ("S004", "/model_overview/model_owner", 4, 5),
        ("S002", "/intended_uses/risk_rating", 8, 20),
        ("P002", "/intended_uses/purpose_of_model", 9, 5),
        ("S001", "/business_details/line_of_business", 12, 25),
        ("S003", "/evaluation_details/0", 15, 5),
        ("S007", "/evaluation_details/0/metric_groups/0/metric_data/0/value/1", 21, 75),
    ],
    "bad/acceptance-model-card.yaml": [
        ("S004", "/model_overview/model_owner", 4, 3),
        ("S002", "/intended_uses/risk_rating", 7, 16),
        ("P002", "/intended_uses/purpose_of_model", 8, 3),
        ("Y001", "/business_details/line_of_business", 10, 21),
        ("S003", "/evaluation_details/0", 12, 5),
        ("S007", "/evaluation_details/0/metric_groups/0/metric_data/0/value/1", 18, 33),
    ],
    "bad/metric-shapes-model-card.yaml": [
        ("S008", "/evaluation_details/0/metric_groups/0/metric_data/0", 6, 13),
        ("S008", "/evaluation_details/0/metric_groups/0/metric_data/1/type", 9, 19),
        ("S007", "/evaluation_details/0/metric_groups/0/metric_data/2/value", 13, 20),
        ("S005", "/evaluation_details/0/metric_groups/0/metric_data/3/value", 16, 20),
    ],
    "bad/one-finding-model-card.yaml": [
        ("G003", "/model_overview/model_creator", 3, 18),
        ("G003", "/intended_uses/purpose_of_model", 5, 61),
        ("S001", "/intended_uses/explanations_for_risk_rating", 8, 3),
        ("S001", "/evaluation_details/0/metric_groups/0/metric_data/0/value", 17, 20),
        ("S001", "/evaluation_details/0/metric_groups/0/metric_data/1/value", 20, 20),
        ("S001", "/evaluation_details/0/metric_groups/0/metric_data/2/value", 23, 20),
    ],
    "bad/syntax-model-card.json": [("P001", "", 3, 37)],
    "bad/types-and-lengths-model-card.json": [
        ("S004", "/modelOverview", 2, 3),
        ("S001", "/training_details/training_job_details/training_metrics/0/value", 5, 53),
        ("S003", "/training_details/training_job_details/hyper_parameters/0", 6, 28),
        ("G004", "/evaluation_details/0", 10, 5),  # warning: an evaluation without metrics
        ("S007", "/evaluation_details/0/datasets", 10, 32),
        # warnings: "d1" ... "d11" are not s3:// URIs
        *[
            ("V003", f"/evaluation_details/0/datasets/{i}", 10, column)
            for i, column in enumerate((33, 39, 45, 51, 57, 63, 69, 75, 81, 87, 94))
        ],
        ("S001", "/additional_information/custom_details/ticket", 12, 59),
    ],
    "bad/unsafe-tag-model-card.yaml": [("P006", "", 2, 18)],
    "bad/yaml-traps-model-card.yaml": [
        ("S001", "/model_overview/model_creator", 2, 18),
        ("Y001", "/intended_uses/purpose_of_model", 4, 21),
        ("Y001", "/business_details/business_stakeholders", 6, 26),
        ("Y001", "/training_details/training_job_details/hyper_parameters/0/value", 11, 16),
    ],
    "good/churn-model-card.yaml": [],
    "good/minimal-model-card.yml": [],
    "good/sdk-model-package-model-card.json": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_findings_in_process(name: str) -> None:
    path = EXAMPLES / name
    diagnostics = lint_text(path.read_text(encoding="utf-8"), filename=str(path))
    got = [(d.code, d.pointer, d.span.line, d.span.column) for d in diagnostics]
    assert got == EXPECTED[name]


def test_every_example_card_is_listed() -> None:
    on_disk = {
        str(p.relative_to(EXAMPLES))
        for sub in ("good", "bad")
        for p in (EXAMPLES / sub).iterdir()
        if p.suffix in (".json", ".yaml", ".yml")
    }
    assert on_disk == set(EXPECTED)


def test_installed_command_on_examples_directory() -> None:
    proc = run_cli(
        "check", "--format", "json", "examples/good", "examples/bad", cwd=EXAMPLES.parent
    )
    assert proc.returncode == 1, proc.stderr
    got: dict[str, list[tuple[str, str, int, int]]] = {name: [] for name in EXPECTED}
    for d in json.loads(proc.stdout)["diagnostics"]:
        got[d["file"].removeprefix("examples/")].append(
            (d["code"], d["pointer"], d["line"], d["column"])
        )
    assert got == EXPECTED


def test_good_examples_exit_zero() -> None:
    proc = run_cli("check", "examples/good", cwd=EXAMPLES.parent)
    assert proc.returncode == 0
    assert proc.stdout == "All checks passed (3 files checked).\n"
