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

from cardlint.core.diagnostics import Finding, Severity
from cardlint.rules._shared import metrics, training_metrics
from cardlint.rules.base import Card

CODE = "M004"
NAME = "non-finite-number"
SEVERITY = Severity.ERROR
FIXABLE = False


def check(card: Card) -> Iterator[Finding]:
    for pointer, metric in (*metrics(card.value), *training_metrics(card.value)):
        value = metric.get("value")
        if isinstance(value, float):
            if not math.isfinite(value):
                yield _finding(f"{pointer}/value", value)
        elif isinstance(value, list):  # chart values nest two levels at most
            for i, item in enumerate(value):
                if isinstance(item, float) and not math.isfinite(item):
                    yield _finding(f"{pointer}/value/{i}", item)
                elif isinstance(item, list):
                    for j, number in enumerate(item):
                        if isinstance(number, float) and not math.isfinite(number):
                            yield _finding(f"{pointer}/value/{i}/{j}", number)


def _finding(pointer: str, value: float) -> Finding:
    shown = "NaN" if math.isnan(value) else ("infinity" if value > 0 else "-infinity")
    return Finding(
        CODE,
        pointer,
        f"value is {shown}; SageMaker stores cards as JSON, which has no NaN or infinity",
    )
