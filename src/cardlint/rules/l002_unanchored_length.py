"""A name or value is longer than the schema allows, a limit the published schema cannot enforce.

What it does:
    The published schema limits `evaluation_details[].name` and `metric_groups[].name` with
    `pattern: ".{1,63}"`, and metric names, training metric names, hyper-parameter names and
    values with `pattern: ".{1,255}"`. JSON Schema patterns are not anchored: any string with one
    character matches, however long it is. cardlint validates with a corrected copy of the
    schema (`strict.py`) that says `minLength: 1` and `maxLength: 63` (or 255) instead, and
    reports the measured length in characters, as the schema counts. An empty string is
    reported as too short (S005), which the published pattern does enforce.

Why it matters:
    SageMaker rejects the longer names; a generic validator passes them.

Example (fails)::

    evaluation_details:
      - name: quarterly evaluation of the fraud model on the April 2024 hold-out set

Use instead::

    evaluation_details:
      - name: holdout-2024-04
        evaluation_observation: quarterly evaluation on the April 2024 hold-out set
"""

from __future__ import annotations

import re
from typing import Any

from cardlint.diagnostics import Severity
from cardlint.strict import mark

CODE = "L002"
NAME = "unanchored-length"
SEVERITY = Severity.ERROR
FIXABLE = False

_UNANCHORED = re.compile(r"\.\{(\d+),(\d+)\}")
_WHY = (
    'the published schema declares this limit with the unanchored pattern "{pattern}", '
    "which any longer string also matches"
)


def patch(node: dict[str, Any]) -> None:
    """Replace an unanchored ``.{m,n}`` pattern with ``minLength``/``maxLength``."""
    pattern = node.get("pattern")
    if not isinstance(pattern, str):
        return
    match = _UNANCHORED.fullmatch(pattern)
    if match is None:
        return
    del node["pattern"]
    low, high = int(match.group(1)), int(match.group(2))
    node["minLength"] = max(low, node.get("minLength", 0))
    node["maxLength"] = min(high, node.get("maxLength", high))
    mark(node, "maxLength", CODE, _WHY.format(pattern=pattern))
