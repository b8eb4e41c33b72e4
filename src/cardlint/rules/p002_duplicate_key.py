"""A key appears twice in the same object.

What it does:
    Reports the later occurrence of a repeated key; the message names the line of the first.
    JSON parsers and PyYAML silently keep the later value.

Why it matters:
    One of the two values is lost without a word, and reviewers read the one they see first.

Example (fails)::

    intended_uses:
      risk_rating: Low
      risk_rating: High

Use instead::

    intended_uses:
      risk_rating: High
"""

from cardlint.core.diagnostics import Severity

CODE = "P002"
NAME = "duplicate-key"
SEVERITY = Severity.ERROR
FIXABLE = True
