"""A string is longer (or shorter) than the schema allows.

What it does:
    Gives the measured length and the limit, counted in characters as JSON Schema counts them.
    A string over its `maxLength` carries an **unsafe** fix (`--unsafe-fixes`) that cuts it at
    the last word boundary before the limit and ends it with `…`, so the card is accepted; the
    text after the cut is lost, so read what is left before committing it.

Why it matters:
    SageMaker validates the card against the published schema and rejects over-long values.

Example (fails)::

    business_details:
      business_problem: <2,100 characters>

Use instead::

    a text of at most 2,048 characters
"""

from cardlint.core.diagnostics import Severity

CODE = "S005"
NAME = "max-length"
SEVERITY = Severity.ERROR
FIXABLE = True
