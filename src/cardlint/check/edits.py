"""Turning a :class:`~cardlint.core.diagnostics.FixIntent` into text edits, one format at a time.

Rules say *what* to change (a new value, a new key, a property to drop); this module says how
the text changes, touching only the spans involved and writing new values in the file's own
style: a YAML scalar keeps its quoting (plain stays plain when YAML would read it back as the
same string), a number written as a string keeps its digits (``"0.930"`` becomes ``0.930``).

>>> from cardlint.loading.parse import parse_document
>>> from cardlint.core.diagnostics import FixIntent, ReplaceValue
>>> doc = parse_document("risk_rating: high  # keep\\n", "yaml")
>>> fix = make_fix(FixIntent("safe", "m", (ReplaceValue("/risk_rating", "High"),)), doc)
>>> apply_edits(doc.text, fix.edits)
'risk_rating: High  # keep\\n'

A fix that cannot be written exactly (an anchored or aliased YAML node, a rename onto a key
that exists, a pointer the text does not hold) is not offered: :func:`make_fix` returns
``None`` and the finding is reported without a fix.
"""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from cardlint.core import codes
from cardlint.core.diagnostics import (
    Action,
    Edit,
    Fix,
    FixIntent,
    QuoteScalar,
    RemoveProperty,
    RenameKey,
    ReplaceValue,
)
from cardlint.core.pointer import last, parent, resolve, split
from cardlint.core.span import Span
from cardlint.loading.document import Document

# Numbers whose spelling every reader agrees on: JSON, YAML 1.1 (PyYAML) and YAML 1.2.
_PORTABLE_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_PORTABLE_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+][0-9]+)?")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
# A plain YAML scalar that cannot be anything but a string in any context (block or flow).
_PLAIN_SAFE = re.compile(r"[^\W\d_][\w .\-/()+@]*", re.UNICODE)
# YAML 1.1 booleans PyYAML does not resolve but other YAML 1.1 readers do.
_YAML11_LETTERS = frozenset(("y", "Y", "n", "N"))
_YAML_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


class _Member(NamedTuple):
    """Where one ``key: value`` member of an object sits in the text (character offsets)."""

    key_start: int
    value_end: int
    flow: bool
    only: bool
    next_key_start: int | None


def make_fix(intent: FixIntent, document: Document) -> Fix | None:
    """The edits that carry out ``intent`` on ``document``'s text, or ``None`` when they
    cannot be written exactly (the finding is then reported without a fix)."""
    if document.value is None:
        return None
    edits: list[Edit] = []
    for action in intent.actions:
        try:
            made = _edit_for(action, document)
        except (LookupError, ValueError, TypeError):
            made = None
        if made is None:
            return None
        edits.append(made)
    edits.sort(key=lambda e: (e.span.start, e.span.end))
    if overlapping(edits):
        return None
    return Fix(intent.applicability, intent.message, tuple(edits))


def overlapping(edits: Sequence[Edit]) -> bool:
    """Whether any two edits (sorted by start) touch the same text or insert at one place."""
    return any(
        later.span.start < earlier.span.end or later.span.start == earlier.span.start
        for earlier, later in itertools.pairwise(edits)
    )


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with every edit applied; the edits must not overlap."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        out.append(text[pos : edit.span.start])
        out.append(edit.content)
        pos = edit.span.end
    out.append(text[pos:])
    return "".join(out)


def key_start(document: Document, pointer: str) -> int | None:
    """Offset of the key that currently gives the property at ``pointer`` its value."""
    span = _key_span(document, pointer)
    return None if span is None else span.start


# -- one action -----------------------------------------------------------------------------


def _edit_for(action: Action, document: Document) -> Edit | None:
    if document.format == "yaml" and _shared(document, action.pointer):
        return None
    if isinstance(action, ReplaceValue):
        return _replace_value(document, action.pointer, action.value)
    if isinstance(action, QuoteScalar):
        return _quote_scalar(document, action.pointer, action.key)
    if isinstance(action, RenameKey):
        return _rename_key(document, action.pointer, action.new_key)
    if isinstance(action, RemoveProperty):
        return _remove_property(document, action.pointer, action.span)
    return None


