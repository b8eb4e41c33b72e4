"""Cards written the way public cards are: no error where SageMaker accepts them, and the
mistakes people really make found at their line and column.

Each card below is our own text. It reproduces the keys, shapes and kinds of values of a public
card (where the pattern was seen is noted above each one), not its words:

- ``TERRAFORM_EMPTY``, ``TERRAFORM_CONTENT``: the Terraform AWS provider's acceptance tests for
  ``aws_sagemaker_model_card`` (``internal/service/sagemaker/model_card_test.go``), which create
  the card on the service: ``content = "{}"``, and three short fields in
  ``business_details``/``intended_uses``/``additional_information``.
- ``MOTO_MINIMAL``: moto's SageMaker tests, ``create_model_card`` with only
  ``model_overview.model_description``.
- ``SDK_TUTORIAL``: tutorials built on the SageMaker Python SDK's ``ModelCard`` (churn
  prediction): ``model_name``, ``model_description``, ``problem_type``, ``algorithm_type``, a
  Medium risk with its explanation, a training job ARN, an S3 prefix as dataset and an ECR image
  with a ``latest`` tag.
- ``PIPELINE_CARD``: a pipeline step that fills a card from computed metrics (crime hot-spot
  tutorial): a placeholder-like artifact URI, evaluation datasets written as prose, metric notes,
  a risk rating picked by a threshold.
- ``CLARIFY_NAMES``: the SDK's Clarify import, metric-group names of 64 to 80 characters
  (``post_training_bias_metrics - label ... and facet ...``).
- ``NON_ENGLISH``: a card written in Vietnamese in a public course repository: non-ASCII prose,
  a High risk with its explanation.
- ``MISTAKES``: what the same tutorials get wrong, each a real rejection (it has two standalone
  fields, so ``--schema auto`` checks it as a standalone card, where CloudFormation's shape of
  ``objective_function`` applies): ``model_version`` as
  the string ``"1.0"`` (the schema wants a number), ``objective_function`` as
  ``{"function": "binary:logistic", "notes": ...}``, ``hyperparameters`` for
  ``hyper_parameters``, ``instance_type`` inside ``training_environment``, and one container
  image given as a string instead of a list.
"""

from __future__ import annotations

import json

import pytest

from cardlint import lint_text
from helpers import run_cli

TERRAFORM_EMPTY = "{}"

TERRAFORM_CONTENT = """\
{
  "business_details": {
    "business_problem": "Fraud"
  },
  "intended_uses": {
    "intended_uses": "Scoring"
  },
  "additional_information": {
    "caveats_and_recommendations": "Retrain monthly"
  }
}
"""

MOTO_MINIMAL = '{"model_overview": {"model_description": "first cut of the ranking model"}}'

SDK_TUTORIAL = """\
model_overview:
  model_name: basket-size-regressor
  model_version: 1
  model_description: LightGBM regressor for the expected basket size of a web session
  problem_type: Regression
  algorithm_type: LightGBM
intended_uses:
  purpose_of_model: Forecast basket size to size the next-day picking shifts
  intended_uses: Warehouse staffing plans; not for individual customer decisions
  factors_affecting_model_efficiency: Promotions and public holidays
  risk_rating: Medium
  explanations_for_risk_rating: A poor forecast moves staff, it does not affect customers
training_details:
  training_observations: Converged after 420 rounds
  training_job_details:
    training_arn: arn:aws:sagemaker:eu-west-1:210987654321:training-job/basket-size-0611
    training_datasets:
      - s3://retail-ml-data/basket/train/
    training_environment:
      container_image:
        - 210987654321.dkr.ecr.eu-west-1.amazonaws.com/lightgbm-train:latest
"""

PIPELINE_CARD = """\
{
  "model_overview": {
    "model_creator": "Transit forecasting team",
    "model_description": "Predicts hourly boardings per station for the next day.",
    "model_artifact": ["s3://transit-models/boardings/model.tar.gz"]
  },
  "intended_uses": {
    "purpose_of_model": "Plan train frequency per hour",
    "intended_uses": "Timetable planning support",
    "factors_affecting_model_efficiency": "Weather, events and strikes",
    "risk_rating": "Medium",
    "explanations_for_risk_rating": "The macro F1 on the holdout set is 0.712"
  },
  "evaluation_details": [
    {
      "name": "temporal_holdout_evaluation",
      "evaluation_observation": "Holdout covers the last eight weeks",
      "datasets": ["Last eight weeks of boardings"],
      "metric_groups": [
        {
          "name": "regression_metrics",
          "metric_data": [
            {"name": "MAE", "type": "number", "value": 12.4, "notes": "Boardings per hour"},
            {"name": "R2", "type": "number", "value": 0.87, "notes": "On the holdout set"}
          ]
        }
      ]
    }
  ]
}
"""

