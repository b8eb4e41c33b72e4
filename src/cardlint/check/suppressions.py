"""Suppression comments in YAML cards: ``# cardlint: ignore[CODE]`` silences CODE on its line.

Several codes are separated by commas (``# cardlint: ignore[S004, Y001]``); a bare
``# cardlint: ignore`` silences every code on its line. A diagnostic is on a line when its span
starts there. Codes that cannot be ignored (syntax errors, undecodable files) are never
silenced. A directive, or a code in it, that silences nothing is reported as X004 (a warning),
so stale suppressions do not pile up. JSON has no comments, so JSON cards have no suppressions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from cardlint.check.place import place
from cardlint.core import codes
from cardlint.core.diagnostics import Diagnostic, Finding
from cardlint.core.settings import ALWAYS_ON, DEFAULT_LIMITS, Limits, Settings
from cardlint.core.span import Span
from cardlint.loading.document import Document

_DIRECTIVE = re.compile(r"#[ \t]*cardlint:[ \t]*ignore(?:\[(?P<codes>[^\]\n]*)\])?")


class Suppression(NamedTuple):
    """One directive: the line it silences, its codes (empty: all codes) and where it is."""

    line: int
    codes: tuple[str, ...]
    span: Span


def find_suppressions(document: Document) -> list[Suppression]:
    """The directives in the comments of a YAML document (never inside a string)."""
    text = document.text
    found = []
    inside = _string_ranges(text)
    for match in _DIRECTIVE.finditer(text):
        start = match.start()
        if any(lo <= start < hi for lo, hi in inside):
            continue  # a '#' inside a quoted or block scalar is text, not a comment
        if start > 0 and text[start - 1] not in " \t\r\n":
            continue  # YAML needs white space before a comment's '#'
        listed = match["codes"]
        names = () if listed is None else tuple(c.strip().upper() for c in listed.split(","))
        span = document.lines.span(start, match.end())
        found.append(Suppression(span.line, tuple(c for c in names if c), span))
    return found


def _string_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the scalars in ``text``, from PyYAML's pure-Python scanner.

    The pure-Python scanner counts characters (libyaml counts bytes); it runs only on texts
    that contain a directive. Text it cannot scan is cut at the error, so directives before a
    syntax error still work.
    """
    import yaml

    ranges = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                ranges.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        pass
    return ranges


def apply_suppressions(
    diagnostics: Sequence[Diagnostic], document: Document, path: str, settings: Settings
) -> tuple[Diagnostic, ...]:
    """Drop what the directives silence; add an X004 warning for each one that silences nothing."""
    directives = find_suppressions(document)
    if not directives:
        return tuple(diagnostics)
    by_line: dict[int, list[Suppression]] = {}
    for directive in directives:
        by_line.setdefault(directive.line, []).append(directive)
    used: set[tuple[int, str]] = set()  # (id of directive, code) pairs that silenced something
    kept = []
    for d in diagnostics:
        silencer = None if d.code in ALWAYS_ON else _silencer(d, by_line.get(d.span.line, ()))
        if silencer is None:
            kept.append(d)
        else:
            used.add((id(silencer), d.code if silencer.codes else "*"))
    if settings.is_enabled(codes.UNUSED_SUPPRESSION):
        kept.extend(_unused(directives, used, path, settings))
    kept.sort(key=lambda d: d.sort_key)
    return tuple(kept)


def _silencer(d: Diagnostic, directives: Sequence[Suppression]) -> Suppression | None:
    for directive in directives:
        if not directive.codes or d.code in directive.codes:
            return directive
    return None


def _unused(
    directives: Sequence[Suppression], used: set[tuple[int, str]], path: str, settings: Settings
) -> list[Diagnostic]:
    from cardlint.rules import REGISTRY

    def unused(directive: Suppression, why: str) -> Diagnostic:
        finding = Finding(
            codes.UNUSED_SUPPRESSION, "", f"unused suppression: {why}", span=directive.span
        )
        return place(finding, None, path, settings)

    out = []
    for directive in directives:
        if not directive.codes:
            if (id(directive), "*") not in used:
                out.append(unused(directive, "nothing to silence on this line"))
            continue
        for code in directive.codes:
            if (id(directive), code) in used:
                continue
            if code not in REGISTRY:
                why = f"{code} is not a rule code"
            elif code in ALWAYS_ON:
                why = f"{code} cannot be silenced"
            else:
                why = f"no {code} finding on this line"
            out.append(unused(directive, why))
    return out


def suppression_edit(
    document: Document, span: Span, code: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[int, int, str] | None:
    """The edit ``(start, end, new text)`` that silences ``code`` on the line where ``span``
    starts: the code added to that line's directive, or a ``# cardlint: ignore[CODE]`` comment
    at its end. ``None`` where no directive can do it: JSON, codes that cannot be silenced, or a
    line where a comment would change the card (inside a multi-line string). The edited text is
    parsed again and must hold the same value: text that landed inside a scalar would change
    it, so the insertion is a comment, and (after white space) a directive.
    """
    if document.format != "yaml" or code in ALWAYS_ON or code == codes.UNUSED_SUPPRESSION:
        return None
    text = document.text
    here = []
    if codes.SUPPRESSION_MARKER in text:
        here = [d for d in find_suppressions(document) if d.line == span.line]
    if here and not here[0].codes:
        return None  # a bare directive already silences every code on the line
    if here:
        start = end = here[0].span.end - 1  # before the closing "]"
        content = f", {code}"
    else:
        line_start = span.start - (span.column - 1)
        start = end = line_start + len(document.lines.line_text(span.line).rstrip(" \t"))
        content = f"  # cardlint: ignore[{code}]"
    from cardlint.loading.parse import parse_document

    again = parse_document(text[:start] + content + text[end:], "yaml", limits)
    if again.value is None or again.value != document.value:
        return None
    return start, end, content
