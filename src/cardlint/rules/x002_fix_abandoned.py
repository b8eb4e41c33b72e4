"""A fix was left out, or fixes were not written, because the result would not be safe.

What it does:
    Reported for one fix whose edit would not parse, would change a value no fix targeted, or
    would not give the value the fix intends: that fix is left out, at the place of its finding,
    and every other fix is still applied (``--fix``), shown (``--diff``) or offered (the
    language server's fix-all). Reported at the top of the file when the fixed text could not
    be written: the file changed on disk or is read-only since it was read; then the file is
    left untouched.

Why it matters:
    Nothing the user wrote is ever lost or half-written, and one fix that cannot be made does
    not keep the others from being made (a fixing pre-commit hook still repairs the file).

Example (fails)::

    evaluation_details:
      - name: holdout
        metric_groups:
          - name: scores
            metric_data:
              - name: calibrated
                type: boolean
                value: "true"#checked    # as a plain scalar, true#checked is a string

Use instead::

    make the change the finding asks for by hand (value: true  # checked)
"""

from cardlint.core.diagnostics import Severity

CODE = "X002"
NAME = "fix-abandoned"
SEVERITY = Severity.ERROR
FIXABLE = False
