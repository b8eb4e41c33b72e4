"""cardlint diagnostics in LSP terms: range, severity, a link to the rule's documentation and,
for a duplicate key, where the key was first defined.

The protocol types are imported inside the functions that build them, so importing this
module needs no pygls.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from cardlint.core import codes
from cardlint.core.diagnostics import Diagnostic, RemoveProperty, Severity
from cardlint.lsp.positions import Positions, span_range

if TYPE_CHECKING:
    from lsprotocol import types as lsp

SOURCE = "cardlint"

DOCS_URL = "https://github.com/cardlint/cardlint/blob/main/src/cardlint/rules/{module}.py"
"""Where a rule's documentation lives: its module, whose docstring *is* the documentation
(``cardlint explain CODE`` prints the same text)."""


@cache
def _rule_modules() -> Mapping[str, str]:
    """Rule code -> the name of the module that declares it, from the registry
    (:data:`cardlint.rules.RULE_MODULES`, whose modules :data:`~cardlint.rules.REGISTRY` holds
    by code)."""
    from importlib import import_module

    from cardlint import rules

    found = {}
    for name in rules.RULE_MODULES:
        code = import_module(f"{rules.__name__}.{name}").CODE
        if code in rules.REGISTRY:
            found[code] = name
    return found


def rule_doc_url(code: str) -> str | None:
    """The documentation link of a registered rule code, ``None`` for any other code.

    >>> rule_doc_url("S002")
    'https://github.com/cardlint/cardlint/blob/main/src/cardlint/rules/s002_schema_enum.py'
    """
    module = _rule_modules().get(code)
    return DOCS_URL.format(module=module) if module else None


def _severity(severity: Severity) -> lsp.DiagnosticSeverity:
    from lsprotocol import types

    return {
        Severity.ERROR: types.DiagnosticSeverity.Error,
        Severity.WARNING: types.DiagnosticSeverity.Warning,
        Severity.INFO: types.DiagnosticSeverity.Information,
    }[severity]


def _related(
    diagnostic: Diagnostic, positions: Positions, uri: str | None
) -> list[lsp.DiagnosticRelatedInformation] | None:
    """For a duplicate key, where the key was first defined (the span its fix would remove)."""
    from lsprotocol import types

    intent = diagnostic.fix_intent
    if uri is None or diagnostic.code != codes.DUPLICATE_KEY or intent is None:
        return None
    spans = [a.span for a in intent.actions if isinstance(a, RemoveProperty) and a.span]
    if not spans:
        return None
    location = types.Location(uri=uri, range=span_range(positions, spans[0]))
    return [types.DiagnosticRelatedInformation(location=location, message="first defined here")]


def to_lsp_diagnostic(
    diagnostic: Diagnostic, positions: Positions, uri: str | None = None
) -> lsp.Diagnostic:
    """A cardlint diagnostic in LSP terms (``uri``: the document's, for related locations)."""
    from lsprotocol import types

    url = rule_doc_url(diagnostic.code)
    return types.Diagnostic(
        range=span_range(positions, diagnostic.span),
        message=diagnostic.message,
        severity=_severity(diagnostic.severity),
        code=diagnostic.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        data={"pointer": diagnostic.pointer},
        related_information=_related(diagnostic, positions, uri),
    )
