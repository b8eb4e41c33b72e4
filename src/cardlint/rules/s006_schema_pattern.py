"""A string does not match the schema's pattern.

What it does:
    The published schema's patterns are unanchored (`.{1,63}`), so this only fires on empty
    strings or strings made of line breaks; rule L002 checks the intended lengths.

Why it matters:
    SageMaker rejects the value.

Example (fails)::

    evaluation_details:
      - name: ""

Use instead::

    evaluation_details:
      - name: holdout
"""

from cardlint.core.diagnostics import Severity

CODE = "S006"
NAME = "pattern"
SEVERITY = Severity.ERROR
FIXABLE = False
