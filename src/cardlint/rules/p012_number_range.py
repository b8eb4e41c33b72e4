"""A number that cannot be represented (an integer beyond Python's digit limit).

What it does:
    Integers longer than 4,300 digits are reported instead of crashing the conversion.

Why it matters:
    No metric value needs that many digits; such input is a mistake or an attack.

Example (fails)::

    {"training_details": {"training_job_details": {"training_metrics": [
        {"name": "n", "value": 1111…(5,000 digits)}]}}}

Use instead::

    a number of ordinary size
"""

from cardlint.core.diagnostics import Severity

CODE = "P012"
NAME = "number-range"
SEVERITY = Severity.ERROR
FIXABLE = False
