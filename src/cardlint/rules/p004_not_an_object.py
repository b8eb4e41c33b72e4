"""The file is empty, or its top level is not an object.

What it does:
    Reports an empty (or blank) file and a top level that is an array, string, number or null.

Why it matters:
    A model card's content is a JSON object; anything else is rejected by the API.

Example (fails)::

    ["model_overview"]

Use instead::

    {"model_overview": {}}
"""

from cardlint.core.diagnostics import Severity

CODE = "P004"
NAME = "not-an-object"
SEVERITY = Severity.ERROR
FIXABLE = False
