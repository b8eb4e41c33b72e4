"""Positions in decoded text: character offsets turned into 1-based line:column spans.

Columns count characters (code points), as the rest of cardlint does; output formats that
count otherwise (SARIF, LSP: UTF-16 code units) convert at the edge with :func:`utf16_column`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple


class Span(NamedTuple):
    """A range of text: 1-based lines and columns (end exclusive) plus 0-based offsets.

    >>> LineIndex("ab\\ncd").span(3, 5)
    Span(line=2, column=1, end_line=2, end_column=3, start=3, end=5)
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int


FILE_START = Span(1, 1, 1, 1, 0, 0)
"""Where a finding about the whole file (size, time, permissions) is placed."""


class LineIndex:
    """Maps character offsets of one text to line and column numbers.

    Line breaks are ``\\n``, ``\\r\\n`` and a lone ``\\r`` (YAML counts all three).
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        if "\r" in text:
            i, n = 0, len(text)
            while i < n:
                j = text.find("\n", i)
                k = text.find("\r", i)
                if j < 0 and k < 0:
                    break
                if k >= 0 and (j < 0 or k < j):
                    i = k + 2 if text.startswith("\r\n", k) else k + 1
                else:
                    i = j + 1
                starts.append(i)
        else:
            pos = text.find("\n")
            while pos >= 0:
                starts.append(pos + 1)
                pos = text.find("\n", pos + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, clamped to the text."""
        offset = max(0, min(offset, len(self.text)))
        row = bisect_right(self._starts, offset) - 1
        return row + 1, offset - self._starts[row] + 1

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]``; an empty range is widened to one character."""
        if end <= start:
            end = min(start + 1, len(self.text)) if start < len(self.text) else start
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(line, column, end_line, end_column, start, end)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break."""
        if line < 1 or line > len(self._starts):
            return ""
        start = self._starts[line - 1]
        stop = self._starts[line] if line < len(self._starts) else len(self.text)
        return self.text[start:stop].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._starts)


def utf16_column(line_text: str, column: int) -> int:
    """Convert a 1-based character column to a 1-based UTF-16 code-unit column."""
    prefix = line_text[: column - 1]
    extra = sum(1 for ch in prefix if ord(ch) > 0xFFFF)
    return column + extra