CLARIFY_NAMES = json.dumps(
    {
        "evaluation_details": [
            {
                "name": "Bias report",
                "metric_groups": [
                    {
                        "name": f"post_training_bias_metrics - label churned = {label} and "
                        f"facet age_bracket={facet}",
                        "metric_data": [{"name": "DPPL", "type": "number", "value": -0.031}],
                    }
                    for label, facet in (("1", "18-24"), ("0", "65 and over"))
                ],
            }
        ]
    },
    indent=2,
)

NON_ENGLISH = """\
model_overview:
  model_description: Mô hình dự đoán khả năng khách hàng rời bỏ dịch vụ
  problem_type: Phân loại nhị phân
intended_uses:
  purpose_of_model: Hỗ trợ đội chăm sóc khách hàng ưu tiên liên hệ
  risk_rating: High
  explanations_for_risk_rating: Quyết định sai ảnh hưởng trực tiếp đến khách hàng
"""

MISTAKES = """\
{
  "model_overview": {
    "model_name": "churn-xgb",
    "model_version": "1.0"
  },
  "training_details": {
    "objective_function": {"function": "binary:logistic", "notes": "scale_pos_weight 7.5"},
    "training_job_details": {
      "training_environment": {
        "container_image": "683313688378.dkr.ecr.us-east-1.amazonaws.com/xgboost:1.7-1",
        "instance_type": "ml.m5.4xlarge"
      },
      "hyperparameters": [{"name": "max_depth", "value": "6"}]
    }
  }
}
"""

ACCEPTED = {
    "terraform-empty.json": (TERRAFORM_EMPTY, ("model-card",)),
    "terraform-content.json": (TERRAFORM_CONTENT, ("model-card", "model-package")),
    "moto-minimal.json": (MOTO_MINIMAL, ("model-card",)),
    "sdk-tutorial.yaml": (SDK_TUTORIAL, ("model-card",)),
    "pipeline.json": (PIPELINE_CARD, ("model-card",)),
    "clarify-names.json": (CLARIFY_NAMES, ("model-card", "model-package")),
    "non-english.yaml": (NON_ENGLISH, ("model-card",)),
}


@pytest.mark.parametrize(
    ("name", "schema"),
    [(name, schema) for name, (_, kinds) in ACCEPTED.items() for schema in ("auto", *kinds)],
)
def test_cards_the_service_accepts_get_no_error(name: str, schema: str) -> None:
    text, _ = ACCEPTED[name]
    found = lint_text(text, filename=f"model-card-{name}", schema=schema)
    assert [(d.code, d.pointer, d.message) for d in found if d.severity == "error"] == []


def test_what_is_left_is_only_warnings_worth_reading() -> None:
    # The empty card and the prose datasets are worth a warning; nothing else is.
    assert [
        (d.code, d.pointer)
        for name, (text, kinds) in ACCEPTED.items()
        for d in lint_text(text, filename=f"model-card-{name}", schema=kinds[0])
    ] == [
        ("G002", ""),
        ("V003", "/evaluation_details/0/datasets/0"),
    ]


def test_the_mistakes_people_make_are_found_where_they_are() -> None:
    found = [
        (d.code, d.pointer, d.span.line, d.span.column, d.fix is not None)
        for d in lint_text(MISTAKES, filename="model-card.json")
    ]
    assert found == [
        ("S001", "/model_overview/model_version", 4, 22, True),
        ("S001", "/training_details/objective_function/function", 7, 40, False),
        (
            "S001",
            "/training_details/training_job_details/training_environment/container_image",
            10,
            28,
            False,
        ),
        (
            "S004",
            "/training_details/training_job_details/training_environment/instance_type",
            11,
            9,
            False,
        ),
        ("S004", "/training_details/training_job_details/hyperparameters", 13, 7, True),
    ]


def test_the_mistakes_through_the_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "churn-model-card.json").write_text(MISTAKES, encoding="utf-8")
    proc = run_cli(
        "check", "--no-cache", "--format", "concise", "churn-model-card.json", cwd=tmp_path
    )
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == (
        'churn-model-card.json:4:22: S001 model_version must be a number, not a string "1.0"'
    )
    assert lines[-1] == (
        'churn-model-card.json:13:7: S004 unknown property "hyperparameters" in '
        'training_job_details (did you mean "hyper_parameters"?); allowed: hyper_parameters, '
        "training_arn, training_datasets, training_environment, training_metrics, "
        "user_provided_hyper_parameters, user_provided_training_metrics"
    )
