"""What a rule is: metadata from its module, and the card it is given."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import Any, NamedTuple

from cardlint.core.diagnostics import Finding, Severity
from cardlint.core.settings import EMPTY
from cardlint.loading.document import Format, YamlScalarNote
from cardlint.schema.strict import Patch


class Card(NamedTuple):
    """The card a rule checks: the parsed value and facts about how it was written.

    Rules never see text or positions; they name pointers.
    """

    value: dict[str, Any]
    format: Format
    schema: str = "model-package"
    yaml_notes: tuple[YamlScalarNote, ...] = ()
    options: Mapping[str, Any] = EMPTY
    schema_document: dict[str, Any] | None = None
    """The schema the card is validated with (for a vendored one, the strict copy), for rules
    that ask what it allows at a pointer; ``None``: they proceed as if it could not be read."""


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
    patch: Patch | None = None
    """The module's correction of the published schema, if it makes one (``L`` rules): applied
    to every schema object of the strict schema (:mod:`cardlint.schema.strict`)."""

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
            patch=getattr(module, "patch", None),
        )