def _replace_value(document: Document, pointer: str, value: Any) -> Edit | None:
    old = resolve(document.value, pointer)
    start, end = _value_range(document, pointer, old)
    text = document.text
    written = text[start:end]
    if document.format == "json":
        return _edit(document, start, end, _json_value(value, old))
    if written[:1] in ("&", "*", "!"):
        return None  # an anchored, aliased or tagged node: an edit here would reach elsewhere
    if isinstance(old, dict | list) and written[:1] not in ("[", "{"):
        # A block collection becomes a scalar: write it after the key's colon, not on the
        # next line, when nothing but white space (no comment) sits in between.
        content = _yaml_value(value, written, old)
        colon = _colon_before(text, start)
        if colon is not None:
            return _edit(document, colon + 1, end, " " + content)
        return _edit(document, start, end, content)
    return _edit(document, start, end, _yaml_value(value, written, old))


def _quote_scalar(document: Document, pointer: str, key: bool = False) -> Edit | None:
    if key:
        return _quote_key(document, pointer)
    resolve(document.value, pointer)
    raw = document.scalar_text(pointer)
    if raw is None:
        return None
    span = document.locate(pointer)
    written = document.text[span.start : span.end]
    if document.format == "json":
        if written.startswith('"'):
            return None  # already a string
        return _edit(document, span.start, span.end, json.dumps(raw, ensure_ascii=False))
    if written[:1] in ("&", "*", "!", '"', "'", "|", ">"):
        return None
    return _edit(document, span.start, span.end, yaml_double_quoted(raw))


def _quote_key(document: Document, pointer: str) -> Edit | None:
    """Quote a plain YAML key exactly as written (``yes:`` → ``"yes":``)."""
    if document.format != "yaml" or not pointer or _duplicated(document, pointer):
        return None
    span = _key_span(document, pointer)
    if span is None:
        return None
    written = document.text[span.start : span.end]
    if not written or written[:1] in ("?", "&", "*", "!", '"', "'", "|", ">"):
        return None
    return _edit(document, span.start, span.end, yaml_double_quoted(written))


def _rename_key(document: Document, pointer: str, new_key: str) -> Edit | None:
    owner = resolve(document.value, parent(pointer))
    if not isinstance(owner, dict) or not pointer or new_key in owner:
        return None
    if last(pointer) not in owner or _duplicated(document, pointer):
        return None
    span = _key_span(document, pointer)
    if span is None:
        return None
    written = document.text[span.start : span.end]
    if document.format == "json":
        return _edit(document, span.start, span.end, json.dumps(new_key, ensure_ascii=False))
    if written[:1] in ("?", "&", "*", "!"):
        return None
    return _edit(document, span.start, span.end, yaml_string(new_key, written[:1]))


def _remove_property(document: Document, pointer: str, span: Span | None) -> Edit | None:
    owner = resolve(document.value, parent(pointer))
    if not isinstance(owner, dict) or not pointer or last(pointer) not in owner:
        return None
    where = span.start if span is not None else key_start(document, pointer)
    if where is None:
        return None
    if document.format == "json":
        member = _json_member(document.text, where, last(pointer))
    else:
        member = _yaml_member(document, parent(pointer), where, last(pointer))
    if member is None:
        return None
    return _removal(document, member)


# -- positions ------------------------------------------------------------------------------


def _key_span(document: Document, pointer: str) -> Span | None:
    """The key's span, checked to spell the pointer's last token (never an ancestor's key)."""
    if not pointer:
        return None
    span = document.locate(pointer, "key")
    written = document.text[span.start : span.end]
    token = last(pointer)
    if document.format == "json":
        try:
            return span if json.loads(written) == token else None
        except ValueError:
            return None
    if written == token or (written[:1] in ('"', "'") and _yaml_scalar(written) == token):
        return span
    return None


def _value_range(document: Document, pointer: str, old: Any) -> tuple[int, int]:
    """Offsets of the value's text; for a YAML block collection, up to its last content
    character (never a trailing comment)."""
    if not isinstance(old, dict | list):
        if document.scalar_text(pointer) is None:
            raise LookupError(pointer)  # not in the text (a merged key)
        span = document.locate(pointer)
        end = span.end
        if document.format == "yaml" and document.text[span.start : span.start + 1] in "|>":
            # Trailing spaces on a block scalar's last line are part of its value.
            while end < len(document.text) and document.text[end] in " \t":
                end += 1
        return span.start, end
    if document.format == "json":
        span = document.locate(pointer)
        return span.start, span.end
    node = _yaml_node(document, pointer)
    if node is None:
        raise LookupError(pointer)
    return node.start_mark.index, _content_end(document.text, node)


