"""An array has fewer or more items than the schema allows.

What it does:
    Gives the count and the limit.

Why it matters:
    SageMaker rejects the card.

Example (fails)::

    evaluation_details:
      - name: e
        datasets: [a, b, c, d, e, f, g, h, i, j, k]

Use instead::

    at most 10 datasets per evaluation
"""

from cardlint.core.diagnostics import Severity

CODE = "S007"
NAME = "array-length"
SEVERITY = Severity.ERROR
FIXABLE = False
