"""V rules: card size and reference formats (ARNs, S3 URIs, image URIs)."""

from __future__ import annotations

import json

import pytest

from cardlint import lint_text
from cardlint.core.diagnostics import Severity
from cardlint.core.settings import Settings
from helpers import EXAMPLES, json_findings, run_cli

JOB = "/training_details/training_job_details"
EXPECTED = {
    "rules/values-model-card.json": [
        ("V003", "/model_overview/model_artifact/0", 3, 24),
        ("V002", f"{JOB}/training_arn", 7, 23),
        ("V003", f"{JOB}/training_datasets/0", 8, 29),
        ("V004", f"{JOB}/training_environment/container_image/0", 9, 52),
        ("V002", "/evaluation_details/0/evaluation_job_arn", 15, 29),
    ],
    "rules/values-model-card.yaml": [
        ("V003", "/model_overview/model_artifact/0", 4, 7),
        ("V002", f"{JOB}/training_arn", 7, 19),
        ("V003", f"{JOB}/training_datasets/0", 9, 9),
        ("V004", f"{JOB}/training_environment/container_image/0", 11, 25),
        ("V002", "/evaluation_details/0/evaluation_job_arn", 14, 25),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_cards_in_process(name: str) -> None:
    path = EXAMPLES / name
    got = lint_text(path.read_text(encoding="utf-8"), filename=str(path))
    assert [(d.code, d.pointer, d.span.line, d.span.column) for d in got] == EXPECTED[name]
    assert {d.severity for d in got} == {Severity.WARNING}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_cards_with_the_installed_command(name: str) -> None:
    assert json_findings(name, cwd=EXAMPLES) == EXPECTED[name]


def test_reference_warnings_pass_by_default_and_fail_with_strict() -> None:
    path = "rules/values-model-card.json"
    assert run_cli("check", path, cwd=EXAMPLES).returncode == 0
    assert run_cli("check", "--strict", path, cwd=EXAMPLES).returncode == 1


@pytest.mark.parametrize("code", ["V002", "V003", "V004"])
def test_each_reference_rule_can_be_turned_off(code: str) -> None:
    got = json_findings("--ignore", code, "rules/values-model-card.yaml", cwd=EXAMPLES)
    assert got == [f for f in EXPECTED["rules/values-model-card.yaml"] if f[0] != code]


def job(**fields: object) -> str:
    return json.dumps({"training_details": {"training_job_details": fields}})


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:sagemaker:us-east-1:123456789012:training-job/fraud-xgb",
        "arn:aws-cn:sagemaker:cn-north-1:123456789012:training-job/x",
        "arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:training-job/x",
    ],
)
def test_training_arns_that_pass(arn: str) -> None:
    assert lint_text(job(training_arn=arn), filename="c.json") == []


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:sagemaker:us-east-1:123456789012:processing-job/x",
        "arn:aws:sagemaker:us-east-1:12345:training-job/x",
        "https://console.aws.amazon.com/sagemaker/home#/jobs/x",
    ],
)
def test_training_arns_that_warn(arn: str) -> None:
    assert [d.code for d in lint_text(job(training_arn=arn), filename="c.json")] == ["V002"]


@pytest.mark.parametrize(
    ("arn", "codes"),
    [
        ("arn:aws:sagemaker:us-east-1:123456789012:processing-job/eval", []),
        ("arn:aws:sagemaker:us-east-1:123456789012:transform-job/eval", []),
        ("arn:aws:sagemaker:us-east-1:123456789012:pipeline/p/execution/abc", []),
        ("arn:aws:bedrock:us-east-1:123456789012:evaluation-job/abc", []),
        ("arn:aws:sagemaker:us-east-1:123456789012:endpoint/e", ["V002"]),
        ("arn:aws:s3:::bucket/key", ["V002"]),
    ],
)
def test_evaluation_job_arns(arn: str, codes: list[str]) -> None:
    card = {
        "evaluation_details": [
            {
                "name": "e",
                "evaluation_job_arn": arn,
                "metric_groups": [
                    {"name": "g", "metric_data": [{"name": "a", "type": "number", "value": 1}]}
                ],
            }
        ]
    }
    assert [d.code for d in lint_text(json.dumps(card), filename="c.json")] == codes


