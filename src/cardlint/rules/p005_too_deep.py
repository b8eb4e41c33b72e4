"""Nesting exceeds the depth limit (64 levels).

What it does:
    Reports the first container nested deeper than the limit. The check runs before anything
    recursive sees the data (libyaml's composer crashes the process at tens of thousands of levels;
    `json.loads` raises RecursionError).

Why it matters:
    Real cards nest fewer than ten levels; deeper input is a mistake or an attack.

Example (fails)::

    [[[[[[[[ … 200,000 levels … ]]]]]]]]

Use instead::

    a card as the schema describes it
"""

from cardlint.core.diagnostics import Severity

CODE = "P005"
NAME = "too-deep"
SEVERITY = Severity.ERROR
FIXABLE = False
