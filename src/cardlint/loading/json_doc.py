"""Strict RFC 8259 JSON: parsing with the C decoder, and a lazy source map for positions."""

from __future__ import annotations

import contextlib
import json
import re
import sys
import threading
from array import array
from typing import Any

from cardlint.core import codes
from cardlint.core.diagnostics import Finding, FixIntent, RemoveProperty
from cardlint.core.pointer import join
from cardlint.core.settings import Limits
from cardlint.loading.document import (
    Document,
    depth_finding,
    find_odd_scalars,
    find_too_deep,
    too_many_values_message,
)

_WS = re.compile(r"[ \t\r\n]*")
# Unrolled-loop spelling: one regex step per run of plain characters, not one per character,
# so a multi-megabyte string scans in milliseconds.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_LITERAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null|NaN|-?Infinity")
# A scalar item of an array and the comma after it, if any.
_SCALAR_ITEM = re.compile(
    r'("[^"\\]*(?:\\.[^"\\]*)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null)'
    r"[ \t\r\n]*(,[ \t\r\n]*)?",
    re.S,
)
_NONFINITE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|(-?Infinity|NaN)', re.S)


class _NonFinite(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _NonFinite(name)


class _Decoder(threading.local):
    """A decoder that notices duplicate keys without costing a source map, one per thread.

    ``json.loads`` given a hook builds a new decoder on every call, which costs about as much
    as parsing a 10 KB card; this one is built once. ``duplicates`` is reset by each parse.
    """

    def __init__(self) -> None:
        self.duplicates = False
        self.decoder = json.JSONDecoder(
            object_pairs_hook=self._pairs, parse_constant=_reject_constant
        )

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.duplicates = True
        return result

    def decode(self, text: str) -> Any:
        self.duplicates = False
        return self.decoder.decode(text)


_DECODER = _Decoder()


def parse_json(text: str, limits: Limits) -> Document:
    crossing = _value_limit_offset(text, limits.max_values)
    if crossing is not None:
        nested = _deep_offset(text[:crossing], limits.max_depth)  # whichever comes first
        if nested:
            message = depth_finding("", limits.max_depth).message
            return _failed(text, (codes.TOO_DEEP, message, nested, nested + 1))
        message = too_many_values_message(limits.max_values)
        return _failed(text, (codes.TOO_MANY_VALUES, message, crossing, crossing + 1))
    problems: list[Finding] = []
    smap = JsonSourceMap(text)
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        return _failed(text, _syntax(text, exc))
    except _NonFinite as exc:
        return _failed(text, _nonfinite(text, str(exc)))
    except RecursionError:
        offset = _deep_offset(text, limits.max_depth)
        doc = Document(text, "json", None, [], None)
        span = doc.lines.span(offset, offset + 1)
        doc.problems.append(depth_finding("", limits.max_depth)._replace(span=span))
        return doc
    except ValueError as exc:  # an integer beyond Python's int/str conversion limit
        return _failed(text, _huge_number(text, str(exc)))
    doc = Document(text, "json", value, problems, smap)
    deep = find_too_deep(value, limits.max_depth)
    if deep is not None:
        problems.append(depth_finding(deep, limits.max_depth))
        doc.value = None
        return doc
    problems.extend(find_odd_scalars(value, text))
    if _DECODER.duplicates:
        for pointer, first, later in smap.duplicates:
            line = doc.lines.position(first[0])[0]
            problems.append(
                Finding(
                    codes.DUPLICATE_KEY,
                    pointer,
                    f"duplicate key {text[later[0] : later[1]]} (first defined on line {line}); "
                    "the later value wins",
                    target="key",
                    span=doc.span_of(*later),
                    fix=FixIntent(
                        "unsafe",
                        f"Remove the earlier {text[first[0] : first[1]]} (line {line})",
                        (RemoveProperty(pointer, doc.span_of(*first)),),
                    ),
                )
            )
    return doc


def _failed(text: str, found: tuple[str, str, int, int]) -> Document:
    code, message, start, end = found
    doc = Document(text, "json", None, [], None)
    # An error at the end of the text (``{``) points just past it; the span must stay inside.
    end = min(end, len(text))
    doc.problems.append(Finding(code, "", message, span=doc.lines.span(start, end)))
    return doc


def _syntax(text: str, exc: json.JSONDecodeError) -> tuple[str, str, int, int]:
    """P001 for a JSON syntax error, told from the text around the decoder's position only.

    The ``json`` module's wording and its exact position differ between Python versions
    (3.13 says "Illegal trailing comma" and points at the comma; 3.11 points past it).
    """
    if not text.strip():
        return codes.NOT_AN_OBJECT, "empty file: a model card must be a JSON object", 0, 0
    pos = min(exc.pos, len(text))
    comma = _trailing_comma(text, pos)
    if comma is not None:
        return codes.SYNTAX, "trailing comma is not allowed in JSON", comma, comma + 1
    ahead = text[pos : pos + 2]
    if ahead in ("//", "/*") or ahead[:1] == "#":
        return codes.SYNTAX, "comments are not allowed in JSON", pos, pos + 1
    if ahead[:1] == "\ufeff":
        message = "unexpected byte order mark (U+FEFF): the text has two, or one in the middle"
        return codes.SYNTAX, message, pos, pos + 1
    if ahead[:1] == "'":
        return codes.SYNTAX, "strings must be in double quotes in JSON", pos, pos + 1
    state, opened, string_start = _scan(text, pos)
    if string_start is not None:
        return _string_error(text, string_start, pos)
    if ahead[:1] == '"' and _STRING.match(text, pos) is None:
        return codes.SYNTAX, "unterminated string", pos, pos + 1
    if ahead[:1] and ord(ahead[0]) < 32 and ahead[0] not in " \t\r\n":
        message = f"control character U+{ord(ahead[0]):04X} is not allowed in JSON"
        return codes.SYNTAX, message, pos, pos + 1
    if not text[pos:].strip():
        return codes.SYNTAX, _unfinished(text, opened), pos, pos + 1
    if state == "end":
        return codes.SYNTAX, "unexpected text after the end of the JSON value", pos, pos + 1
    found = _STRING.match(text, pos) or re.compile(r"[\w.+-]+|\S").match(text, pos)
    token = found.group() if found else ""
    if len(token) > 30:
        token = token[:29] + "…"
    shown = f", found {token}" if token.startswith('"') else f', found "{token}"' if token else ""
    closer = "}" if opened and opened[-1][0] == "{" else "]"
    expected = {
        "key": "a property name in double quotes",
        "key_or_end": 'a property name in double quotes or "}"',
        "colon": '":" after the property name',
        "value": "a value",
        "value_or_end": 'a value or "]"',
        "comma": f'"," or "{closer}"',
    }[state]
    return codes.SYNTAX, f"expected {expected}{shown}", pos, pos + 1


def _trailing_comma(text: str, pos: int) -> int | None:
    """The offset of a comma right before ``}`` or ``]`` at or next to ``pos``, if any."""
    before = text[:pos].rstrip(" \t\r\n")
    if text[pos : pos + 1] == ",":
        comma, after = pos, text[pos + 1 :].lstrip(" \t\r\n")[:1]
    elif before.endswith(","):
        comma, after = len(before) - 1, text[pos : pos + 1]
    else:
        return None
    previous = text[:comma].rstrip(" \t\r\n")[-1:]
    return comma if after in ("}", "]") and after and previous not in ("", ",", "[", "{") else None


_TOKEN = re.compile(
    r'[ \t\r\n]+|"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"'
    r"|[{}\[\],:]|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null"
)


def _scan(text: str, pos: int) -> tuple[str, list[tuple[str, int]], int | None]:
    """Read the valid text before ``pos``: what the grammar expects at ``pos``, the brackets
    still open (with their offsets), and where a string starts if ``pos`` is inside one."""
    opened: list[tuple[str, int]] = []
    state, i = "value", 0
    while i < pos:
        match = _TOKEN.match(text, i)
        if match is None or match.end() > pos:
            return state, opened, i if text[i] == '"' else None
        token, i = match.group(), match.end()
        if token[0] in " \t\r\n":
            continue
        if token in ("{", "["):
            opened.append((token, match.start()))
            state = "key_or_end" if token == "{" else "value_or_end"
        elif token == ",":
            state = "key" if opened and opened[-1][0] == "{" else "value"
        elif token == ":":
            state = "value"
        elif token[0] == '"' and state in ("key", "key_or_end"):
            state = "colon"
        else:  # a value ended, or a bracket closed one
            if token in ("}", "]") and opened:
                opened.pop()
            state = "comma" if opened else "end"
    return state, opened, None


def _string_error(text: str, start: int, pos: int) -> tuple[str, str, int, int]:
    """An error inside the string that starts at ``start``: a control character, a bad
    escape, or no closing quote."""
    ch = text[pos : pos + 1]
    if ch and ord(ch) < 32:
        message = f"control character U+{ord(ch):04X} must be escaped in a JSON string"
        return codes.SYNTAX, message, pos, pos + 1
    slash = text.rfind("\\", start, pos + 1)
    if slash >= 0 and slash >= pos - 1:
        escape = text[slash : slash + (6 if text[slash + 1 : slash + 2] == "u" else 2)]
        escape = escape.split('"')[0] if len(escape) > 2 else escape
        message = (
            f'invalid escape "{escape}" in a JSON string; write a backslash as "\\\\" '
            'and a character as "\\uXXXX"'
        )
        return codes.SYNTAX, message, slash, slash + len(escape)
    return codes.SYNTAX, "unterminated string", start, start + 1


def _unfinished(text: str, opened: list[tuple[str, int]]) -> str:
    """The message for text that ends before its value does: name the unclosed bracket."""
    if not opened:
        return "the JSON value is not complete at the end of the text"
    bracket, offset = opened[-1]
    line = text.count("\n", 0, offset) + 1
    closer = "}" if bracket == "{" else "]"
    return f'"{bracket}" on line {line} is never closed: add "{closer}"'


def _nonfinite(text: str, name: str) -> tuple[str, str, int, int]:
    for match in _NONFINITE.finditer(text):
        if match.group(1):
            return (
                codes.SYNTAX,
                f"{match.group(1)} is not valid JSON (numbers must be finite)",
                match.start(1),
                match.end(1),
            )
    return codes.SYNTAX, f"{name} is not valid JSON", 0, 0


def _huge_number(text: str, reason: str) -> tuple[str, str, int, int]:
    limit = sys.get_int_max_str_digits() or 4300
    match = re.search(rf"-?[0-9]{{{limit + 1},}}", text)
    if match is None:
        return codes.NUMBER_RANGE, f"number out of range: {reason}", 0, 0
    digits = match.end() - match.start()
    return (
        codes.NUMBER_RANGE,
        f"integer with {digits} digits is out of range (at most {limit} digits)",
        match.start(),
        match.start() + 1,
    )


# A string, a comma, or a bracket that opens a container with something in it.
_VALUE_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|,|[\[{](?![ \t\r\n]*[\]}])', re.S)


def _value_limit_offset(text: str, max_values: int) -> int | None:
    """Where the value that crosses ``max_values`` starts, counted on the text (or None).

    A JSON text holds one value plus one for each comma and each non-empty container, and
    the C decoder builds them all before anything could count them: 10 MB of ``[{}, {}, …]``
    is 2.6 million dictionaries. Texts too short to cross the limit (every value but the
    first needs a separator) and texts with too few structural characters skip the scan.
    """
    if len(text) // 2 + 1 <= max_values:
        return None
    if text.count(",") + text.count("[") + text.count("{") + 1 <= max_values:
        return None
    values = 1
    for match in _VALUE_TOKEN.finditer(text):
        if match.group()[0] != '"':
            values += 1
            if values > max_values:
                blank = _WS.match(text, match.end())  # always matches, maybe empty
                return blank.end() if blank else match.end()
    return None


def _deep_offset(text: str, max_depth: int) -> int:
    """Offset of the first bracket nested deeper than ``max_depth`` (strings skipped)."""
    depth = 0
    for match in re.finditer(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', text, re.S):
        ch = match.group()
        if ch in "[{":
            depth += 1
            if depth > max_depth:
                return match.start()
        elif ch in "]}":
            depth -= 1
    return 0


class JsonSourceMap:
    """Offsets of every key and value of a valid JSON text, indexed on first use.

    Array items are kept in two arrays of offsets per array, not as one pointer string and
    one tuple each: a 10 MB array of numbers is 3.5 million items, and the dictionary form
    took 800 MB.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._values: dict[str, tuple[int, int]] | None = None
        self._keys: dict[str, tuple[int, int]] = {}
        self._arrays: dict[str, tuple[array[int], array[int]]] = {}
        self.duplicates_found: list[tuple[str, tuple[int, int], tuple[int, int]]] = []

    @property
    def duplicates(self) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
        self._index()
        return self.duplicates_found

    def value_range(self, pointer: str) -> tuple[int, int] | None:
        found = self._index().get(pointer)
        if found is not None:
            return found
        owner, _, token = pointer.rpartition("/")
        items = self._arrays.get(owner)
        if items is None or not token.isdigit() or (token[0] == "0" and token != "0"):
            return None
        index = int(token)
        return (items[0][index], items[1][index]) if index < len(items[0]) else None

    def key_range(self, pointer: str) -> tuple[int, int] | None:
        self._index()
        return self._keys.get(pointer)

    def scalar_text(self, pointer: str) -> str | None:
        found = self.value_range(pointer)
        if found is None:
            return None
        raw = self.text[found[0] : found[1]]
        return None if raw[:1] in ("{", "[") else raw

    def _index(self) -> dict[str, tuple[int, int]]:
        if self._values is None:
            self._values = {}
            # Not valid JSON (only asked for after a parse error): keep what was indexed.
            with contextlib.suppress(IndexError, AttributeError):
                self._scan()
        return self._values

    def _scan(self) -> None:
        """One iterative pass over the text (it parsed as JSON, so it is well formed)."""
        text, values = self.text, self._values
        assert values is not None
        # frame: [is_object, pointer, start, seen_keys, index, item starts, item ends]
        stack: list[list[Any]] = []
        pos = _WS.match(text, 0).end()  # type: ignore[union-attr]
        pointer = ""
        while True:
            ch = text[pos]
            if ch in "{[":
                is_object = ch == "{"
                frame: list[Any] = [is_object, pointer, pos, None, 0, None, None]
                if is_object:
                    frame[3] = {}
                else:
                    frame[5], frame[6] = array("q"), array("q")
                stack.append(frame)
                pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                if text[pos] in "}]":
                    pos = self._close(stack, pos)
                elif is_object:
                    pos, pointer = self._key(stack[-1], pos)
                    continue
                else:
                    pointer = f"{pointer}/0"
                    continue
            elif stack and not stack[-1][0]:
                pos = self._scalar_items(stack[-1], pos)
            else:
                match = (_STRING if ch == '"' else _LITERAL).match(text, pos)
                values[pointer] = (pos, match.end())  # type: ignore[union-attr]
                pos = match.end()  # type: ignore[union-attr]
            # after a value: a comma, or closing brackets
            while True:
                pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
                if not stack:
                    return
                frame = stack[-1]
                if text[pos] == ",":
                    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                    if frame[0]:
                        pos, pointer = self._key(frame, pos)
                    else:
                        frame[4] += 1
                        pointer = f"{frame[1]}/{frame[4]}"
                    break
                pos = self._close(stack, pos)

    def _scalar_items(self, frame: list[Any], pos: int) -> int:
        """Record the run of scalar items of an array that starts at ``pos``; the offset after
        the last one (its comma, if another item follows, is left to the caller)."""
        starts, ends, text = frame[5], frame[6], self.text
        while True:
            match = _SCALAR_ITEM.match(text, pos)
            assert match is not None
            starts.append(match.start(1))
            ends.append(match.end(1))
            if match.group(2) is None or text[match.end()] in "{[":
                return match.end(1)
            frame[4] += 1
            pos = match.end()

    def _close(self, stack: list[list[Any]], pos: int) -> int:
        frame = stack.pop()
        assert self._values is not None
        if not frame[0]:
            self._arrays[frame[1]] = (frame[5], frame[6])
        if stack and not stack[-1][0]:  # an item of an array
            stack[-1][5].append(frame[2])
            stack[-1][6].append(pos + 1)
        else:
            self._values[frame[1]] = (frame[2], pos + 1)
        return pos + 1

    def _key(self, frame: list[Any], pos: int) -> tuple[int, str]:
        match = _STRING.match(self.text, pos)
        assert match is not None
        key = json.loads(match.group())
        key_range = (pos, match.end())
        pointer = join(frame[1], key)
        seen = frame[3]
        if key in seen:
            self.duplicates_found.append((pointer, seen[key], key_range))
        seen[key] = key_range
        self._keys[pointer] = key_range
        pos = _WS.match(self.text, match.end()).end()  # type: ignore[union-attr]
        return _WS.match(self.text, pos + 1).end(), pointer  # type: ignore[union-attr]
