"""A property the schema does not allow.

What it does:
    Points at the key, names the allowed properties and suggests the closest one. A rename that
    differs only by case, separators or camelCase (`modelCreator` → `model_creator`) is a safe fix;
    a close spelling (`factors_affecting_performance` → `factors_affecting_model_efficiency`) an
    unsafe one.

Why it matters:
    The schema forbids additional properties; SageMaker rejects the card.

Example (fails)::

    model_overview:
      modelCreator: ml-team

Use instead::

    model_overview:
      model_creator: ml-team
"""

from cardlint.core.diagnostics import Severity

CODE = "S004"
NAME = "unknown-property"
SEVERITY = Severity.ERROR
FIXABLE = True
