"""A YAML tag that would construct an object, or a type JSON cannot represent.

What it does:
    cardlint loads YAML safely: `!!python/...` and unknown `!tags` are reported and nothing is
    constructed or executed; `!!binary`, `!!set`, `!!omap` and `!!pairs` have no JSON form.

Why it matters:
    Cards are JSON for SageMaker; tags either smuggle objects or silently change types.

Example (fails)::

    model_overview: !!python/object/apply:os.system [echo]

Use instead::

    model_overview:
      model_creator: ml-team
"""

from cardlint.core.diagnostics import Severity

CODE = "P006"
NAME = "yaml-tag"
SEVERITY = Severity.ERROR
FIXABLE = False
