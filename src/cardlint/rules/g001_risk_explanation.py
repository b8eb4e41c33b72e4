"""A High or Unknown risk rating without an explanation.

What it does:
    When `intended_uses.risk_rating` is `High` or `Unknown`, `intended_uses` should carry
    `explanations_for_risk_rating`. The warning points at the rating. (An explanation that is
    present but empty is reported by G002, one that is placeholder text by G003.)

Why it matters:
    Model risk reviewers send back high-risk or unrated models whose card does not say why;
    SageMaker's own model card guidance asks for the explanation.

Example (fails)::

    intended_uses:
      risk_rating: High

Use instead::

    intended_uses:
      risk_rating: High
      explanations_for_risk_rating: Decisions affect credit limits; a human reviews each one.
"""

from __future__ import annotations

from collections.abc import Iterator

from cardlint.core.diagnostics import Finding, Severity
from cardlint.rules.base import Card

CODE = "G001"
NAME = "risk-explanation"
SEVERITY = Severity.WARNING
FIXABLE = False

_NEEDS_EXPLANATION = ("High", "Unknown")


def check(card: Card) -> Iterator[Finding]:
    uses = card.value.get("intended_uses")
    if not isinstance(uses, dict):
        return
    rating = uses.get("risk_rating")
    if rating in _NEEDS_EXPLANATION and "explanations_for_risk_rating" not in uses:
        yield Finding(
            CODE,
            "/intended_uses/risk_rating",
            f"risk_rating is {rating} but intended_uses has no explanations_for_risk_rating; "
            "say why the model carries this risk",
        )
