"""The values that flow out of checking: findings, fixes, diagnostics.

A :class:`Finding` is what a rule or the schema says about a card: a code, a JSON pointer and
a message, optionally a :class:`FixIntent` (what to change, not how to edit text). The engine
turns findings into :class:`Diagnostic` values placed in a file (path, span, severity) and the
fixer turns intents into :class:`Edit` values over the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

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


@dataclass(frozen=True, slots=True)
class ReplaceValue:
    """Replace the value at ``pointer`` with ``value`` (a JSON-compatible value)."""

    pointer: str
    value: Any


@dataclass(frozen=True, slots=True)
class QuoteScalar:
    """Turn the YAML scalar at ``pointer`` into a string with exactly its written text."""

    pointer: str


@dataclass(frozen=True, slots=True)
class RenameKey:
    """Rename the property at ``pointer`` to ``new_key``."""

    pointer: str
    new_key: str


@dataclass(frozen=True, slots=True)
class RemoveProperty:
    """Remove a property; ``span`` picks one occurrence when the key is duplicated."""

    pointer: str
    span: Span | None = None


Action = ReplaceValue | QuoteScalar | RenameKey | RemoveProperty


@dataclass(frozen=True, slots=True)
class FixIntent:
    """What a rule proposes to change, independent of the file's format."""

    applicability: Applicability
    message: str
    actions: tuple[Action, ...]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``span`` with ``content``."""

    span: Span
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A fix made concrete for one file: edits over its original text."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check says about a card, before it is placed in a file.

    ``span`` is set only by the parser (syntax errors have no pointer to resolve).
    """

    code: str
    pointer: str
    message: str
    target: Target = "value"
    fix: FixIntent | None = None
    span: Span | None = None
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding placed in a file: path, span and effective severity."""

    path: str
    code: str
    severity: Severity
    message: str
    pointer: str
    span: Span
    fix: Fix | None = None
    fix_intent: FixIntent | None = field(default=None, compare=False, repr=False)

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.span.line, self.span.column, self.code, self.message)
