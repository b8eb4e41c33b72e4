"""What a rule is: metadata from its module, and the card it is given."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import Any, NamedTuple

from cardlint.core.diagnostics import Finding, Severity
from cardlint.core.settings import EMPTY
from cardlint.loading.document import Format, YamlScalarNote


class Card(NamedTuple):
    """The card a rule checks: the parsed value and facts about how it was written.

    Rules never see text or positions; they name pointers.
    """

    value: dict[str, Any]
    format: Format
    schema: str = "model-package"
    yaml_notes: tuple[YamlScalarNote, ...] = ()
    options: Mapping[str, Any] = EMPTY


Check = Callable[[Card], Iterable[Finding]]


class Rule(NamedTuple):
    """A rule's catalogue entry. ``check`` is ``None`` for codes the parser or schema emit."""

    code: str
    name: str
    severity: Severity
    fixable: bool
    summary: str
    doc: str
    check: Check | None = None
    default_enabled: bool = True
    """``False`` for an opt-in rule: selected only by name or family, never by default."""

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        doc = (module.__doc__ or "").strip()
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=module.SEVERITY,
            fixable=getattr(module, "FIXABLE", False),
            summary=doc.splitlines()[0] if doc else "",
            doc=doc,
            check=getattr(module, "check", None),
            default_enabled=getattr(module, "DEFAULT_ENABLED", True),
        )
