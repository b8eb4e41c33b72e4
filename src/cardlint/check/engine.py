"""The one path every text takes: parse, pick the card, check, place the findings.

Every front end (CLI, Python API, worker processes, the language server) calls
:func:`check_text` or :func:`check_file`; none re-implements a step.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from cardlint.check.place import place, place_all
from cardlint.check.result import FileResult
from cardlint.core import codes
from cardlint.core.diagnostics import Finding, Severity, cap_siblings
from cardlint.core.settings import DEFAULT_SETTINGS, Settings
from cardlint.core.span import FILE_START
from cardlint.core.text import a_type
from cardlint.core.timelimit import FileTimeout, time_limit
from cardlint.loading.cards import (
    CardSlot,
    find_cards,
    schema_choice,
    standalone_fields,
)
from cardlint.loading.document import Decoded, Document, decode, sniff_format
from cardlint.loading.parse import parse_document
from cardlint.loading.read import read_limited
from cardlint.rules import CHECKS, STRICT_PATCHES
from cardlint.rules.base import Card


def check_text(
    text: str,
    path: str = "<stdin>",
    settings: Settings = DEFAULT_SETTINGS,
    *,
    decoded: Decoded | None = None,
) -> FileResult:
    """Lint one decoded text. Never raises for bad input."""
    fmt = sniff_format(path, text)
    document = parse_document(text, fmt, settings.limits)
    findings = list(document.problems)
    if document.value is None and not findings:
        findings.append(
            Finding(codes.NOT_AN_OBJECT, "", "empty file: a model card must be an object")
        )
    elif document.value is not None and not isinstance(document.value, dict):
        kind = a_type(document.value)
        findings.append(
            Finding(codes.NOT_AN_OBJECT, "", f"the top level must be an object, not {kind}")
        )
    schemas: list[str] = []
    chosen_by: list[str] = []
    for slot in find_cards(document, settings.limits):
        findings.extend(slot.problems)
        if not slot.check:
            continue
        chosen, fields = schema_choice(settings.schema, slot)
        schemas.append(chosen)
        chosen_by.extend(fields)
        checked = cap_siblings(_check_card(slot, chosen, document, settings))
        if settings.schema == "auto" and slot.schema is None and chosen == "model-package":
            checked = _unsure_of_the_kind(checked, slot)
        findings.extend(slot.place(checked, document))
    # One name per file; a template holding both kinds of card names both.
    schema_name = ", ".join(dict.fromkeys(schemas)) or None
    diagnostics = place_all(findings, document, path, settings)
    if document.format == "yaml" and codes.SUPPRESSION_MARKER in text:
        from cardlint.check.suppressions import apply_suppressions

        diagnostics = apply_suppressions(diagnostics, document, path, settings)
    return FileResult(path, diagnostics, document, decoded, schema_name, tuple(chosen_by))


def _unsure_of_the_kind(findings: Iterable[Finding], slot: CardSlot) -> Iterator[Finding]:
    """Under ``--schema auto``, a card file with one field only standalone model cards have is
    checked as a model package's card, and that field's S004 is a warning, not an error: real
    standalone cards often carry just one such field (moto's test card has only
    ``model_description``) and the service accepts them, while in a model package's card it is a
    slip. Only the user knows which; a named schema (``--schema``, ``schema`` or
    ``per-file-schema`` in the configuration) makes it certain, and an error again."""
    unsure = set(standalone_fields(slot.value))
    for finding in findings:
        if finding.code == codes.UNKNOWN_PROPERTY and finding.pointer in unsure:
            finding = finding._replace(severity=Severity.WARNING)
        yield finding


def _check_card(
    slot: CardSlot, schema_name: str, document: Document, settings: Settings
) -> Iterator[Finding]:
    """Schema and lint findings for one card, with pointers relative to the card."""
    from cardlint.schema.validation import load_schema

    value = slot.value
    fmt = slot.card_format(document)
    schema = load_schema(schema_name, STRICT_PATCHES)
    # Most cards are valid: the compiled check proves that in a fraction of the time
    # python-jsonschema takes, which then runs (and is imported) only for cards with defects.
    if not schema.is_valid(value):
        yield from schema.findings(
            value, slot.scalar_text(document), yaml=fmt == "yaml", hosted=slot.schema is not None
        )
    notes = slot.yaml_notes(document)
    card = Card(value, fmt, schema_name, notes, settings.options, schema.document)
    for rule in CHECKS:
        if rule.check is None or not settings.is_enabled(rule.code):
            continue  # a rule in CHECKS always has a check; the test narrows its type
        try:
            yield from rule.check(card)
        except Exception as exc:  # a bug in a rule must not hide the other findings
            import traceback  # only on this path: a clean run never needs it

            where = traceback.extract_tb(exc.__traceback__)[-1]
            yield Finding(
                codes.INTERNAL_ERROR,
                "",
                f"rule {rule.code} failed: {type(exc).__name__}: {exc} "
                f"({Path(where.filename).name}:{where.lineno}); please report this",
            )


def check_bytes(data: bytes, path: str, settings: Settings = DEFAULT_SETTINGS) -> FileResult:
    """Decode then lint; undecodable bytes are a finding."""
    cap = settings.limits.max_file_size
    if len(data) > cap:  # stdin is read up to the cap plus one byte: its true size is unknown
        finding = Finding(
            codes.FILE_TOO_LARGE,
            "",
            f"input is larger than the limit of {cap:,} bytes (--max-file-size)",
            span=FILE_START,
        )
        return _single(path, finding, settings)
    decoded = decode(data)
    if isinstance(decoded, Finding):
        return _single(path, decoded, settings)
    return check_text_limited(decoded.text, path, settings, decoded=decoded)


def check_text_limited(
    text: str,
    path: str = "<stdin>",
    settings: Settings = DEFAULT_SETTINGS,
    *,
    decoded: Decoded | None = None,
) -> FileResult:
    """:func:`check_text` under the limits a file has: the size cap (of ``text`` in UTF-8,
    unless ``decoded`` says it came from bytes already measured) and the time limit. What the
    language server checks an editor's unsaved text with."""
    if decoded is None:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > settings.limits.max_file_size:
            return _too_large(path, size, settings)
    seconds = settings.limits.max_seconds
    try:
        with time_limit(seconds):
            return check_text(text, path, settings, decoded=decoded)
    except FileTimeout:
        finding = Finding(
            codes.TIME_LIMIT,
            "",
            f"checking stopped after {seconds:g} s, the per-file time limit (--timeout): "
            "the file is too large or has too many defects to check fully",
            span=FILE_START,
        )
        return _single(path, finding, settings)


