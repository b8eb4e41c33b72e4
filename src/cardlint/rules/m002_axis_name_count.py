"""A chart's axis names do not match its data: one name per bar, per column, per row.

What it does:
    For a `bar_chart`, `x_axis_name` (when it is a list) must name every bar: as many names as
    numbers in `value`. For a `matrix`, `x_axis_name` names the columns and `y_axis_name` the
    rows. The finding points at the axis-name list and gives both counts. A matrix whose rows
    differ in length is reported by M003 instead of a column count here.

Why it matters:
    SageMaker Studio draws the chart with the names as labels; a short list leaves bars
    unlabelled and a long one shifts every label. It is a warning, not an error: neither the
    schema, nor the SageMaker Python SDK's `Metric`, nor the service checks the count, so the
    card is accepted as it is.

Example (fails)::

    - name: recall by segment
      type: bar_chart
      value: [0.84, 0.79, 0.77]
      x_axis_name: [card present, online]

Use instead::

    - name: recall by segment
      type: bar_chart
      value: [0.84, 0.79, 0.77]
      x_axis_name: [card present, online, recurring]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cardlint.core.diagnostics import Finding, Severity
from cardlint.rules._shared import metrics
from cardlint.rules.base import Card

CODE = "M002"
NAME = "axis-name-count"
SEVERITY = Severity.WARNING
FIXABLE = False


def check(card: Card) -> Iterator[Finding]:
    for pointer, metric in metrics(card.value):
        value = metric.get("value")
        if not isinstance(value, list) or not value:
            continue
        kind = metric.get("type")
        if kind == "bar_chart":
            yield from _count(pointer, metric, "x_axis_name", len(value), "bar")
        elif kind == "matrix" and all(isinstance(row, list) for row in value):
            widths = {len(row) for row in value}
            if len(widths) == 1:
                yield from _count(pointer, metric, "x_axis_name", widths.pop(), "column")
            yield from _count(pointer, metric, "y_axis_name", len(value), "row")


def _count(
    pointer: str, metric: dict[str, Any], key: str, wanted: int, what: str
) -> Iterator[Finding]:
    names = metric.get(key)
    if not isinstance(names, list) or len(names) == wanted:
        return
    yield Finding(
        CODE,
        f"{pointer}/{key}",
        f"{key} has {len(names)} name{'s' if len(names) != 1 else ''} for {wanted} "
        f"{what}{'s' if wanted != 1 else ''}; give one name per {what}",
    )
