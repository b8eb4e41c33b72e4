"""A training container image that is not an image URI.

What it does:
    Checks the entries of `training_environment.container_image`: each must be a container
    image reference, `[REGISTRY/]REPOSITORY[:TAG][@sha256:DIGEST]` with a lower-case repository
    path, such as the ECR URI
    `683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1`. A warning; turn it
    off with `--ignore V004`.

Why it matters:
    The image is how an auditor reproduces the training environment; a framework name
    ("XGBoost 1.7") or an S3 path cannot be pulled.

Example (fails)::

    training_environment:
      container_image:
        - XGBoost 1.7

Use instead::

    training_environment:
      container_image:
        - 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cardlint.core.diagnostics import Finding, Severity
from cardlint.core.text import shorten
from cardlint.rules.base import Card
from cardlint.rules.g003_placeholder_text import is_placeholder

CODE = "V004"
NAME = "image-uri"
SEVERITY = Severity.WARNING
FIXABLE = False

# The distribution (Docker) reference grammar, simplified: an optional registry host with a
# port, slash-separated lower-case path components, an optional tag and an optional digest.
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_IMAGE = re.compile(
    rf"(?:[A-Za-z0-9.-]+(?::\d+)?/)?{_COMPONENT}(?:/{_COMPONENT})*"
    r"(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?"
)
_POINTER = "/training_details/training_job_details/training_environment/container_image"


def check(card: Card) -> Iterator[Finding]:
    details = card.value.get("training_details")
    job = details.get("training_job_details") if isinstance(details, dict) else None
    environment = job.get("training_environment") if isinstance(job, dict) else None
    images = environment.get("container_image") if isinstance(environment, dict) else None
    if not isinstance(images, list):
        return
    for i, image in enumerate(images):
        if (
            isinstance(image, str)
            and image.strip()
            and not _IMAGE.fullmatch(image.strip())
            and not is_placeholder(image)  # G003 reports "<image uri>"
        ):
            yield Finding(
                CODE,
                f"{_POINTER}/{i}",
                f"container_image[{i}] {shorten(image)} is not a container image URI "
                "(REGISTRY/REPOSITORY:TAG)",
            )
