"""A training or evaluation job ARN that is not a SageMaker ARN of a plausible kind.

What it does:
    `training_job_details.training_arn` must look like
    `arn:aws:sagemaker:REGION:ACCOUNT:training-job/NAME` (any AWS partition, a 12-digit
    account). `evaluation_details[].evaluation_job_arn` must be a SageMaker ARN of a job
    (`processing-job`, `training-job`, `transform-job`, `hyper-parameter-tuning-job`,
    `automl-job`, ...) or a pipeline execution, or an Amazon Bedrock `evaluation-job` ARN.
    A warning; turn it off with `--ignore V002`.

Why it matters:
    Reviewers follow these ARNs to the job that produced the numbers; a job name, a console
    URL or an ARN of the wrong kind leads nowhere.

Example (fails)::

    training_job_details:
      training_arn: fraud-xgb-2024-05-02

Use instead::

    training_job_details:
      training_arn: arn:aws:sagemaker:us-east-1:123456789012:training-job/fraud-xgb-2024-05-02
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cardlint.core.diagnostics import Finding, Severity
from cardlint.core.text import shorten
from cardlint.rules.base import Card
from cardlint.rules.g003_placeholder_text import is_placeholder

CODE = "V002"
NAME = "arn-format"
SEVERITY = Severity.WARNING
FIXABLE = False

_ARN = re.compile(
    r"arn:aws(?:-[a-z]+)*:(?P<service>sagemaker|bedrock):[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:"
    r"(?P<kind>[a-z][a-z-]*)/\S+"
)
_EVALUATION_KINDS = frozenset({"pipeline"})


def check(card: Card) -> Iterator[Finding]:
    details = card.value.get("training_details")
    job = details.get("training_job_details") if isinstance(details, dict) else None
    arn = job.get("training_arn") if isinstance(job, dict) else None
    if (
        isinstance(arn, str)
        and _kind(arn) != ("sagemaker", "training-job")
        and not is_placeholder(arn)  # G003 reports "<training job arn>"
    ):
        yield Finding(
            CODE,
            "/training_details/training_job_details/training_arn",
            f"training_arn {shorten(arn)} is not a SageMaker training job ARN "
            "(arn:aws:sagemaker:REGION:ACCOUNT:training-job/NAME)",
        )
    evaluations = card.value.get("evaluation_details")
    for i, evaluation in enumerate(evaluations if isinstance(evaluations, list) else ()):
        arn = evaluation.get("evaluation_job_arn") if isinstance(evaluation, dict) else None
        if (
            isinstance(arn, str)
            and not _plausible_evaluation(_kind(arn))
            and not is_placeholder(arn)
        ):
            yield Finding(
                CODE,
                f"/evaluation_details/{i}/evaluation_job_arn",
                f"evaluation_job_arn {shorten(arn)} is not the ARN of a SageMaker job or "
                "pipeline execution (arn:aws:sagemaker:REGION:ACCOUNT:processing-job/NAME)",
            )


def _kind(arn: str) -> tuple[str, str] | None:
    match = _ARN.fullmatch(arn.strip())
    return None if match is None else (match.group("service"), match.group("kind"))


def _plausible_evaluation(kind: tuple[str, str] | None) -> bool:
    if kind is None:
        return False
    service, resource = kind
    if service == "bedrock":
        return resource == "evaluation-job"
    return resource.endswith("-job") or resource in _EVALUATION_KINDS
