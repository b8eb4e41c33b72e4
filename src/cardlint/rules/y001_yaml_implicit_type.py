"""A YAML scalar that YAML 1.1 reads as a boolean, number or date where a string belongs.

What it does:
    PyYAML (YAML 1.1) reads `yes` as true, `0.30` as 0.3 and `2024-03-01` as a date.
    The finding quotes the scalar exactly as written, and the safe fix quotes it unchanged.

    A key with nothing after it, `~` or `null` is not such a trap but a missing value: it is
    reported as S001 ("explanations_for_risk_rating has no value (YAML reads it as null); write
    the text or remove the key"), with no fix, since quoting `""`, `"~"` or `"null"` into a
    governance record would hide the gap.

Why it matters:
    The card converted to JSON carries a boolean or a number where SageMaker wants a string,
    and `0.30` loses its trailing zero.

Example (fails)::

    evaluation_details:
      - name: 2024-03-01

Use instead::

    evaluation_details:
      - name: "2024-03-01"
"""

from cardlint.core.diagnostics import Severity

CODE = "Y001"
NAME = "yaml-implicit-type"
SEVERITY = Severity.ERROR
FIXABLE = True
