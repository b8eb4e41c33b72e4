"""Any other schema constraint (used for user-supplied schemas).

What it does:
    Reports jsonschema's message for keywords that have no dedicated code.

Why it matters:
    The schema says the card is invalid.

Example (fails)::

    depends on the schema

Use instead::

    depends on the schema
"""

from cardlint.core.diagnostics import Severity

CODE = "S009"
NAME = "schema-constraint"
SEVERITY = Severity.ERROR
FIXABLE = False
