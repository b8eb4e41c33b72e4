"""The file is not valid JSON (RFC 8259) or YAML.

What it does:
    Reports the first syntax error with its line and column: in JSON comments, trailing commas,
    single quotes, NaN/Infinity and unescaped control characters; in YAML tabs used for
    indentation, bad indentation, unclosed flow collections and characters YAML forbids.

Why it matters:
    SageMaker takes the card as strict JSON; nothing else can be checked until the file parses.

Example (fails)::

    {"model_overview": {"model_creator": "ml-team",}}

Use instead::

    {"model_overview": {"model_creator": "ml-team"}}
"""

from cardlint.core.diagnostics import Severity

CODE = "P001"
NAME = "syntax-error"
SEVERITY = Severity.ERROR
FIXABLE = False
