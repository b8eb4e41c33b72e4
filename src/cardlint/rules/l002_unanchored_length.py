"""A name or value longer than the published schema's unanchored pattern suggests; it passes.

What it does:
    The published schemas write `pattern: ".{1,63}"` for evaluation and metric-group names, and
    `pattern: ".{1,255}"` for metric, training-metric and hyper-parameter names and values.
    JSON Schema patterns are not anchored, so the pattern only asks for one character: any
    longer string matches it too. This rule measures such strings (in characters, as JSON
    Schema counts) and reports the ones longer than the number in the pattern, as a warning.

    It is **opt-in**: not selected by default, nor by `--select ALL`; enable it with
    `--extend-select L002` (or `extend-select = ["L002"]` in the configuration) when your
    cards must also suit tools that read the pattern as a length limit.

Why it matters:
    It mostly does not: SageMaker validates with the same unanchored pattern and accepts longer
    names. The SageMaker Python SDK's Clarify import writes metric-group names of 64 and 75
    characters, and the SDK's integration test
    (`tests/integ/test_model_card.py::test_model_card_create_read_and_delete_with_model_package`)
    creates such a card on the service. So this is never an error, and an empty name is
    reported by the pattern itself (S006), in both schemas. Shorten names only if another tool
    in your pipeline enforces the intended length.

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
from collections.abc import Iterator
from typing import Any

from cardlint.core.diagnostics import Finding, Severity
from cardlint.core.pointer import from_links, last
from cardlint.rules._shared import leaves, schemas_at
from cardlint.rules.base import Card

CODE = "L002"
NAME = "unanchored-length"
SEVERITY = Severity.WARNING
FIXABLE = False
DEFAULT_ENABLED = False

UNANCHORED = re.compile(r"\.\{(\d+),(\d+)\}")
"""An unanchored length pattern, ``.{1,63}``: it matches any string with one such run."""

_SHORTEST_LIMIT = 63  # no string up to this length can exceed a limit in the vendored schemas


def intended_length(schema: dict[str, Any]) -> int | None:
    """The upper bound of an unanchored ``.{m,n}`` pattern in ``schema``, else ``None``."""
    pattern = schema.get("pattern")
    match = UNANCHORED.fullmatch(pattern) if isinstance(pattern, str) else None
    return int(match.group(2)) if match else None


def check(card: Card) -> Iterator[Finding]:
    for path, value in leaves(card).strings:
        if len(value) <= _SHORTEST_LIMIT:
            continue
        pointer = from_links(path)
        schemas = schemas_at(card, pointer) or []
        limits = [n for n in map(intended_length, schemas) if n is not None]
        if not limits or len(value) <= min(limits):
            continue
        limit = min(limits)
        token = last(pointer)
        kind = "values" if token == "value" else "names"
        yield Finding(
            CODE,
            pointer,
            f"{token} is {len(value)} characters long, more than the {limit} that the published "
            f'pattern ".{{1,{limit}}}" suggests; SageMaker accepts longer {kind}, so shorten it '
            "only if another tool needs the limit",
        )
