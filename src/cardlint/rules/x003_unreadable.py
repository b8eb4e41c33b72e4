"""A file found while searching a directory cannot be read.

What it does:
    Files named on the command line that cannot be read end the run with exit code 2; files
    found in directories are reported with this code and the run goes on.

Why it matters:
    A card that cannot be read is a card that was not checked.

Example (fails)::

    a model-card.json without read permission

Use instead::

    make the file readable
"""

from cardlint.core.diagnostics import Severity

CODE = "X003"
NAME = "unreadable"
SEVERITY = Severity.ERROR
FIXABLE = False
