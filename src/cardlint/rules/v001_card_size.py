"""The card is larger than SageMaker accepts: 100,000 characters of compact JSON.

What it does:
    Serialises the card as compact JSON (no spaces between tokens, characters not escaped,
    YAML dates as their ISO text) and reports the measured size when it exceeds 100,000
    characters, the limit of `ModelCardContent` in `CreateModelPackage` and of `Content` in
    `CreateModelCard`.

Why it matters:
    The request fails at registration time, long after the card was reviewed.

Example (fails)::

    additional_information:
      custom_details:
        full_report: "..."     # a pasted evaluation report, 120,000 characters

Use instead::

    additional_information:
      custom_details:
        full_report: s3://reports/fraud/2024-05/evaluation.html
"""

from __future__ import annotations

from collections.abc import Iterator

from cardlint.core.diagnostics import Finding, Severity
from cardlint.rules._shared import compact_json
from cardlint.rules.base import Card

CODE = "V001"
NAME = "card-size"
SEVERITY = Severity.ERROR
FIXABLE = False

LIMIT = 100_000


def check(card: Card) -> Iterator[Finding]:
    text = compact_json(card)
    if text is None:
        return  # not serialisable as JSON: other findings say why
    if len(text) > LIMIT:
        yield Finding(
            CODE,
            "",
            f"the card is {len(text):,} characters as compact JSON; SageMaker accepts at most "
            f"{LIMIT:,}",
            target="container",
        )
