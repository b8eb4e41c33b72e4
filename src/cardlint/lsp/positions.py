"""Positions in LSP terms: 0-based lines, columns in the negotiated encoding.

cardlint's spans count characters from 1; LSP counts lines from 0 and columns in code units of
the position encoding agreed at ``initialize`` (UTF-16 unless the client offers UTF-8 or
UTF-32). Everything that crosses that edge goes through :class:`Positions`.

The protocol types are imported inside the functions that build them, so importing this
module needs no pygls.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from cardlint.core.span import Span, utf16_column

if TYPE_CHECKING:
    from lsprotocol import types as lsp

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Positions:
    """Converts between cardlint spans (1-based, characters) and LSP positions.

    LSP lines are 0-based; columns count code units of the negotiated encoding. Lines break at
    ``\\n``, ``\\r\\n`` and ``\\r`` only, as in LSP and in :class:`cardlint.core.span.LineIndex`
    (``str.splitlines`` would also break at U+2028 and friends, and disagree with the client).

    >>> p = Positions("é: 😀x\\n", "utf-16")
    >>> p.character(1, 4), p.character(1, 5)
    (3, 5)
    >>> p.offset(0, 5)
    4
    """

    __slots__ = ("_starts", "encoding", "text")

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def _line(self, row: int) -> str:
        """The text of 0-based line ``row`` without its line break."""
        if row < 0 or row >= len(self._starts):
            return ""
        start = self._starts[row]
        stop = self._starts[row + 1] if row + 1 < len(self._starts) else len(self.text)
        return self.text[start:stop].rstrip("\r\n")

    def _units(self, chars: str) -> int:
        if self.encoding == "utf-8":
            return len(chars.encode("utf-8", "surrogatepass"))
        if self.encoding == "utf-32":
            return len(chars)
        return utf16_column(chars, len(chars) + 1) - 1

    def character(self, line: int, column: int) -> int:
        """The LSP character of a 1-based line and character column."""
        text = self._line(line - 1)
        if self.encoding == "utf-16":
            return utf16_column(text, column) - 1
        return self._units(text[: column - 1]) + max(0, column - 1 - len(text))

    def range(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        """``((line, character), (line, character))`` of a span, both 0-based."""
        return (
            (span.line - 1, self.character(span.line, span.column)),
            (span.end_line - 1, self.character(span.end_line, span.end_column)),
        )

    def at(self, offset: int) -> tuple[int, int]:
        """The 0-based ``(line, character)`` of a character offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        row = bisect_right(self._starts, offset) - 1
        return row, self._units(self.text[self._starts[row] : offset])

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position (clamped to its line and the text)."""
        if line >= len(self._starts):
            return len(self.text)
        text = self._line(max(line, 0))
        units = 0
        for index, char in enumerate(text):
            if units >= character:
                return self._starts[max(line, 0)] + index
            units += self._units(char)
        return self._starts[max(line, 0)] + len(text)


def span_range(positions: Positions, span: Span) -> lsp.Range:
    """A cardlint span as an LSP range."""
    from lsprotocol import types

    (line, char), (end_line, end_char) = positions.range(span)
    return types.Range(types.Position(line, char), types.Position(end_line, end_char))


def offsets_range(positions: Positions, start: int, end: int) -> lsp.Range:
    """The characters ``start`` to ``end`` of the text as an LSP range."""
    from lsprotocol import types

    (line, char), (end_line, end_char) = positions.at(start), positions.at(end)
    return types.Range(types.Position(line, char), types.Position(end_line, end_char))
