"""Cards written as a JSON string inside another file, with positions in the outer file.

``ModelCard.ModelCardContent`` of a model package and ``Content`` of a model card are JSON
*strings*. The card is parsed from the decoded string; every offset inside the decoded string is
mapped back to the offset in the outer file of the character that produced it, through escapes
(``\\"``, ``\\n``, ``\\u00e9``, surrogate pairs), YAML quoting (``''``) and YAML line folding and
block-scalar indentation. Lines and columns are then counted in the outer text as usual.

>>> text = '{"Content": "{\\\\"a\\\\": 1}"}'
>>> host = string_host(text, 12, 25, '{"a": 1}')
>>> host.offset(2), text[host.offset(2)]
(16, 'a')
"""

from __future__ import annotations

from typing import NamedTuple

from cardlint.core.span import LineIndex, Span

# Escapes after a backslash and the number of characters they take, backslash included.
_FIXED = {"x": 4, "u": 6, "U": 10}
_BREAKS = "\r\n\x85\u2028\u2029"


class StringHost(NamedTuple):
    """Where each character of a decoded string value came from in the outer text."""

    offsets: tuple[int, ...]
    """``offsets[i]`` is the outer offset of decoded character ``i``; one extra entry at the end
    is the offset just after the last character."""

    def offset(self, index: int) -> int:
        """The outer offset of decoded character ``index`` (clamped to the string)."""
        return self.offsets[max(0, min(index, len(self.offsets) - 1))]

    def span(self, inner: Span, lines: LineIndex) -> Span:
        """An inner span (over the decoded string) as a span of the outer text.

        The end is where the character after the span is written (so a closing quote written
        as ``\\"`` is inside), less any white space YAML folded or stripped there.
        """
        start = self.offset(inner.start)
        end = self.offset(inner.end) if inner.end > inner.start else start + 1
        while end > start + 1 and lines.text[end - 1] in " \t\r\n":
            end -= 1
        return lines.span(start, max(start + 1, end))


def string_host(text: str, start: int, end: int, decoded: str) -> StringHost:
    """Map ``decoded``, the value of the string written at ``text[start:end]``, back to ``text``.

    ``start`` is the first character of the written value: a JSON or YAML quote, or the
    ``|``/``>`` indicator of a YAML block scalar.
    """
    first = text[start : start + 1]
    if first in ("|", ">"):
        header_end = text.find("\n", start)
        body = len(text) if header_end < 0 else header_end + 1
        return StringHost(tuple(_align(text, body, end, decoded, escapes=False, quote="")))
    if first == '"':
        return StringHost(tuple(_align(text, start + 1, end, decoded, escapes=True, quote='"')))
    if first == "'":
        return StringHost(tuple(_align(text, start + 1, end, decoded, escapes=False, quote="'")))
    return StringHost(tuple(_align(text, start, end, decoded, escapes=False, quote="")))


def _align(text: str, pos: int, stop: int, decoded: str, *, escapes: bool, quote: str) -> list[int]:
    """Walk the written text and the decoded value together.

    Exact for every character that is written as itself or as an escape. White space that YAML
    folds or strips (indentation, line breaks folded to spaces) maps to the nearest written
    white space, which no finding ever starts at: findings point at keys and values.
    """
    out: list[int] = []
    i, n = 0, len(decoded)
    stop = max(stop, pos)
    while i < n:
        ch = decoded[i]
        if pos >= stop:
            out.append(max(stop - 1, 0))
            i += 1
            continue
        raw = text[pos]
        if escapes and raw == "\\":
            step, produced = _escape(text, pos, stop, ch)
            if produced == 0:  # an escaped line break: YAML drops it and the indentation after
                pos += step
                continue
            out.append(pos)
            pos += step
            i += produced
            continue
        if quote == "'" and raw == "'" and text[pos + 1 : pos + 2] == "'":
            out.append(pos)
            pos, i = pos + 2, i + 1
            continue
        if raw == ch:
            out.append(pos)
            pos, i = pos + 1, i + 1
            if raw == "\r" and text[pos : pos + 1] == "\n" and decoded[i : i + 1] != "\n":
                pos += 1
            continue
        if raw in " \t" or raw in _BREAKS:
            # Folded or stripped by YAML; a folded break becomes the space/newline in ``ch``.
            if ch in " \n" and raw in _BREAKS:
                out.append(pos)
                i += 1
            pos += 1
            continue
        # Not expected for a value the parser produced from this text; keep the mapping
        # monotonic without consuming, so that later characters still find their place.
        out.append(pos)
        i += 1
    out.append(min(pos, len(text)))
    return out


def _escape(text: str, pos: int, stop: int, decoded_char: str) -> tuple[int, int]:
    """(characters written, characters produced) for the escape at ``text[pos]``."""
    kind = text[pos + 1 : pos + 2]
    if kind in _BREAKS:
        step = 2 + (1 if kind == "\r" and text[pos + 2 : pos + 3] == "\n" else 0)
        while pos + step < stop and text[pos + step] in " \t":
            step += 1
        return step, 0
    size = _FIXED.get(kind)
    if size is None:
        return 2, 1
    if kind == "u" and ord(decoded_char) > 0xFFFF and text[pos + 6 : pos + 8] == "\\u":
        return 12, 1  # a surrogate pair written as two escapes: one character
    return size, 1
