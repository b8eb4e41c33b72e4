"""Checking the file took longer than the per-file time limit, so it was stopped.

What it does:
    Stops checking a file after ``--timeout`` seconds (default 20) and reports that instead
    of partial results. Ordinary cards take milliseconds; only very large files with a great
    many defects come near the limit (100,000 unknown properties take about 5 seconds; a
    document of more than 200,000 values is stopped before checking, by P016).

Why it matters:
    One hostile or generated file must not hold up a CI run for minutes. The file was not
    fully checked, so this is an error.

Example (fails)::

    a 2 MB YAML file with 100,000 unknown top-level keys, on a machine four times slower

Use instead::

    a real model card (they are a few kilobytes), or a larger ``--timeout``
"""

from cardlint.core.diagnostics import Severity

CODE = "P015"
NAME = "time-limit"
SEVERITY = Severity.ERROR
FIXABLE = False
