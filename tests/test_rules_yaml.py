"""Y002: scalars YAML 1.1 and YAML 1.2 read differently, without repeating Y001."""

from __future__ import annotations

import pytest

from cardlint import lint_text
from cardlint.core.diagnostics import ReplaceValue, Severity
from helpers import EXAMPLES, json_findings

TM = "/training_details/training_job_details/training_metrics"
M = "/evaluation_details/0/metric_groups/0/metric_data"
EXPECTED = [
    ("Y002", f"{TM}/0/value", 6, 16),
    ("Y002", f"{TM}/1/value", 8, 16),
    ("Y001", "/training_details/training_job_details/hyper_parameters/0/value", 11, 16),
    ("Y002", f"{M}/0/value", 19, 20),
    ("Y001", f"{M}/1/value", 22, 20),
]


def test_example_card_in_process() -> None:
    path = EXAMPLES / "rules" / "yaml-traps-model-card.yaml"
    got = lint_text(path.read_text(encoding="utf-8"), filename=str(path))
    assert [(d.code, d.pointer, d.span.line, d.span.column) for d in got] == EXPECTED
    assert [d.severity for d in got] == [
        Severity.WARNING,
        Severity.WARNING,
        Severity.ERROR,
        Severity.WARNING,
        Severity.ERROR,
    ]
    assert got[0].message == (
        "0200 reads as a number 128 in YAML 1.1 (PyYAML, the SageMaker SDK) but as a number "
        "200 in YAML 1.2; write 128 (or 200, if that was meant)"
    )
    assert got[1].message == (
        "1_000 reads as a number 1000 in YAML 1.1 (PyYAML, the SageMaker SDK) but as a string "
        "in YAML 1.2; write 1000"
    )


def test_example_card_with_the_installed_command() -> None:
    assert json_findings("rules/yaml-traps-model-card.yaml", cwd=EXAMPLES) == EXPECTED


def boolean_metric(written: str) -> str:
    return (
        "evaluation_details:\n"
        "  - name: e\n"
        "    metric_groups:\n"
        "      - name: g\n"
        "        metric_data:\n"
        "          - name: calibrated\n"
        "            type: boolean\n"
        f"            value: {written}\n"
    )


@pytest.mark.parametrize(
    ("written", "value"), [("yes", True), ("no", False), ("on", True), ("Off", False)]
)
def test_yaml11_boolean_on_a_boolean_metric(written: str, value: bool) -> None:
    found = lint_text(boolean_metric(written), filename="c.yaml")
    assert [(d.code, d.pointer, d.span.line, d.span.column) for d in found] == [
        ("Y002", f"{M}/0/value", 8, 20)
    ]
    spelling = "true" if value else "false"
    assert found[0].message == (
        f"{written} reads as a boolean {spelling} in YAML 1.1 (PyYAML, the SageMaker SDK) but as "
        f"a string in YAML 1.2; write {spelling}"
    )
    intent = found[0].fix_intent
    assert intent is not None and intent.applicability == "safe"
    assert intent.actions == (ReplaceValue(f"{M}/0/value", value),)


@pytest.mark.parametrize("written", ["true", "false", '"yes"'])
def test_unambiguous_spellings_pass(written: str) -> None:
    codes = [d.code for d in lint_text(boolean_metric(written), filename="c.yaml")]
    assert codes == ([] if written != '"yes"' else ["M001"])


def test_number_fix_is_unsafe() -> None:
    text = "training_details:\n  training_job_details:\n    training_metrics:\n"
    text += "      - {name: n, value: 1:20}\n"
    found = lint_text(text, filename="c.yaml")
    assert [(d.code, d.pointer, d.span.line, d.span.column) for d in found] == [
        ("Y002", f"{TM}/0/value", 4, 26)
    ]
    assert found[0].message.startswith("1:20 reads as a number 80 in YAML 1.1")
    intent = found[0].fix_intent
    assert intent is not None and intent.applicability == "unsafe"
    assert intent.actions == (ReplaceValue(f"{TM}/0/value", 80),)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a string is expected: Y001 only
        ("intended_uses:\n  intended_uses: yes\n", ["Y001"]),
        # a number is expected and YAML 1.1 gave a boolean: the schema's S001 only
        (
            "training_details:\n  training_job_details:\n    training_metrics:\n"
            "      - {name: n, value: yes}\n",
            ["S001"],
        ),
        # the metric type wants a number: M001 only
        (boolean_metric("yes").replace("type: boolean", "type: number"), ["M001"]),
        # an unknown property: S004 only
        ("intended_uses:\n  flag: yes\n", ["S004"]),
    ],
)
def test_never_repeats_another_finding(text: str, codes: list[str]) -> None:
    assert [d.code for d in lint_text(text, filename="c.yaml")] == codes


def test_json_never_gets_yaml_findings() -> None:
    text = '{"training_details": {"training_job_details": {"training_metrics": '
    text += '[{"name": "n", "value": 10}]}}}'
    assert lint_text(text, filename="c.json") == []
