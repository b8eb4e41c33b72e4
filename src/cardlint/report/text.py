"""Text output for people: ``path:line:col: CODE message``, snippets, and a summary line.

Everything taken from a card or a file name is escaped first (a hostile card must not be able
to drive the terminal); only cardlint's own colours are written raw, around escaped text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import NamedTuple, TextIO

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Severity
from cardlint.core.text import one_line
from cardlint.report import ReportOptions, Summary

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_GUTTER_COLOR = "1;34"
_MAX_SNIPPET = 120  # terminal cells of source shown around the defect
_CONTEXT = 20  # characters kept before the defect when a long line is clipped
_TAB_SIZE = 4


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def headline(d: Diagnostic, color: bool = False) -> str:
    """``path:line:col: CODE [severity] message``; path and message escaped, then coloured.

    A line break in a file name would start a new output line: in a CI log that line could
    pose as a finding or as a workflow command (``::error``), so it is written as ``\\n``.
    """
    where = f"{one_line(d.path)}:{d.span.line}:{d.span.column}:"
    code = _paint(d.code, "1;" + _COLORS[d.severity], color)
    tag = "" if d.severity is Severity.ERROR else f" [{d.severity.value}]"
    return f"{_paint(where, '1', color)} {code}{tag} {one_line(d.message)}"


def cell_width(ch: str) -> int:
    """Terminal cells one character takes: 2 for East Asian wide and full-width characters
    (CJK, most emoji), 0 for combining marks and format characters, else 1."""
    if ch < "\u0300":  # Latin-1 and the like: one cell each (controls are escaped before)
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _Cell(NamedTuple):
    shown: str  # what is printed for one character of the source line
    width: int  # terminal cells it takes


def _cells(line: str) -> list[_Cell]:
    """Each character of a source line as printed: tabs expanded to the next stop of 4,
    control characters and the like escaped (``\\x1b``), with their widths on screen."""
    cells: list[_Cell] = []
    column = 0
    for ch in line:
        if ch == "\t":
            shown = " " * (_TAB_SIZE - column % _TAB_SIZE)
            cells.append(_Cell(shown, len(shown)))
        else:
            shown = one_line(ch)
            width = sum(cell_width(c) for c in shown) if shown != ch else cell_width(ch)
            cells.append(_Cell(shown, width))
        column += cells[-1].width
    return cells


def snippet(d: Diagnostic, source_line: str, color: bool = False) -> list[str]:
    """The source line with a caret under the span (first line only, clipped), aligned on
    screen: tabs, wide characters and escaped control characters are counted in cells."""
    cells = _cells(source_line)
    start = min(max(d.span.column - 1, 0), len(cells))
    end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(cells)
    end = min(max(end, start + 1), max(len(cells), start + 1))
    left = 0
    if sum(c.width for c in cells) > _MAX_SNIPPET:
        left = max(0, start - _CONTEXT)
    right, used = left, 0
    while right < len(cells) and used + cells[right].width <= _MAX_SNIPPET:
        used += cells[right].width
        right += 1
    prefix = "…" if left else ""
    suffix = "…" if right < len(cells) else ""
    text = prefix + "".join(c.shown for c in cells[left:right]) + suffix
    pad = len(prefix) + sum(c.width for c in cells[left:start])
    marked = sum(c.width for c in cells[start : min(end, right)]) or 1
    gutter = f"{d.span.line:>5} |"
    blank = " " * (len(gutter) - 1) + "|"
    marker = " " * pad + "^" * marked
    return [
        f"{_paint(gutter, _GUTTER_COLOR, color)} {text}".rstrip(),
        f"{_paint(blank, _GUTTER_COLOR, color)} {_paint(marker, _COLORS[d.severity], color)}",
    ]


def write_text(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    for result in results:
        if options.verbose and result.schema:
            stream.write(f"{one_line(result.path)}: {schema_line(result)}\n")
        lines = result.document.lines if result.document is not None else None
        for d in result.diagnostics:
            stream.write(headline(d, options.color) + "\n")
            if options.show_source and lines is not None and d.span.line <= lines.line_count:
                for row in snippet(d, lines.line_text(d.span.line), options.color):
                    stream.write(row + "\n")
    if not options.quiet:
        stream.write(summary_line(Summary.of(results)) + "\n")


def schema_line(result: FileResult) -> str:
    """What ``--verbose`` says of a file's schema, and why ``--schema auto`` chose it:
    ``checked against model-card, which --schema auto chose for fields only standalone model
    cards have: /model_overview/model_id, /model_overview/model_name``.
    """
    line = f"checked against {one_line(result.schema or '')}"
    if result.schema_chosen_by:
        fields = ", ".join(one_line(p) for p in result.schema_chosen_by)
        line += ", which --schema auto chose for fields only standalone model cards have: " + fields
    return line


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
