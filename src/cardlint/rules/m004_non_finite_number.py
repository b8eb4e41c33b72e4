"""A metric value that is not a finite number (NaN or infinity).

What it does:
    Reports `.nan`, `.inf` and `-.inf` in YAML, and JSON numbers too large for a double
    (`1e999`), wherever a metric holds numbers: the value of a `number`, `linear_graph`,
    `bar_chart` or `matrix` metric, and training metric values.

Why it matters:
    SageMaker stores the card as JSON, which has no NaN or infinity: the SDK's request fails
    or the value is silently turned into a string or null.

Example (fails)::

    - name: validation:logloss
      value: .nan

Use instead::

    - name: validation:logloss
      value: 0.0412
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from cardlint.diagnostics import Finding, Severity
from cardlint.rules._shared import metrics, training_metrics
from cardlint.rules.base import Card

CODE = "M004"
NAME = "non-finite-number"
SEVERITY = Severity.ERROR
FIXABLE = False


def check(card: Card) -> Iterator[Finding]:
    for pointer, metric in (*metrics(card.value), *training_metrics(card.value)):
        if "value" in metric:
            yield from _walk(f"{pointer}/value", metric["value"], 0)


def _walk(pointer: str, value: Any, depth: int) -> Iterator[Finding]:
    if isinstance(value, float) and not math.isfinite(value):
        shown = "NaN" if math.isnan(value) else ("infinity" if value > 0 else "-infinity")
        yield Finding(
            CODE,
            pointer,
            f"value is {shown}; SageMaker stores cards as JSON, which has no NaN or infinity",
        )
    elif isinstance(value, list) and depth < 2:  # metric values nest two levels at most
        for i, item in enumerate(value):
            yield from _walk(f"{pointer}/{i}", item, depth + 1)
