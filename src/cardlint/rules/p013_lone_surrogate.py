"""A string or key contains a lone surrogate (an unpaired ``\\ud800``-``\\udfff`` escape).

What it does:
    Reports a JSON ``\\uD800``-``\\uDFFF`` escape that is not half of a surrogate pair. JSON
    parsers accept it, but the string it makes is not Unicode text: it cannot be encoded as
    UTF-8, so the card cannot be stored, sent or printed faithfully. cardlint's own output
    writes it as ``\\ud800``.

Why it matters:
    Tools downstream fail on it in different ways (an encoding error, a replacement character,
    a silently dropped field). It is almost always a truncated emoji or a fuzzing artefact.

Example (fails)::

    {"model_overview": {"model_creator": "ml-team \\ud83d"}}

Use instead::

    {"model_overview": {"model_creator": "ml-team \\ud83d\\ude80"}}
"""

from cardlint.core.diagnostics import Severity

CODE = "P013"
NAME = "lone-surrogate"
SEVERITY = Severity.ERROR
FIXABLE = False
