"""A value is not one of the values the schema allows.

What it does:
    Lists the allowed values and suggests the closest one (`high` → `High`, `Minimise` →
    `Minimize`); a case-only or close spelling can be fixed safely.

Why it matters:
    SageMaker rejects values outside the enumeration.

Example (fails)::

    intended_uses:
      risk_rating: high

Use instead::

    intended_uses:
      risk_rating: High
"""

from cardlint.core.diagnostics import Severity

CODE = "S002"
NAME = "enum"
SEVERITY = Severity.ERROR
FIXABLE = True
