"""A number, string or boolean metric whose value has another type.

What it does:
    The schema accepts a number, a string or a boolean as the value of any of these metrics;
    the metric's `type` says which one it must be. A string that spells a number (`"0.93"`)
    for type `number`, or `"true"`/`"false"` for type `boolean`, carries the corrected value
    as a safe fix. A number or boolean for type `string` carries a fix that quotes it as
    written; in YAML, where the YAML 1.1 reading of a plain scalar is the cause, the finding is
    reported as Y001 (YAML implicit type) instead. Values the schema already rejects (null,
    YAML dates, arrays, objects, strings over 63 characters) are left to the schema finding.

Why it matters:
    SageMaker Studio renders the value by its type, and the SageMaker Python SDK's `Metric`
    refuses a value whose Python type does not match.

Example (fails)::

    metric_data:
      - name: auc
        type: number
        value: "0.93"

Use instead::

    metric_data:
      - name: auc
        type: number
        value: 0.93
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cardlint.core import codes
from cardlint.core.diagnostics import Finding, FixIntent, QuoteScalar, ReplaceValue, Severity
from cardlint.core.text import shorten
from cardlint.rules._shared import (
    SIMPLE_METRIC_TYPES,
    as_number,
    fits_metric_type,
    is_number,
    metrics,
    reading,
)
from cardlint.rules.base import Card

CODE = "M001"
NAME = "metric-value-type"
SEVERITY = Severity.ERROR
FIXABLE = True

_SCHEMA_STRING_LIMIT = 63


def check(card: Card) -> Iterator[Finding]:
    for pointer, metric in metrics(card.value):
        kind = metric.get("type")
        if kind not in SIMPLE_METRIC_TYPES or "value" not in metric:
            continue
        value = metric["value"]
        if not isinstance(value, str | int | float) or fits_metric_type(kind, value):
            continue  # null, dates, arrays and objects: the schema reports them
        if isinstance(value, str) and len(value) > _SCHEMA_STRING_LIMIT:
            continue  # the schema reports the length; the type is the same defect
        yield _finding(card, f"{pointer}/value", kind, value)


def _finding(card: Card, pointer: str, kind: str, value: Any) -> Finding:
    wants = f'a metric of type "{kind}" needs a {kind}'
    if kind == "string" and (is_number(value) or isinstance(value, bool) or card.format == "yaml"):
        if card.format == "yaml" and value is not None:
            return Finding(
                codes.YAML_IMPLICIT_TYPE,
                pointer,
                f"metric value is a plain YAML scalar that YAML 1.1 reads as {reading(value)}; "
                f"{wants}: quote it",
                fix=FixIntent("safe", "Quote the value as written", (QuoteScalar(pointer),)),
            )
        if value is not None:
            return Finding(
                CODE,
                pointer,
                f"metric value is {reading(value)}; {wants}: quote it",
                fix=FixIntent("safe", "Quote the value as written", (QuoteScalar(pointer),)),
            )
    fix = None
    shown = f"{shorten(value)} ({reading(value)})" if isinstance(value, str) else reading(value)
    message = f"metric value is {shown}; {wants}"
    if kind == "number" and isinstance(value, str):
        number = as_number(value)
        if number is not None:
            message += f": write {number}"
            fix = FixIntent(
                "safe", f"Write {shorten(value)} as a number", (ReplaceValue(pointer, number),)
            )
    elif kind == "boolean" and isinstance(value, str) and value.strip().lower() in _BOOLEANS:
        flag = _BOOLEANS[value.strip().lower()]
        message += f": write {str(flag).lower()}"
        fix = FixIntent(
            "safe", f"Write {shorten(value)} as a boolean", (ReplaceValue(pointer, flag),)
        )
    return Finding(CODE, pointer, message, fix=fix)


_BOOLEANS = {"true": True, "false": False}
