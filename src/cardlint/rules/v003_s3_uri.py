"""A model artifact or dataset location that is not an `s3://` URI.

What it does:
    Checks the entries of `model_overview.model_artifact`,
    `training_job_details.training_datasets` and `evaluation_details[].datasets`: each must be
    `s3://BUCKET` or `s3://BUCKET/KEY`, with a bucket name of 3-63 lower-case letters, digits,
    dots and hyphens. A warning; turn it off with `--ignore V003`.

Why it matters:
    SageMaker reads artifacts and datasets from S3; a local path, a console link or an
    `https://` URL cannot be followed by the people and tools that audit the model.

Example (fails)::

    model_overview:
      model_artifact:
        - /home/me/model.tar.gz

Use instead::

    model_overview:
      model_artifact:
        - s3://example-ml-artifacts/fraud/model.tar.gz
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cardlint.core.diagnostics import Finding, Severity
from cardlint.core.text import shorten
from cardlint.rules.base import Card
from cardlint.rules.g003_placeholder_text import is_placeholder

CODE = "V003"
NAME = "s3-uri"
SEVERITY = Severity.WARNING
FIXABLE = False

_S3 = re.compile(r"s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?:/\S*)?")


def check(card: Card) -> Iterator[Finding]:
    value = card.value
    overview = value.get("model_overview")
    yield from _entries(_get(overview, "model_artifact"), "/model_overview/model_artifact")
    job = _get(_get(value, "training_details"), "training_job_details")
    yield from _entries(
        _get(job, "training_datasets"), "/training_details/training_job_details/training_datasets"
    )
    evaluations = value.get("evaluation_details")
    for i, evaluation in enumerate(evaluations if isinstance(evaluations, list) else ()):
        yield from _entries(_get(evaluation, "datasets"), f"/evaluation_details/{i}/datasets")


def _get(node: Any, key: str) -> Any:
    return node.get(key) if isinstance(node, dict) else None


def _entries(items: Any, pointer: str) -> Iterator[Finding]:
    if not isinstance(items, list):
        return
    name = pointer.rsplit("/", 1)[1]
    for i, item in enumerate(items):
        if (
            isinstance(item, str)
            and item.strip()
            and not _S3.fullmatch(item.strip())
            and not is_placeholder(item)  # G003 reports "<s3 uri>"
        ):
            yield Finding(
                CODE,
                f"{pointer}/{i}",
                f"{name}[{i}] {shorten(item)} is not an S3 URI (s3://BUCKET/KEY)",
            )
