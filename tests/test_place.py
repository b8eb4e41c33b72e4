"""One place turns a finding into a diagnostic: every source of diagnostics gets the registry
severity and the configured override the same way."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from cardlint.check.engine import check_bytes, check_text, unreadable
from cardlint.check.place import place, place_all
from cardlint.core.diagnostics import Finding, FixIntent, ReplaceValue, Severity
from cardlint.core.settings import Settings
from cardlint.core.span import FILE_START
from cardlint.fixing.fixer import write_outcome
from cardlint.rules import REGISTRY

INFO = Severity.INFO


def overriding(*codes: str) -> Settings:
    return Settings(severities=MappingProxyType(dict.fromkeys(codes, INFO)))


def test_the_registry_severity_then_the_override() -> None:
    finding = Finding("X003", "", "cannot read file: gone", span=FILE_START)
    assert place(finding, None, "c.json", Settings()).severity is REGISTRY["X003"].severity
    assert place(finding, None, "c.json", overriding("X003")).severity is INFO


def test_a_finding_s_own_severity_comes_before_the_registry_s() -> None:
    finding = Finding("S004", "", "m", span=FILE_START, severity=Severity.WARNING)
    assert place(finding, None, "c.json", Settings()).severity is Severity.WARNING
    assert place(finding, None, "c.json", overriding("S004")).severity is INFO


def test_a_finding_without_a_span_needs_the_document() -> None:
    with pytest.raises(ValueError, match="needs a document"):
        place(Finding("S001", "/a", "m"), None, "c.json", Settings())
    document = _document('{"a": 1}')
    fix = FixIntent("safe", "m", (ReplaceValue("/a", 2),))
    with pytest.raises(ValueError, match="needs a document"):
        place(Finding("S001", "/a", "m", span=FILE_START, fix=fix), None, "c.json", Settings())
    [placed] = place_all([Finding("S001", "/a", "m", fix=fix)], document, "c.json", Settings())
    assert (placed.span.line, placed.span.column) == (1, 7)
    assert placed.fix is not None and placed.fix.edits[0].content == "2"


def test_place_all_drops_what_is_not_selected_and_sorts() -> None:
    document = _document('{"a": 1, "b": 2}')
    findings = [Finding("S002", "/b", "m"), Finding("S001", "/a", "m"), Finding("G001", "", "m")]
    placed = place_all(findings, document, "c.json", Settings(ignore=("G",)))
    assert [(d.code, d.pointer) for d in placed] == [("S001", "/a"), ("S002", "/b")]


def test_every_source_of_diagnostics_honours_the_override() -> None:
    settings = overriding("P009", "X003", "X004", "P003", "S004")
    too_large = check_bytes(
        b"{}" * 10, "c.json", settings._replace(limits=settings.limits._replace(max_file_size=4))
    )
    assert [(d.code, d.severity) for d in too_large.diagnostics] == [("P009", INFO)]
    assert [d.severity for d in unreadable("c.json", "gone", settings).diagnostics] == [INFO]
    assert [d.severity for d in check_bytes(b"\xff{}", "c.json", settings).diagnostics] == [INFO]
    yaml = "model_overview:\n  x: 1  # cardlint: ignore[G001]\n"
    result = check_text(yaml, "model-card.yaml", settings)
    assert {(d.code, d.severity) for d in result.diagnostics} >= {("X004", INFO), ("S004", INFO)}


def test_the_fixer_s_x002_honours_the_override(tmp_path) -> None:
    from cardlint.fixing.fixer import fix_result

    card = tmp_path / "model-card.yaml"
    card.write_text("intended_uses:\n  risk_rating: high\n")
    settings = overriding("X002")
    result = check_bytes(card.read_bytes(), str(card), settings)
    outcome = fix_result(result, settings)
    card.write_text("changed meanwhile\n")  # the write is refused: X002 on the original result
    written = write_outcome(outcome, result, settings)
    [x002] = [d for d in written.result.diagnostics if d.code == "X002"]
    assert x002.severity is INFO and x002.span == FILE_START


def _document(text: str):
    document = check_text(text, "c.json").document
    assert document is not None
    return document
