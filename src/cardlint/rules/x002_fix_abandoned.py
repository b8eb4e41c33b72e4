"""A fix was not written because the result would not be safe.

What it does:
    Reported when the fixed text would not parse, would change a value no fix targeted, or when
    the file changed on disk (or is read-only) since it was read. The file is left untouched.

Why it matters:
    Nothing the user wrote is ever lost or half-written.

Example (fails)::

    a fix whose edits would collide

Use instead::

    run again, or fix by hand
"""

from cardlint.diagnostics import Severity

CODE = "X002"
NAME = "fix-abandoned"
SEVERITY = Severity.ERROR
FIXABLE = False
