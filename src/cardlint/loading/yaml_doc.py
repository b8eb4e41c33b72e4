"""Safe YAML: libyaml's C parser when present, PyYAML's safe constructor, and guards.

Guards run before anything recursive sees the data: a character check (libyaml reports byte
offsets, we want characters), a nesting check on the event stream for texts that could nest
deeply (libyaml's C composer crashes the process at tens of thousands of levels), and an alias
expansion bound (an alias bomb loads instantly as shared references, then never ends to walk).
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cardlint.core import codes
from cardlint.core.diagnostics import Finding, FixIntent, QuoteScalar, RemoveProperty, Target
from cardlint.core.pointer import join
from cardlint.core.settings import Limits
from cardlint.core.text import or_list
from cardlint.loading.document import (
    Document,
    YamlScalarNote,
    depth_finding,
    find_odd_scalars,
    find_too_deep,
    too_many_values_message,
)

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# YAML 1.1 printable characters (tab, line breaks, printable ASCII, NEL, the BMP minus
# surrogates and U+FFFE/U+FFFF, the astral planes). Anything else is rejected by the reader.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PRINTABLE_ASCII = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])
# Texts with fewer structural characters than this cannot nest deep enough to hurt the composer.
_COMPOSE_SAFE = 2_000

_MERGE_TAG = "tag:yaml.org,2002:merge"
_YAML12_BOOL = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_YAML12_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_YAML12_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_NOT_JSON_TAGS = ("binary", "set", "omap", "pairs")


class _Problem:
    __slots__ = ("code", "earlier", "message", "node", "parent", "target")

    def __init__(
        self,
        code: str,
        message: str,
        node: Node,
        parent: Node | None,
        target: Target,
        earlier: Node | None = None,
    ) -> None:
        self.earlier = earlier  # the previous occurrence of a duplicate key
        self.code, self.message, self.node, self.parent, self.target = (
            code,
            message,
            node,
            parent,
            target,
        )


class CardLoader(_BaseLoader):
    """Safe loader that records duplicate keys, non-string keys, merges and 1.1-only scalars."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.problems: list[_Problem] = []
        self.notes: list[tuple[Node, Any]] = []

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(
                None, None, f"expected a mapping node, but found {node.id}", node.start_mark
            )
        explicit = len(node.value)
        if any(key.tag == _MERGE_TAG for key, _ in node.value):
            for key, _ in node.value:
                if key.tag == _MERGE_TAG:
                    self.problems.append(
                        _Problem(
                            codes.MERGE_KEY,
                            "YAML merge key `<<` is YAML 1.1 only; write the properties out",
                            key,
                            node,
                            "key",
                        )
                    )
            explicit -= sum(1 for key, _ in node.value if key.tag == _MERGE_TAG)
            self.flatten_mapping(node)
        merged = len(node.value) - explicit
        mapping: dict[Any, Any] = {}
        seen: dict[Any, Node] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                key = self._string_key(key, key_node, node)
                if key is None:
                    continue
            if key in seen and index >= merged:
                first = seen[key]
                self.problems.append(
                    _Problem(
                        codes.DUPLICATE_KEY,
                        f"duplicate key {json.dumps(key, ensure_ascii=False)} (first defined "
                        f"on line {first.start_mark.line + 1}); the later value wins",
                        key_node,
                        node,
                        "key",
                        first,
                    )
                )
            seen[key] = key_node
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def _string_key(self, key: Any, key_node: Node, parent: Node) -> str | None:
        if not isinstance(key_node, ScalarNode):
            self.problems.append(
                _Problem(
                    codes.NON_STRING_KEY,
                    "a key must be a string, not a collection",
                    key_node,
                    parent,
                    "key",
                )
            )
            return None
        kind = _kind(key)
        message = (
            f"key {key_node.value} is read as {kind} by YAML, and keys must be strings; "
            f'quote it ("{key_node.value}")'
            if key_node.value
            else "a key with no name is read as null by YAML; write the key's name"
        )
        self.problems.append(
            _Problem(
                codes.NON_STRING_KEY,
                message,
                key_node,
                parent,
                "key",
            )
        )
        return str(key_node.value)

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        value = super().construct_yaml_bool(node)
        if node.value not in _YAML12_BOOL:
            self.notes.append((node, value))
        return value

    def construct_yaml_int(self, node: ScalarNode) -> int:
        try:
            value = super().construct_yaml_int(node)
        except ValueError:
            digits = len(node.value.lstrip("+-"))
            limit = sys.get_int_max_str_digits()
            raise ConstructorError(
                None,
                None,
                f"integer with {digits} digits is out of range (at most {limit} digits)",
                node.start_mark,
            ) from None
        if not _YAML12_INT.fullmatch(node.value) or (
            node.value.lstrip("+-").startswith("0") and len(node.value.lstrip("+-")) > 1
        ):
            self.notes.append((node, value))
        return value

    def construct_yaml_float(self, node: ScalarNode) -> float:
        value = super().construct_yaml_float(node)
        if not _YAML12_FLOAT.fullmatch(node.value):
            self.notes.append((node, value))
        return value

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        value = super().construct_yaml_timestamp(node)
        self.notes.append((node, value))
        return value

    def construct_not_json(self, node: Node) -> Any:
        raise ConstructorError(
            None,
            None,
            f"YAML type {node.tag.replace('tag:yaml.org,2002:', '!!')} cannot be represented "
            "in JSON",
            node.start_mark,
        )