@pytest.mark.parametrize(
    ("uri", "codes"),
    [
        ("s3://example-ml-data/train/", []),
        ("s3://example-ml-data", []),
        ("s3://Bad_Bucket/key", ["V003"]),
        ("s3://b/key", ["V003"]),
        ("/data/train.csv", ["V003"]),
    ],
)
def test_dataset_uris(uri: str, codes: list[str]) -> None:
    assert [d.code for d in lint_text(job(training_datasets=[uri]), filename="c.json")] == codes


@pytest.mark.parametrize(
    ("image", "codes"),
    [
        ("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1", []),
        ("763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training@sha256:" + "a" * 64, []),
        ("public.ecr.aws/lambda/python:3.12", []),
        ("python", []),
        ("XGBoost 1.7", ["V004"]),
        ("s3://bucket/image.tar", ["V004"]),
    ],
)
def test_container_images(image: str, codes: list[str]) -> None:
    text = job(training_environment={"container_image": [image]})
    assert [d.code for d in lint_text(text, filename="c.json")] == codes


def big_card(size: int) -> dict:
    """A card whose compact JSON is exactly ``size`` characters."""
    card = {"additional_information": {"custom_details": {}}}
    details = card["additional_information"]["custom_details"]
    base = len(json.dumps(card, separators=(",", ":")))
    # each property "kNNN":"<1000 x>" adds its own length plus a comma after the first
    i = 0
    while True:
        key = f"k{i:03d}"
        entry = len(json.dumps({key: ""}, separators=(",", ":"))) - 2 + (1 if details else 0)
        room = size - base - entry
        if room <= 1000:
            details[key] = "x" * room
            break
        details[key] = "x" * 1000
        base += entry + 1000
        i += 1
    assert len(json.dumps(card, separators=(",", ":"), ensure_ascii=False)) == size
    return card


@pytest.mark.parametrize(("fmt", "position"), [("json", (1, 1)), ("yaml", (1, 1))])
def test_card_size_limit(fmt: str, position: tuple[int, int]) -> None:
    import yaml

    def dump(card: dict) -> str:
        return json.dumps(card) if fmt == "json" else yaml.safe_dump(card, width=10**6)

    found = lint_text(dump(big_card(100_001)), filename=f"c.{fmt}")
    assert [(d.code, d.pointer, (d.span.line, d.span.column)) for d in found] == [
        ("V001", "", position)
    ]
    assert found[0].message == (
        "the card is 100,001 characters as compact JSON; SageMaker accepts at most 100,000"
    )
    assert lint_text(dump(big_card(100_000)), filename=f"c.{fmt}") == []


def test_card_size_counts_yaml_dates_as_their_text() -> None:
    import datetime

    import yaml

    extra = json.dumps({"evaluation_details": [{"name": "2024-03-01"}]}, separators=(",", ":"))
    card = big_card(100_001 - (len(extra) - 2 + 1))  # its members, plus one comma
    card["evaluation_details"] = [{"name": datetime.date(2024, 3, 1)}]
    text = yaml.safe_dump(card, width=10**6)
    assert "name: 2024-03-01\n" in text
    found = lint_text(text, filename="c.yaml")
    assert [(d.code, d.pointer) for d in found] == [
        ("V001", ""),
        ("G004", "/evaluation_details/0"),
        ("Y001", "/evaluation_details/0/name"),
    ]
    assert found[0].message.startswith("the card is 100,001 characters")


def test_size_rule_can_be_selected_alone() -> None:
    settings = Settings(select=("V001",))
    text = json.dumps(big_card(100_001))
    assert [d.code for d in lint_text(text, filename="c.json", settings=settings)] == ["V001"]
