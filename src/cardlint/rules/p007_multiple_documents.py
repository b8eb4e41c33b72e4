"""A YAML file holds more than one document.

What it does:
    Reports the start of the second document (`---`).

Why it matters:
    A card file is one card; a second document would be ignored by most converters.

Example (fails)::

    model_overview: {}
    ---
    intended_uses: {}

Use instead::

    model_overview: {}
    intended_uses: {}
"""

from cardlint.core.diagnostics import Severity

CODE = "P007"
NAME = "multiple-documents"
SEVERITY = Severity.ERROR
FIXABLE = False
