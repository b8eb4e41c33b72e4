"""A required property is missing.

What it does:
    Points at the object that lacks the property (its key, or its first character for array
    items) and names the property.

Why it matters:
    SageMaker rejects the card.

Example (fails)::

    evaluation_details:
      - evaluation_observation: fine

Use instead::

    evaluation_details:
      - name: holdout
        evaluation_observation: fine
"""

from cardlint.core.diagnostics import Severity

CODE = "S003"
NAME = "required"
SEVERITY = Severity.ERROR
FIXABLE = False