for _tag, _method in (
    ("bool", CardLoader.construct_yaml_bool),
    ("int", CardLoader.construct_yaml_int),
    ("float", CardLoader.construct_yaml_float),
    ("timestamp", CardLoader.construct_yaml_timestamp),
    *((name, CardLoader.construct_not_json) for name in _NOT_JSON_TAGS),
):
    CardLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _method)
# The stubs type add_constructor for loaders only; a constructor method is what PyYAML takes.
CardLoader.add_constructor(
    "tag:yaml.org,2002:map",
    SafeConstructor.construct_yaml_map,  # type: ignore[type-var]
)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"a number {value}"
    return f"a {type(value).__name__}"


class YamlSourceMap:
    """Positions from the composed node graph, found by walking down a pointer."""

    def __init__(self, root: Node | None) -> None:
        self.root = root
        # Key lookup tables per mapping, built on first visit: a linear scan per lookup made a
        # file with 100,000 findings in one mapping quadratic (minutes instead of a second).
        self._members: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _member(self, node: MappingNode, token: str) -> tuple[Node, Node] | None:
        table = self._members.get(id(node))
        if table is None:
            table = self._members[id(node)] = {
                k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)
            }  # later keys overwrite earlier ones: the later value wins, as when loading
        return table.get(token)

    def _node(self, pointer: str) -> tuple[Node | None, Node | None]:
        """The value node and (for object members) the key node at ``pointer``."""
        from cardlint.core.pointer import split

        node, key_node = self.root, None
        for token in split(pointer):
            key_node = None
            if isinstance(node, MappingNode):
                member = self._member(node, token)
                if member is None:
                    return None, None
                key_node, node = member
            elif (
                isinstance(node, SequenceNode) and token.isdigit() and int(token) < len(node.value)
            ):
                node = node.value[int(token)]
            else:
                return None, None
        return node, key_node

    def value_range(self, pointer: str) -> tuple[int, int] | None:
        node, _ = self._node(pointer)
        return None if node is None else (node.start_mark.index, node.end_mark.index)

    def key_range(self, pointer: str) -> tuple[int, int] | None:
        _, key = self._node(pointer)
        return None if key is None else (key.start_mark.index, key.end_mark.index)

    def scalar_text(self, pointer: str) -> str | None:
        node, _ = self._node(pointer)
        return node.value if isinstance(node, ScalarNode) else None


