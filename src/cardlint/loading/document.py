"""From bytes to a :class:`Document`: decoding, format choice, limits, and the common interface.

A Document holds the decoded text, its format, the parsed value (plain dict/list/str/int/float/
bool/None; YAML dates stay ``datetime.date`` so that the YAML type trap can be reported), the
problems found while parsing, and ``locate(pointer)`` which turns a JSON pointer into a
:class:`~cardlint.core.span.Span`. The source map behind ``locate`` is built only when first
asked for,
so files without findings never pay for it.
"""

from __future__ import annotations

import codecs
import re
from functools import cached_property
from typing import Any, Literal, NamedTuple, Protocol

from cardlint.core import codes
from cardlint.core.diagnostics import Finding, Target
from cardlint.core.pointer import from_links, join
from cardlint.core.span import LineIndex, Span

Format = Literal["json", "yaml"]

# C0 controls other than tab and line breaks, DEL and C1 controls; and lone surrogates. Decoding
# and the parsers reject raw C0 controls and surrogates, so those arrive only through escapes
# ("\u001b", "\ud800"); DEL and C1 may also be written raw in JSON strings.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_RAW_C1 = re.compile("[\x7f-\x9f]")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Decoded(NamedTuple):
    """Text decoded from bytes, with what is needed to write it back byte for byte."""

    text: str
    encoding: str
    bom: bytes


class YamlScalarNote(NamedTuple):
    """A YAML scalar whose type differs between YAML 1.1 (PyYAML) and YAML 1.2."""

    pointer: str
    text: str
    value: Any


class SourceMap(Protocol):
    """Format-specific lookups behind :meth:`Document.locate` (offsets into the text)."""

    def value_range(self, pointer: str) -> tuple[int, int] | None: ...

    def key_range(self, pointer: str) -> tuple[int, int] | None: ...

    def scalar_text(self, pointer: str) -> str | None: ...


class Document:
    """A parsed card file. See the module docstring."""

    def __init__(
        self,
        text: str,
        fmt: Format,
        value: Any,
        problems: list[Finding],
        source_map: SourceMap | None = None,
        *,
        yaml_notes: tuple[YamlScalarNote, ...] = (),
    ) -> None:
        self.text = text
        self.format: Format = fmt
        self.value = value
        self.problems = problems
        self._source_map = source_map
        self.yaml_notes = yaml_notes

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def span_of(self, start: int, end: int) -> Span:
        return self.lines.span(start, _trim_end(self.text, start, end))

    def locate(self, pointer: str, target: Target = "value") -> Span:
        """The span of the node at ``pointer``: its value, its key, or (``container``) the key
        of the object or, for array items and the root, its first character.

        A pointer that does not exist falls back to its nearest existing ancestor.
        """
        smap = self._source_map
        if smap is None:
            return self.lines.span(0, 0)
        if target in ("key", "container"):
            found = smap.key_range(pointer)
            if found is not None:
                return self.span_of(*found)
            found = smap.value_range(pointer)
            if found is not None:
                if target == "container":
                    return self.lines.span(found[0], found[0] + 1)
                return self.span_of(*found)
        found = smap.value_range(pointer)
        if found is not None:
            return self.span_of(*found)
        if pointer:
            return self.locate(pointer[: pointer.rfind("/")], "container")
        return self.lines.span(0, 0)

    def narrow(self, span: Span, offset: int, part: str) -> Span:
        """The span of ``part`` inside a string's ``span``, where ``part`` starts at ``offset``
        in the parsed value; ``span`` itself when the text does not hold it as written.

        Quotes, escapes and folded line breaks only make the written text longer than the
        value, so ``part`` is written at ``offset`` or later.
        """
        if not part:
            return span
        at = self.text.find(part, span.start + offset, span.end)
        if at < 0:
            return span
        return self.lines.span(at, at + len(part))

    def scalar_text(self, pointer: str) -> str | None:
        """The scalar at ``pointer`` exactly as written (``0.30``, ``yes``, ``2024-03-01``)."""
        return None if self._source_map is None else self._source_map.scalar_text(pointer)


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing white space and comments-free line breaks from a node's range."""
    while end > start + 1 and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def decode(data: bytes) -> Decoded | Finding:
    """Decode UTF-8 (BOM optional) or BOM-marked UTF-16/32; a failure is a finding."""
    encoding, bom = "utf-8", b""
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom = name, mark
            break
    body = data[len(bom) :]
    if encoding == "utf-8":
        nul = body.find(b"\x00")
        if nul >= 0:
            return _bad_bytes(body, nul, len(bom), "binary file: NUL byte", encoding)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        what = f"cannot decode as {encoding.upper()}: byte"
        return _bad_bytes(body, exc.start, len(bom), what, encoding)
    return Decoded(text, encoding, bom)