def check_file(path: str, settings: Settings = DEFAULT_SETTINGS) -> FileResult:
    """Read (up to the size cap) and lint one file; raises ``OSError`` if it cannot be read."""
    cap = settings.limits.max_file_size
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > cap:
            return _too_large(path, size, settings)
        data = read_limited(handle, size, cap)
    if len(data) > cap:
        return _too_large(path, len(data), settings)
    return check_bytes(data, path, settings)


def _too_large(path: str, size: int, settings: Settings) -> FileResult:
    cap = settings.limits.max_file_size
    finding = Finding(
        codes.FILE_TOO_LARGE,
        "",
        f"file is {size:,} bytes; the limit is {cap:,} bytes (--max-file-size)",
        span=FILE_START,
    )
    return _single(path, finding, settings)


def _single(path: str, finding: Finding, settings: Settings) -> FileResult:
    """The result of a file that was never parsed: the one finding that says why."""
    return FileResult(path, (place(finding, None, path, settings),))


def unreadable(path: str, reason: str, settings: Settings = DEFAULT_SETTINGS) -> FileResult:
    """A file found in a directory that could not be read (the run goes on)."""
    finding = Finding(codes.UNREADABLE, "", f"cannot read file: {reason}", span=FILE_START)
    return _single(path, finding, settings)
