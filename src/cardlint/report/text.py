"""Text output for people: ``path:line:col: CODE message``, snippets, and a summary line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cardlint.diagnostics import Diagnostic, Severity
from cardlint.report import ReportOptions, Summary
from cardlint.result import FileResult
from cardlint.text import one_line, safe_text

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_MAX_SNIPPET = 120


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def headline(d: Diagnostic, color: bool = False) -> str:
    # A line break in a file name would start a new output line: in a CI log that line could
    # pose as a finding or as a workflow command (``::error``); each part is escaped before
    # it is coloured, so the only escape sequences are the colours'.
    where = f"{one_line(d.path)}:{d.span.line}:{d.span.column}:"
    code = _paint(d.code, "1;" + _COLORS[d.severity], color)
    tag = "" if d.severity is Severity.ERROR else f" [{d.severity.value}]"
    return f"{_paint(where, '1', color)} {code}{tag} {one_line(d.message)}"


def snippet(d: Diagnostic, source_line: str, color: bool = False) -> list[str]:
    """The source line with a caret under the span (first line only, clipped)."""
    text = source_line.replace("\t", " ")
    start = d.span.column - 1
    end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(text)
    end = max(end, start + 1)
    if len(text) > _MAX_SNIPPET:
        left = max(0, min(start - 20, len(text) - _MAX_SNIPPET))
        text = ("…" if left else "") + text[left : left + _MAX_SNIPPET] + "…"
        shift = left - (1 if left else 0)
        start, end = start - shift, min(end - shift, len(text))
    gutter = f"{d.span.line:>5} | "
    marker = " " * len(gutter[:-2]) + "| " + " " * start + "^" * max(1, end - start)
    return [safe_text(gutter + text), _paint(marker, _COLORS[d.severity], color)]


def write_text(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    for result in results:
        if options.verbose and result.schema:
            stream.write(f"{one_line(result.path)}: checked against {one_line(result.schema)}\n")
        lines = result.document.lines if result.document is not None else None
        for d in result.diagnostics:
            if options.quiet and d.severity is not Severity.ERROR:
                continue
            stream.write(headline(d, options.color) + "\n")
            if options.show_source and lines is not None and d.span.line <= lines.line_count:
                for row in snippet(d, lines.line_text(d.span.line), options.color):
                    stream.write(row + "\n")
    if not options.quiet:
        stream.write(summary_line(Summary.of(results)) + "\n")


def summary_line(summary: Summary) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    checked = plural(summary.files, "file")
    if not (summary.errors or summary.warnings or summary.infos):
        return f"All checks passed ({checked} checked)."
    parts = [plural(summary.errors, "error"), plural(summary.warnings, "warning")]
    if summary.infos:
        parts.append(plural(summary.infos, "info"))
    return (
        f"Found {', '.join(parts)} in {plural(summary.files_with_findings, 'file')} "
        f"({checked} checked)."
    )
