"""cardlint failed while checking this file (a bug: please report it).

What it does:
    An unexpected exception inside a rule is caught and reported for that file; the other rules
    and files still run.

Why it matters:
    A linter that crashes on one file hides the findings of all the others.

Example (fails)::

    any file that triggers the bug

Use instead::

    (nothing to change in the card)
"""

from cardlint.core.diagnostics import Severity

CODE = "X001"
NAME = "internal-error"
SEVERITY = Severity.ERROR
FIXABLE = False
