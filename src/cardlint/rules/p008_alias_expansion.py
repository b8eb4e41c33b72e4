"""YAML aliases expand beyond the limit (an alias bomb, or a recursive alias).

What it does:
    Counts the nodes that aliases copy; more than 10,000 copies is reported at the alias that
    crossed the limit, within milliseconds.

Why it matters:
    An alias bomb loads instantly as shared references and then never ends to serialise or walk.

Example (fails)::

    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    # … nine more levels

Use instead::

    write the values out, or use a few aliases
"""

from cardlint.core.diagnostics import Severity

CODE = "P008"
NAME = "alias-expansion"
SEVERITY = Severity.ERROR
FIXABLE = False