def parse_yaml(text: str, limits: Limits, loader_class: type[CardLoader] | None = None) -> Document:
    """Parse YAML; ``loader_class`` swaps in a subclass (CloudFormation's ``!Ref`` & co)."""
    # Most cards are printable ASCII, which bytes.translate proves some 15 times faster than
    # the regular expression can.
    printable = text.isascii() and not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    bad = None if printable else _NOT_PRINTABLE.search(text)
    if bad is not None:
        return _failed(
            text,
            codes.SYNTAX,
            f"character U+{ord(bad.group()):04X} is not allowed in YAML",
            bad.start(),
        )
    if not text.strip(" \t\r\n"):  # libyaml rejects a lone tab; white space is an empty file
        return Document(text, "yaml", None, [], YamlSourceMap(None))
    if _structural_count(text) > _COMPOSE_SAFE or _could_cross(text, limits.max_values):
        guarded = _event_guard(text, limits)
        if guarded is not None:
            code, crossing = guarded
            if code == codes.TOO_DEEP:
                # If libyaml gave up at its own limit, the same scan over the text before
                # that point streams events again and finds the first level past ours.
                earlier = _event_guard(text[:crossing], limits)
                crossing = crossing if earlier is None else earlier[1]
                message = depth_finding("", limits.max_depth).message
            else:
                message = too_many_values_message(limits.max_values)
            return _failed(text, code, message, crossing)
    loader = (loader_class or CardLoader)(_counted(text))
    try:
        root = loader.get_single_node()
        if root is None:
            return Document(text, "yaml", None, [], YamlSourceMap(None))
        if "&" in text and "*" in text:
            offset = _alias_bomb_offset(root, limits.max_alias_expansion)
            if offset is not None:
                return _failed(
                    text,
                    codes.ALIAS_EXPANSION,
                    f"aliases expand to more than {limits.max_alias_expansion} extra nodes "
                    "(an alias bomb, or a recursive alias)",
                    offset,
                )
        value = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        code, message, offset = _tab_hint(text, *_yaml_error(exc))
        if code == codes.SYNTAX:
            message += _syntax_hint(text, exc, offset)
        return _failed(text, code, message, offset)
    except yaml.YAMLError as exc:
        return _failed(text, codes.SYNTAX, str(exc).split("\n")[0], 0)
    finally:
        loader.dispose()
    doc = Document(text, "yaml", value, [], YamlSourceMap(root))
    deep = find_too_deep(value, limits.max_depth)
    if deep is not None:
        doc.problems.append(depth_finding(deep, limits.max_depth))
        doc.value = None
        return doc
    doc.problems.extend(find_odd_scalars(value, text))
    if loader.problems or loader.notes:
        wanted = {id(p.node) for p in loader.problems} | _note_ids(loader)
        wanted |= {id(p.parent) for p in loader.problems if p.parent is not None}
        pointers = _pointers_of(root, wanted)
        for problem in loader.problems:
            pointer = pointers.get(id(problem.node))
            if pointer is None:
                pointer = pointers.get(id(problem.parent), "")
            span = doc.span_of(problem.node.start_mark.index, problem.node.end_mark.index)
            fix = None
            if problem.code == codes.NON_STRING_KEY and problem.target == "key" and pointer:
                written = str(problem.node.value) if isinstance(problem.node, ScalarNode) else ""
                if written:
                    fix = FixIntent(
                        "safe",
                        f'Quote the key {written} as "{written}"',
                        (QuoteScalar(pointer, True),),
                    )
            if problem.earlier is not None:
                first = doc.span_of(
                    problem.earlier.start_mark.index, problem.earlier.end_mark.index
                )
                fix = FixIntent(
                    "unsafe",
                    f"Remove the earlier {json.dumps(problem.earlier.value, ensure_ascii=False)} "
                    f"(line {first.line})",
                    (RemoveProperty(pointer, first),),
                )
            doc.problems.append(
                Finding(
                    problem.code,
                    pointer,
                    problem.message,
                    target=problem.target,
                    span=span,
                    fix=fix,
                )
            )
        doc.yaml_notes = tuple(
            YamlScalarNote(pointers[id(node)], node.value, value)
            for node, value in loader.notes
            if id(node) in pointers
        )
    return doc


def _note_ids(loader: CardLoader) -> set[int]:
    return {id(node) for node, _ in loader.notes}


def _pointers_of(root: Node, wanted: set[int]) -> dict[int, str]:
    """Pointers of the wanted nodes (keys map to their member's pointer); first path wins."""
    found: dict[int, str] = {}
    stack: list[tuple[Node, str]] = [(root, "")]
    visited: set[int] = set()
    while stack and len(found) < len(wanted):
        node, pointer = stack.pop()
        if id(node) in wanted and id(node) not in found:
            found[id(node)] = pointer
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                child = join(pointer, key.value if isinstance(key, ScalarNode) else "?")
                if id(key) in wanted and id(key) not in found:
                    found[id(key)] = child
                stack.append((value, child))
        elif isinstance(node, SequenceNode):
            for i, value in enumerate(node.value):
                stack.append((value, f"{pointer}/{i}"))
    return found


