"""A value has the wrong JSON type for the schema.

What it does:
    Reports the value with the expected and the actual type. A safe fix is offered for a number
    written as a string where a number is wanted (`"0.93"` → `0.93`), a number where a string is
    wanted (`50000` → `"50000"`) and `"true"`/`"false"` where a boolean is wanted.

Why it matters:
    SageMaker validates the type and rejects the card at deploy time.

Example (fails)::

    training_details:
      training_job_details:
        training_metrics:
          - name: auc
            value: "0.93"

Use instead::

    training_details:
      training_job_details:
        training_metrics:
          - name: auc
            value: 0.93
"""

from cardlint.core.diagnostics import Severity

CODE = "S001"
NAME = "type"
SEVERITY = Severity.ERROR
FIXABLE = True
