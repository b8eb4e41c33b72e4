"""``--format editor``: ``path:line:col: severity: CODE message``, columns in UTF-8 bytes.

For editors that read a linter's output line by line: Vim's ``errorformat`` (``%c``) and
nvim-lint count a column in bytes, so on a line with non-ASCII text a character column (as
``concise`` prints) lands too far left. The severity is a word of its own (``error``,
``warning``, ``info``) so that Vim's ``%t`` and nvim-lint's severity map keep warnings as
warnings. No summary is printed; examples/editors shows the patterns that read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic
from cardlint.core.span import LineIndex
from cardlint.core.text import one_line
from cardlint.report import ReportOptions


def byte_column(line_text: str, column: int) -> int:
    """The 1-based UTF-8 byte column of a 1-based character column.

    >>> byte_column("é: 😀x", 5)  # "x" follows 2 + 1 + 1 + 4 bytes
    9
    """
    return (
        len(line_text[: column - 1].encode("utf-8", "surrogatepass"))
        + 1
        + max(0, column - 1 - len(line_text))
    )


def editor_line(d: Diagnostic, lines: LineIndex | None) -> str:
    column = d.span.column
    if lines is not None:
        column = byte_column(lines.line_text(d.span.line), column)
    return one_line(f"{d.path}:{d.span.line}:{column}: {d.severity.value}: {d.code} {d.message}")


def write_editor(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    for result in results:
        lines = result.document.lines if result.document is not None else None
        for d in result.diagnostics:
            stream.write(editor_line(d, lines) + "\n")
