"""An evaluation that reports no metric groups.

What it does:
    Each entry of `evaluation_details` should carry `metric_groups` with the numbers the
    evaluation produced. The warning points at the evaluation. (An empty `metric_groups: []`
    is reported by G002.)

Why it matters:
    An evaluation without results cannot support the claims the card makes; reviewers ask
    for the metrics.

Example (fails)::

    evaluation_details:
      - name: holdout-2024-04
        evaluation_observation: Looks good.

Use instead::

    evaluation_details:
      - name: holdout-2024-04
        metric_groups:
          - name: binary classification
            metric_data:
              - {name: auc, type: number, value: 0.973}
"""

from __future__ import annotations

from collections.abc import Iterator

from cardlint.core.diagnostics import Finding, Severity
from cardlint.core.text import shorten
from cardlint.rules.base import Card

CODE = "G004"
NAME = "evaluation-without-metrics"
SEVERITY = Severity.WARNING
FIXABLE = False


def check(card: Card) -> Iterator[Finding]:
    evaluations = card.value.get("evaluation_details")
    if not isinstance(evaluations, list):
        return
    for i, evaluation in enumerate(evaluations):
        if isinstance(evaluation, dict) and "metric_groups" not in evaluation:
            name = evaluation.get("name")
            named = isinstance(name, str) and name.strip()
            label = f"evaluation {shorten(name)}" if named else f"evaluation_details[{i}]"
            yield Finding(
                CODE,
                f"/evaluation_details/{i}",
                f"{label} has no metric_groups; add the metrics it produced",
                target="container",
            )