def _shared(document: Document, pointer: str) -> bool:
    """Whether the YAML node at ``pointer`` may be reached by another path too: it or an
    ancestor is anchored or an alias, or it was merged in with ``<<`` (its text then sits
    outside its parent's)."""
    text = document.text
    while pointer:
        up = parent(pointer)
        inner = document.locate(pointer)
        outer = document.locate(up)
        if not (outer.start <= inner.start and inner.end <= outer.end):
            return True
        if text[outer.start : outer.start + 1] in ("&", "*"):
            return True
        pointer = up
    return False


def _duplicated(document: Document, pointer: str) -> bool:
    return any(p.code == codes.DUPLICATE_KEY and p.pointer == pointer for p in document.problems)


def _colon_before(text: str, start: int) -> int | None:
    """The ``:`` of the member whose value starts at ``start``, if only white space follows it."""
    pos = start - 1
    while pos >= 0 and text[pos] in " \t\r\n":
        pos -= 1
    return pos if pos >= 0 and text[pos] == ":" else None


def _edit(document: Document, start: int, end: int, content: str) -> Edit:
    return Edit(
        document.lines.span(start, end) if end > start else _empty(document, start), content
    )


def _empty(document: Document, at: int) -> Span:
    line, column = document.lines.position(at)
    return Span(line, column, line, column, at, at)


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def _next_line(text: str, pos: int) -> int:
    """Offset of the start of the line after the one holding ``pos`` (or the end of text)."""
    for i in range(pos, len(text)):
        if text[i] == "\n":
            return i + 1
        if text[i] == "\r":
            return i + 2 if text.startswith("\r\n", i) else i + 1
    return len(text)


# -- removing a member ----------------------------------------------------------------------


def _json_member(text: str, start: int, token: str) -> _Member | None:
    match = _JSON_STRING.match(text, start)
    if match is None or json.loads(match.group()) != token:
        return None
    pos = _skip_ws(text, match.end())
    if text[pos : pos + 1] != ":":
        return None
    _, end = json.JSONDecoder().raw_decode(text, _skip_ws(text, pos + 1))
    before = _skip_ws_back(text, start)
    after = _skip_ws(text, end)
    only = text[before - 1 : before] == "{" and text[after : after + 1] == "}"
    next_key = _skip_ws(text, after + 1) if text[after : after + 1] == "," else None
    return _Member(start, end, True, only, next_key)


def _yaml_member(document: Document, owner: str, start: int, token: str) -> _Member | None:
    from yaml.nodes import MappingNode, ScalarNode

    text = document.text
    mapping = _yaml_node(document, owner)
    if not isinstance(mapping, MappingNode):
        return None
    members = mapping.value
    if "<<" in text and any(
        not mapping.start_mark.index <= k.start_mark.index < mapping.end_mark.index
        for k, _ in members
    ):
        return None  # members merged in from elsewhere: no edit here can remove just one
    # Members are in text order (unless `<<` merged some in): bisect first, then look.
    index = bisect_left(members, start, key=lambda member: member[0].start_mark.index)
    if index >= len(members) or members[index][0].start_mark.index != start:
        index = next((i for i, m in enumerate(members) if m[0].start_mark.index == start), -1)
    if index >= 0:
        key, value = members[index]
        if not isinstance(key, ScalarNode) or key.value != token:
            return None
        following = members[index + 1][0].start_mark.index if index + 1 < len(members) else None
        return _Member(
            start,
            _content_end(text, value),
            bool(mapping.flow_style),
            len(members) == 1,
            following,
        )
    return None


def _removal(document: Document, member: _Member) -> Edit | None:
    text = document.text
    if member.only:
        if member.flow:  # `{"a": 1}` becomes `{}`
            return _edit(
                document,
                _skip_ws_back(text, member.key_start),
                _skip_ws(text, member.value_end),
                "",
            )
        return _edit(document, member.key_start, member.value_end, "{}")
    if member.flow:
        before = _skip_ws_back(text, member.key_start)
        if text[before - 1 : before] == ",":  # not the first member: drop `, "key": value`
            return _edit(document, before - 1, member.value_end, "")
        if member.next_key_start is None:
            return None
        return _edit(document, member.key_start, member.next_key_start, "")
    line_start = _line_start(text, member.key_start)
    if text[line_start : member.key_start].strip(" \t"):
        # The key shares its line with a `- `: pull the next member up into its place.
        if member.next_key_start is None:
            return None
        return _edit(document, member.key_start, member.next_key_start, "")
    end = _next_line(text, member.value_end)
    if end == len(text) and not text.endswith(("\n", "\r")) and line_start > 0:
        # Dropping the last line of a text without a final newline: keep it without one.
        return _edit(document, _break_before(text, line_start), end, "")
    return _edit(document, line_start, end, "")


