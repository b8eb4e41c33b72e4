"""The file's bytes are not text in a supported encoding.

What it does:
    Reports the byte offset of the first byte that does not decode. Supported: UTF-8 with or
    without a BOM, UTF-16 and UTF-32 with a BOM. A NUL byte in a UTF-8 file marks it binary.

Why it matters:
    SageMaker takes UTF-8 text; a stray Latin-1 byte or a binary file cannot be a card.

Example (fails)::

    b'{"model_overview": {"model_creator": "caf\xe9"}}'  (Latin-1)

Use instead::

    the same text saved as UTF-8
"""

from cardlint.core.diagnostics import Severity

CODE = "P003"
NAME = "undecodable"
SEVERITY = Severity.ERROR
FIXABLE = False