def _bad_bytes(body: bytes, offset: int, bom_len: int, what: str, encoding: str) -> Finding:
    # The position counts the characters before the bad bytes in the file's own encoding
    # (a UTF-8 decode of UTF-16 text would count each byte).
    prefix = body[:offset].decode(encoding, errors="replace")
    index = LineIndex(prefix)
    line, column = index.position(len(prefix))
    byte = body[offset : offset + 1].hex().upper() or "??"
    span = Span(line, column, line, column + 1, len(prefix), len(prefix) + 1)
    return Finding(
        codes.UNDECODABLE,
        "",
        f"{what} 0x{byte} at byte offset {offset + bom_len}",
        span=span,
    )


def sniff_format(filename: str | None, text: str) -> Format:
    """JSON or YAML: by extension, else by the first non-blank character."""
    if filename:
        lower = filename.lower()
        if lower.endswith(".json"):
            return "json"
        if lower.endswith((".yaml", ".yml")):
            return "yaml"
    stripped = text.lstrip()
    return "json" if stripped[:1] in ("{", "[") else "yaml"


def find_too_deep(value: Any, max_depth: int) -> str | None:
    """The pointer of the first container nested deeper than ``max_depth``, else ``None``.

    Iterative, so that it is safe on any depth the parser let through. ``value`` comes from
    a parser (plain ``dict`` and ``list``); a path is kept as ``(parent, key)`` links and
    spelled as a pointer only when it is returned, since this runs on every card.
    """
    stack: list[tuple[Any, Any, int]] = [(value, None, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, path, depth = pop()
        kind = type(node)
        if kind is dict:
            children: Any = node.items()
        elif kind is list:
            children = enumerate(node)
        else:
            continue
        if depth > max_depth:
            return from_links(path)
        for key, child in children:
            if type(child) in _CONTAINERS:
                push((child, (path, key), depth + 1))
    return None


_CONTAINERS = frozenset((dict, list))


def find_odd_scalars(value: Any, text: str) -> list[Finding]:
    """Findings for strings (values or keys) holding lone surrogates or control characters.

    Cheap for ordinary cards: the value is walked only when the text has a backslash (an
    escape) or a raw DEL/C1 character. Iterative, so any depth is safe. (Numbers that are not
    finite are rule M004's: they matter only where metrics hold numbers.)
    """
    if "\\" not in text and (text.isascii() or _RAW_C1.search(text) is None):
        return []
    found: list[Finding] = []
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, dict):
            children = []
            for key, child in node.items():
                child_pointer = join(pointer, key)
                if isinstance(key, str):
                    found.extend(_odd_string(key, child_pointer, "key"))
                children.append((child, child_pointer))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend(reversed([(child, f"{pointer}/{i}") for i, child in enumerate(node)]))
        elif isinstance(node, str):
            found.extend(_odd_string(node, pointer, "value"))
    return found


def _odd_string(text: str, pointer: str, target: Target) -> list[Finding]:
    what = "key" if target == "key" else "string"
    found = []
    match = _SURROGATE.search(text)
    if match is not None:
        found.append(
            Finding(
                codes.LONE_SURROGATE,
                pointer,
                f"{what} contains a lone surrogate U+{ord(match.group()):04X} "
                f"(character {match.start() + 1}): it cannot be encoded as UTF-8",
                target=target,
            )
        )
    match = _CONTROL.search(text)
    if match is not None:
        found.append(
            Finding(
                codes.CONTROL_CHARACTER,
                pointer,
                f"{what} contains control character U+{ord(match.group()):04X} "
                f"(character {match.start() + 1}): invisible in most viewers, and terminals "
                "may act on it",
                target=target,
            )
        )
    return found


def too_many_values_message(max_values: int) -> str:
    """The message of P016, the same for JSON and YAML."""
    return (
        f"the document holds more than {max_values:,} values, far more than a model card can hold "
        "(SageMaker accepts 100,000 characters); keep generated data out of the card"
    )


def depth_finding(doc_pointer: str, max_depth: int) -> Finding:
    return Finding(
        codes.TOO_DEEP,
        doc_pointer,
        f"nesting deeper than {max_depth} levels (model cards nest fewer than 10)",
    )
