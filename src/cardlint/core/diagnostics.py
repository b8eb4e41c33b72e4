"""The values that flow out of checking: findings, fixes, diagnostics.

They are ``NamedTuple`` classes rather than frozen dataclasses: immutable just the same, and
about six times cheaper to define, which every start of the command pays (about 1 ms per
dataclass on the project's machine). Each fix action ends with a ``kind`` field of its own,
so actions of two kinds never compare equal: ``RenameKey("/a", "b") != ReplaceValue("/a", "b")``.

A :class:`Finding` is what a rule or the schema says about a card: a code, a JSON pointer and
a message, optionally a :class:`FixIntent` (what to change, not how to edit text). The engine
turns findings into :class:`Diagnostic` values placed in a file (path, span, severity) and the
fixer turns intents into :class:`Edit` values over the original text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Any, Literal, NamedTuple

from cardlint.core.span import Span


class Severity(str, Enum):
    """How much a diagnostic matters; ``error`` fails the run by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


Target = Literal["value", "key", "container"]
"""What part of the node at a pointer a finding is about: its value, its key (unknown or
duplicate property), or the object as a whole (a missing property points at the object)."""

Applicability = Literal["safe", "unsafe"]


class ReplaceValue(NamedTuple):
    """Replace the value at ``pointer`` with ``value`` (a JSON-compatible value)."""

    pointer: str
    value: Any

    kind: Literal["replace"] = "replace"


class QuoteScalar(NamedTuple):
    """Turn the YAML scalar at ``pointer`` into a string with exactly its written text; with
    ``key``, the key of the property at ``pointer`` (a key YAML reads as ``true`` or ``1``)."""

    pointer: str
    key: bool = False

    kind: Literal["quote"] = "quote"


class RenameKey(NamedTuple):
    """Rename the property at ``pointer`` to ``new_key``."""

    pointer: str
    new_key: str

    kind: Literal["rename"] = "rename"


class RemoveProperty(NamedTuple):
    """Remove a property; ``span`` picks one occurrence when the key is duplicated."""

    pointer: str
    span: Span | None = None

    kind: Literal["remove"] = "remove"


Action = ReplaceValue | QuoteScalar | RenameKey | RemoveProperty


class FixIntent(NamedTuple):
    """What a rule proposes to change, independent of the file's format."""

    applicability: Applicability
    message: str
    actions: tuple[Action, ...]


class Edit(NamedTuple):
    """Replace the text of ``span`` with ``content``."""

    span: Span
    content: str


class Fix(NamedTuple):
    """A fix made concrete for one file: edits over its original text."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]


class Finding(NamedTuple):
    """What a check says about a card, before it is placed in a file.

    ``span`` is set only by the parser (syntax errors have no pointer to resolve). ``part``
    narrows a finding about a string to a part of it: the offset of
    that text in the value and the text itself (a placeholder word inside a sentence).
    """

    code: str
    pointer: str
    message: str
    target: Target = "value"
    fix: FixIntent | None = None
    span: Span | None = None
    severity: Severity | None = None
    part: tuple[int, str] | None = None


class Diagnostic(NamedTuple):
    """A finding placed in a file: path, span and effective severity."""

    path: str
    code: str
    severity: Severity
    message: str
    pointer: str
    span: Span
    fix: Fix | None = None
    fix_intent: FixIntent | None = None

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.span.line, self.span.column, self.code, self.message)


SIBLING_CAP = 100
"""Findings of one code at one place in the items of an array that are listed; one more
finding on the array counts the rest."""


def cap_siblings(findings: Iterable[Finding], cap: int = SIBLING_CAP) -> Iterator[Finding]:
    """``findings`` with those of one code at the same place in sibling array items (the same
    pointer but for the item indexes) kept to ``cap``; one finding on the outermost array
    then says how many more there are. A 10 MB card can hold millions of items: a finding
    for each would be gigabytes, and nobody reads past the first screen of them.

    >>> many = [Finding("S001", f"/a/{i}/b", "m") for i in range(5)]
    >>> [f.pointer for f in cap_siblings(many, cap=2)][-1]
    '/a'
    """
    counts: dict[tuple[str, str], int] = {}
    extra: dict[tuple[str, str], str] = {}
    for finding in findings:
        tokens = finding.pointer.split("/")
        indexes = [i for i, token in enumerate(tokens) if token.isdigit()]
        if not indexes:
            yield finding
            continue
        key = (finding.code, "/".join("*" if t.isdigit() else t for t in tokens))
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= cap:
            yield finding
        else:
            extra[key] = "/".join(tokens[: indexes[0]])
    for key, array in extra.items():
        more = counts[key] - cap
        name = array.rsplit("/", 1)[-1] or "the card"
        yield Finding(
            key[0],
            array,
            f"{more:,} more {'items' if more != 1 else 'item'} of {name} "
            f"{'have' if more != 1 else 'has'} the same {key[0]} problem "
            f"(only the first {cap} are reported)",
        )
