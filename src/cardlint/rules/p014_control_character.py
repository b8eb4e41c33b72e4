"""A string or key contains a control character (other than tab and line breaks).

What it does:
    Reports C0 control characters (U+0000-U+001F except tab, line feed and carriage return),
    DEL and C1 controls (U+007F-U+009F) inside a string value or key, usually written as an
    escape (``\\u001b``, ``\\x07``). The finding names the first one and its position in the
    string.

Why it matters:
    They are invisible in editors and web consoles, so two cards that look the same differ;
    an escape sequence (``\\u001b[2J``) printed by a CI log or terminal can rewrite what the
    reader sees. cardlint's own output escapes them.

Example (fails)::

    {"model_overview": {"model_creator": "ml-team\\u001b[2J"}}

Use instead::

    {"model_overview": {"model_creator": "ml-team"}}
"""

from cardlint.core.diagnostics import Severity

CODE = "P014"
NAME = "control-character"
SEVERITY = Severity.WARNING
FIXABLE = False
