"""Checking the file took longer than the per-file time limit, so it was stopped.

What it does:
    Stops checking a file after ``--timeout`` seconds (default 20) and reports that instead
    of partial results. Ordinary cards take milliseconds; only very large files with a great
    many defects (say, a million unknown properties) come near the limit.

Why it matters:
    One hostile or generated file must not hold up a CI run for minutes. The file was not
    fully checked, so this is an error.

Example (fails)::

    a 10 MB YAML file with 900,000 unknown top-level keys

Use instead::

    a real model card (they are a few kilobytes), or a larger ``--timeout``
"""

from cardlint.core.diagnostics import Severity

CODE = "P015"
NAME = "time-limit"
SEVERITY = Severity.ERROR
FIXABLE = False
