"""A `# cardlint: ignore[...]` comment that silences nothing.

What it does:
    In YAML cards, `# cardlint: ignore[CODE]` at the end of a line silences CODE on that line
    (several codes: `ignore[S004, Y001]`; every code: a bare `# cardlint: ignore`). This rule
    reports a directive, or a code in it, that silenced no finding: the problem was fixed, the
    code is misspelled, or the comment sits on another line than the finding. A finding is on
    the line where its span starts (for a missing property: the line of the object's key).
    Syntax errors and undecodable files cannot be silenced.

Why it matters:
    A stale suppression hides the next real finding on that line, and a misspelled one never
    worked.

Example (fails)::

    intended_uses:
      risk_rating: High  # cardlint: ignore[S002]

Use instead::

    intended_uses:
      risk_rating: High
"""

from cardlint.core.diagnostics import Severity

CODE = "X004"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
FIXABLE = False
