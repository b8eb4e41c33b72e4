"""A matrix metric whose rows have different lengths.

What it does:
    Every row of a `matrix` metric's value must have as many numbers as the first row. The
    finding points at the first row that differs and gives both lengths. Rows the schema
    already rejects (not a list, empty, more than 20 numbers) are left to the schema finding.

Why it matters:
    A ragged matrix cannot be drawn as a grid; SageMaker Studio shows an empty or shifted
    confusion matrix. The schema and the service accept it, but rows of different lengths are
    certainly a mistake (a value went missing or landed in the wrong row), so it is an error.

Example (fails)::

    - name: confusion matrix
      type: matrix
      value: [[98012, 411], [96]]

Use instead::

    - name: confusion matrix
      type: matrix
      value: [[98012, 411], [96, 1481]]
"""

from __future__ import annotations

from collections.abc import Iterator

from cardlint.core.diagnostics import Finding, Severity
from cardlint.rules._shared import metrics
from cardlint.rules.base import Card

CODE = "M003"
NAME = "matrix-rows"
SEVERITY = Severity.ERROR
FIXABLE = False

_MAX_ROW = 20


def check(card: Card) -> Iterator[Finding]:
    for pointer, metric in metrics(card.value):
        value = metric.get("value")
        if metric.get("type") != "matrix" or not isinstance(value, list):
            continue
        rows = [(i, row) for i, row in enumerate(value) if isinstance(row, list)]
        rows = [(i, row) for i, row in rows if 0 < len(row) <= _MAX_ROW]
        if not rows:
            continue
        first = len(rows[0][1])
        for i, row in rows[1:]:
            if len(row) != first:
                yield Finding(
                    CODE,
                    f"{pointer}/value/{i}",
                    f"matrix row {i} has {len(row)} number{'s' if len(row) != 1 else ''} but row "
                    f"{rows[0][0]} has {first}; every row of a matrix has the same length",
                )
                break
