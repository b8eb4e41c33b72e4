"""A string is longer (or shorter) than the schema allows.

What it does:
    Gives the measured length and the limit, counted in characters as JSON Schema counts them.

Why it matters:
    SageMaker rejects over-long values.

Example (fails)::

    business_details:
      business_problem: <2,100 characters>

Use instead::

    a text of at most 2,048 characters
"""

from cardlint.diagnostics import Severity

CODE = "S005"
NAME = "max-length"
SEVERITY = Severity.ERROR
FIXABLE = True
