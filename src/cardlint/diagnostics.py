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

from enum import Enum
from typing import Any, Literal, NamedTuple

from cardlint.span import Span


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
