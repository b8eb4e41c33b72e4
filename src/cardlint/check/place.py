"""The one place where a finding becomes a diagnostic: path, span, effective severity, fix.

Every diagnostic cardlint reports is made here, whoever found the problem: the parser, the
schema, a rule, the engine's own limits (file too large, unreadable, time limit), the fixer's
``X002`` and the unused-suppression ``X004``. So the severity is always the finding's own
(``--schema auto``'s softened S004), else the rule's in the registry, then the configured
override (``[tool.cardlint.severity]``) on top.

>>> from cardlint.core.diagnostics import Finding
>>> from cardlint.core.settings import Settings
>>> from cardlint.core.span import FILE_START
>>> too_big = Finding("P009", "", "file is too large", span=FILE_START)
>>> place(too_big, None, "card.json", Settings()).severity.value
'error'
"""

from __future__ import annotations

from collections.abc import Iterable

from cardlint.core.diagnostics import Diagnostic, Finding, Fix, Severity
from cardlint.core.settings import Settings
from cardlint.loading.document import Document
from cardlint.rules import REGISTRY


def severity(finding: Finding, settings: Settings) -> Severity:
    """The severity ``finding`` is reported with: the configured override for its code, else
    the finding's own, else its rule's (an unknown code is an error)."""
    rule = REGISTRY.get(finding.code)
    default = finding.severity or (rule.severity if rule is not None else Severity.ERROR)
    return settings.severity_of(finding.code, default)


def place(finding: Finding, document: Document | None, path: str, settings: Settings) -> Diagnostic:
    """``finding`` placed in the file at ``path``: its span (given, or found in ``document``
    from its pointer, narrowed to its ``part``), severity and fix as edits over the text.

    ``document`` may be ``None`` only for a finding that brings its own span and has neither
    a part nor a fix (a file that was never parsed: too large, unreadable, undecodable)."""
    span = finding.span
    if document is None:
        if span is None or finding.part is not None or finding.fix is not None:
            raise ValueError(f"{finding.code} at {finding.pointer!r} needs a document to place")
        fix = None
    else:
        if span is None:
            span = document.locate(finding.pointer, finding.target)
        if finding.part is not None:
            span = document.narrow(span, *finding.part)
        fix = _fix(finding, document)
    return Diagnostic(
        path=path,
        code=finding.code,
        severity=severity(finding, settings),
        message=finding.message,
        pointer=finding.pointer,
        span=span,
        fix=fix,
        fix_intent=finding.fix,
    )


def place_all(
    findings: Iterable[Finding], document: Document, path: str, settings: Settings
) -> tuple[Diagnostic, ...]:
    """The findings whose codes are selected, placed (:func:`place`), in position order."""
    placed = [
        place(finding, document, path, settings)
        for finding in findings
        if settings.is_enabled(finding.code)
    ]
    placed.sort(key=lambda d: d.sort_key)
    return tuple(placed)


def _fix(finding: Finding, document: Document) -> Fix | None:
    """The finding's fix as edits; the edit machinery loads only for findings that offer one."""
    if finding.fix is None:
        return None
    from cardlint.check.edits import make_fix

    return make_fix(finding.fix, document)