def _break_before(text: str, line_start: int) -> int:
    """Offset of the line break that ends the line before ``line_start``."""
    pos = line_start
    if text[pos - 1 : pos] == "\n":
        pos -= 1
    if text[pos - 1 : pos] == "\r":
        pos -= 1
    return pos


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _skip_ws_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in " \t\r\n":
        pos -= 1
    return pos


# -- YAML nodes (composed only for collections and removals) --------------------------------


def _yaml_node(document: Document, pointer: str) -> Any:
    """The composed node at ``pointer`` (the last occurrence of a duplicated key wins)."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    node = _yaml_root(document)
    for token in split(pointer):
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                if isinstance(key, ScalarNode) and key.value == token:
                    node = value
                    break
            else:
                return None
        elif isinstance(node, SequenceNode) and token.isdigit() and int(token) < len(node.value):
            node = node.value[int(token)]
        else:
            return None
    return node


def _yaml_root(document: Document) -> Any:
    """The document's node graph: the one its source map holds (composing the text again
    for every fix made linting a file with thousands of duplicate keys quadratic)."""
    root = getattr(getattr(document, "_source_map", None), "root", None)
    if root is not None:
        return root
    import yaml

    try:
        loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.compose(document.text, Loader=loader)
    except yaml.YAMLError:
        return None


def _content_end(text: str, node: Any) -> int:
    """End of a node's own text: a block collection ends with its last item, not with the
    comments and blank lines that follow it."""
    from yaml.nodes import MappingNode, SequenceNode

    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        item = node.value[-1]
        node = item[1] if isinstance(node, MappingNode) else item
    end = node.end_mark.index
    while end > node.start_mark.index + 1 and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _yaml_scalar(written: str) -> Any:
    import yaml

    try:
        return yaml.load(written, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


# -- rendering values -----------------------------------------------------------------------


def _json_value(value: Any, old: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool) and isinstance(old, str):
        kept = old.strip()
        if _JSON_NUMBER.fullmatch(kept) and _same_number(json.loads(kept), value):
            return kept
    return _json_dumps(value)


def _json_dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only an escape can carry it
        text = json.dumps(value)
    return text


def _yaml_value(value: Any, written: str, old: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        kept = old.strip() if isinstance(old, str) else ""
        if (_PORTABLE_INT.fullmatch(kept) or _PORTABLE_FLOAT.fullmatch(kept)) and _same_number(
            json.loads(kept), value
        ):
            return kept
        return yaml_number(value)
    if isinstance(value, str):
        return yaml_string(value, written[:1])
    return _json_dumps(value)  # a flow collection (JSON is YAML flow syntax)


def _same_number(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def yaml_number(value: int | float) -> str:
    """A number spelled so that YAML 1.1 and 1.2 readers both read it back.

    >>> yaml_number(1e-05), yaml_number(2.5), yaml_number(7)
    ('1.0e-05', '2.5', '7')
    """
    text = repr(value)
    if isinstance(value, float) and "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def yaml_string(value: str, style: str = "") -> str:
    """A string in the style of the text it replaces: ``'`` or ``"`` quoting kept; plain
    when YAML reads the plain text back as this same string, else double quotes.

    >>> yaml_string("High"), yaml_string("yes"), yaml_string("it's", "'")
    ('High', '"yes"', "'it''s'")
    """
    if style == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if style not in ('"', "'") and plain_ok(value):
        return value
    return yaml_double_quoted(value)


def plain_ok(value: str) -> bool:
    """Whether ``value`` can be written as a plain YAML scalar and read back unchanged by
    YAML 1.1 and 1.2 readers, in block and flow context alike."""
    if not _PLAIN_SAFE.fullmatch(value) or value != value.strip() or value in _YAML11_LETTERS:
        return False
    if value.lower() in ("true", "false", "null", "yes", "no", "on", "off"):
        return False
    return _yaml_scalar(value) == value


def yaml_double_quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar, escaped as YAML requires.

    >>> yaml_double_quoted('say "hi"\\n')
    '"say \\\\"hi\\\\"\\\\n"'
    """
    out = []
    for ch in value:
        escaped = _YAML_ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif ch.isprintable() or ch == "\xa0":
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'
