"""``--format concise``: ``path:line:col: CODE message``, one line per finding, nothing else.

The shape editors' error formats expect (Vim ``errorformat``, VS Code problem matchers,
nvim-lint). Severities other than error are tagged ``[warning]`` / ``[info]`` after the code,
as in the text format; no summary is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Severity
from cardlint.core.text import one_line
from cardlint.report import ReportOptions


def concise_line(d: Diagnostic) -> str:
    tag = "" if d.severity is Severity.ERROR else f" [{d.severity.value}]"
    return one_line(f"{d.path}:{d.span.line}:{d.span.column}: {d.code}{tag} {d.message}")


def write_concise(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    for result in results:
        for d in result.diagnostics:
            stream.write(concise_line(d) + "\n")