def _failed(text: str, code: str, message: str, offset: int) -> Document:
    doc = Document(text, "yaml", None, [], None)
    end = min(offset + 1, len(text))  # an error at the end of the text must stay inside it
    doc.problems.append(Finding(code, "", message, span=doc.lines.span(offset, end)))
    return doc


def _tab_hint(text: str, code: str, message: str, offset: int) -> tuple[str, str, int]:
    """libyaml's words for a tab ("cannot start any token") become a plain explanation."""
    if code == codes.SYNTAX and text[offset : offset + 1] == "\t":
        return code, "tab character used for indentation: YAML indents with spaces only", offset
    return code, message, offset


def _yaml_error(exc: yaml.MarkedYAMLError) -> tuple[str, str, int]:
    mark = exc.problem_mark or exc.context_mark
    offset = mark.index if mark is not None else 0
    problem = exc.problem or "invalid YAML"
    if isinstance(exc, ConstructorError):
        if "could not determine a constructor" in problem:
            tag = problem.split("'")[1] if "'" in problem else "?"
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            return (
                codes.YAML_TAG,
                f"YAML tag {tag} is not allowed: cardlint loads YAML safely and constructs "
                "no objects",
                offset,
            )
        if "cannot be represented in JSON" in problem:
            return codes.YAML_TAG, problem, offset
        if "out of range" in problem:
            return codes.NUMBER_RANGE, problem, offset
    if "nesting depth" in problem:  # libyaml >= 0.2.5 (PyYAML 6.0.4 wheels) stops at 1000
        return codes.TOO_DEEP, "nesting deeper than the YAML parser allows (1000 levels)", offset
    if "expected a single document" in (exc.context or ""):
        return (
            codes.MULTIPLE_DOCUMENTS,
            "more than one YAML document: a card file holds exactly one",
            offset,
        )
    context = f" {exc.context}" if exc.context and exc.context_mark is None else ""
    return codes.SYNTAX, f"{problem}{context}", offset


_KEY_WITHOUT_SPACE = re.compile(r"^( *(?:- +)?)([A-Za-z_][\w.-]*):([^\s:/].*)$")
_DASH_WITHOUT_SPACE = re.compile(r"^ *-[A-Za-z_\"'\[{]")
_KEY_AND_VALUE = re.compile(r"^( *(?:- +)?)([^\s:#\"'][^:#]*?): +(\S.*)$")


def _syntax_hint(text: str, exc: yaml.MarkedYAMLError, offset: int) -> str:
    """What a person can do about PyYAML's common complaints, added after its own words:
    an unquoted ": " in a value, no space after "-" or ":", uneven indentation, and a quote
    or bracket left open (with where it was opened). Empty when there is no safe guess."""
    problem = exc.problem or ""
    lines = text.split("\n")
    row = text.count("\n", 0, offset)
    opened = exc.context_mark
    where = f"line {opened.line + 1}, column {opened.column + 1}" if opened is not None else ""
    if "unexpected end of stream" in problem and "quoted scalar" in (exc.context or ""):
        return f": the quote opened on {where} is never closed" if where else ""
    if problem.startswith("did not find expected ',' or") and opened is not None:
        bracket = text[opened.index : opened.index + 1]
        return f': close the "{bracket}" opened on {where}, or separate its items with ","'
    if problem == "did not find expected key" and opened is not None:
        for number in range(opened.line, min(row, len(lines) - 1) + 1):
            if _DASH_WITHOUT_SPACE.match(lines[number]):
                item = _shorten_line("- " + lines[number].strip()[1:])
                return f': line {number + 1} needs a space after "-" to start a list item: "{item}"'
        indent = len(lines[row]) - len(lines[row].lstrip(" ")) if row < len(lines) else 0
        levels = sorted(
            {
                len(line) - len(line.lstrip(" "))
                for line in lines[opened.line : row]
                if line.strip() and not line.lstrip().startswith(("#", "-"))
            }
        )
        if levels and indent not in levels:
            shown = or_list([str(n) for n in levels])
            return (
                f": line {row + 1} is indented {_spaces(indent)}, matching no mapping above it "
                f"(keys at {shown} spaces); indent the keys of one mapping equally"
            )
        return ""
    if problem == "mapping values are not allowed in this context" and row < len(lines):
        return _colon_hint(lines, row, offset - (text.rfind("\n", 0, offset) + 1))
    return ""


