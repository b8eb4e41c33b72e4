"""A YAML merge key `<<`.

What it does:
    Merge keys are a YAML 1.1 extension; YAML 1.2 loaders keep `<<` as an ordinary key.

Why it matters:
    The card means different things to different tools.

Example (fails)::

    base: &base {model_creator: ml-team}
    model_overview:
      <<: *base

Use instead::

    model_overview:
      model_creator: ml-team
"""

from cardlint.core.diagnostics import Severity

CODE = "P011"
NAME = "merge-key"
SEVERITY = Severity.WARNING
FIXABLE = False
