"""A YAML key that is not a string (a number, boolean, null, date or collection).

What it does:
    YAML 1.1 reads `yes:`, `1:` or `2024-01-01:` as non-string keys; JSON keys are strings.

Why it matters:
    Converting such a card to JSON changes the key (`yes` becomes `true`).

Example (fails)::

    metadata:
      yes: approved

Use instead::

    metadata:
      "yes": approved
"""

from cardlint.core.diagnostics import Severity

CODE = "P010"
NAME = "non-string-key"
SEVERITY = Severity.ERROR
FIXABLE = True
