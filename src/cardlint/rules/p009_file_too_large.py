"""The file is larger than the size cap (10 MB by default, `--max-file-size`).

What it does:
    Reported from the file's size without reading it.

Why it matters:
    SageMaker caps ModelCardContent at 100,000 characters; a 10 MB file is not a card.

Example (fails)::

    a 12 MB file named model-card.json

Use instead::

    a card of a few kilobytes
"""

from cardlint.core.diagnostics import Severity

CODE = "P009"
NAME = "file-too-large"
SEVERITY = Severity.ERROR
FIXABLE = False