def _colon_hint(lines: list[str], row: int, column: int) -> str:
    """A ": " YAML read as a second key: inside a value on the same line, or the end of a
    plain value that began on an earlier line (no space after a key's ":", or a deeper
    indentation)."""
    line = lines[row]
    same = _KEY_AND_VALUE.match(line)
    if same is not None and same.end(2) < column:
        indent, key, value = same.groups()
        example = f"{indent.strip()} {key}: {_quoted(value)}".strip()
        return f': a value holding ": " must be quoted, as in {example}'
    above = next((n for n in range(row - 1, -1, -1) if lines[n].strip()), None)
    if above is None:
        return ""
    missing = _KEY_WITHOUT_SPACE.match(lines[above])
    if missing is not None:
        indent, key, value = missing.groups()
        fixed = _shorten_line(f"{indent.strip()} {key}: {value}".strip())
        return f': line {above + 1} needs a space after ":": "{fixed}"'
    indent = len(line) - len(line.lstrip(" "))
    indent_above = len(lines[above]) - len(lines[above].lstrip(" "))
    if indent > indent_above:
        return (
            f": line {row + 1} is indented more than line {above + 1}; "
            "indent the keys of one mapping equally"
        )
    return ""


def _quoted(value: str) -> str:
    value = value.split(" #", 1)[0].rstrip()
    if len(value) > 40:
        value = value[:39] + "…"
    return json.dumps(value, ensure_ascii=False)


def _shorten_line(line: str) -> str:
    return line if len(line) <= 50 else line[:49] + "…"


def _spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"


def _structural_count(text: str) -> int:
    return sum(text.count(ch) for ch in "[{-:?")


def _could_cross(text: str, max_values: int) -> bool:
    """Whether the text could hold more than ``max_values`` nodes.

    Every node but the first is an item or a key or value of an entry, each of which needs an
    indicator (``-``, ``:``, ``?``, ``,`` or an opening bracket) and brings at most three
    nodes (``[a: b]`` is a mapping, a key and a value), and no node takes less than one
    character; so short texts and texts with few indicators are not scanned.
    """
    if len(text) <= max_values:
        return False
    return 3 * (_structural_count(text) + text.count(",")) + 1 > max_values


def _counted(text: str) -> str:
    """What to hand libyaml so that its marks are offsets into ``text``.

    libyaml's reader drops a byte order mark at the start of its input without counting it,
    so every position after it came out one to the left (and fixes went to the wrong place).
    A second mark is counted (the scanner skips it as a character at the start of a line):
    prepending one makes the reader drop that one and count the text's own.
    """
    if text.startswith("\ufeff") and _BaseLoader is not yaml.SafeLoader:
        return "\ufeff" + text
    return text


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)


def _event_guard(text: str, limits: Limits) -> tuple[str, int] | None:
    """The first node nested too deep (P005) or past the value limit (P016), from events.

    libyaml's C composer crashes the process at tens of thousands of levels, and a node
    graph takes some 500 bytes a node (10 MB of ``[1, 1, …]`` is 3.5 million nodes), so
    both are counted on the event stream, which holds one event at a time.
    """
    depth = 0
    nodes = 0
    try:
        for event in yaml.parse(_counted(text), Loader=_BaseLoader):
            if not isinstance(event, _NODE_EVENTS):
                if isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
                continue
            nodes += 1
            if nodes > limits.max_values and event.start_mark is not None:
                return codes.TOO_MANY_VALUES, event.start_mark.index
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth and event.start_mark is not None:
                    return codes.TOO_DEEP, event.start_mark.index
    except yaml.MarkedYAMLError as exc:
        # libyaml >= 0.2.5 has its own limit (1000), hit while scanning ahead of the events.
        if "nesting depth" in (exc.problem or "") and exc.problem_mark is not None:
            return codes.TOO_DEEP, exc.problem_mark.index
        return None  # the real parse reports it
    except yaml.YAMLError:
        return None
    return None


def _alias_bomb_offset(root: Node, limit: int) -> int | None:
    """Walk the node graph as if aliases were copies; stop once copies exceed ``limit``."""
    seen: set[int] = set()
    extra = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            extra += 1
            if extra > limit:
                return node.start_mark.index
        else:
            seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return None
