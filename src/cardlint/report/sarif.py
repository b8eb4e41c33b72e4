"""``--format sarif``: SARIF 2.1.0 for code scanning (GitHub ``upload-sarif``, IDE viewers).

One run, tool ``cardlint`` with a ``rules`` array of the whole catalogue (id, name, short and
full description, help, default level) and one result per diagnostic: ruleId and ruleIndex,
level, message, a physical location whose artifact URI is relative to the working directory,
and a region whose columns count UTF-16 code units, as SARIF does by default. Fixes become
``fixes`` with replacements over the original text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Fix, Severity
from cardlint.core.span import LineIndex, Span, utf16_column
from cardlint.core.text import json_text, safe_text
from cardlint.core.version import __version__
from cardlint.report.paths import path_uri
from cardlint.rules import REGISTRY, Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/cardlint/cardlint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_json(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": safe_text(rule.summary)},
        "fullDescription": {"text": safe_text(rule.doc)},
        "help": {"text": safe_text(f"{rule.doc}\n\nMore: cardlint explain {rule.code}")},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"fixable": rule.fixable},
    }


def region(span: Span, lines: LineIndex | None) -> dict[str, int]:
    """A SARIF region; character columns become UTF-16 columns when the line text is known."""
    column, end_column = span.column, span.end_column
    if lines is not None:
        column = utf16_column(lines.line_text(span.line), span.column)
        end_column = utf16_column(lines.line_text(span.end_line), span.end_column)
    return {
        "startLine": span.line,
        "startColumn": column,
        "endLine": span.end_line,
        "endColumn": end_column,
    }


def fix_json(fix: Fix, uri: str, lines: LineIndex | None) -> dict[str, Any]:
    return {
        "description": {"text": safe_text(fix.message)},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [
                    {
                        "deletedRegion": region(edit.span, lines),
                        "insertedContent": {"text": safe_text(edit.content)},
                    }
                    for edit in fix.edits
                ],
            }
        ],
    }


def result_json(
    d: Diagnostic, uri: str, lines: LineIndex | None, indexes: dict[str, int]
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": d.code,
        "level": _LEVEL[d.severity],
        "message": {"text": safe_text(d.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": region(d.span, lines),
                },
            }
        ],
    }
    if d.pointer:  # the JSON pointer of the node, for viewers that show logical locations
        out["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": safe_text(d.pointer)}]
    if d.code in indexes:
        out["ruleIndex"] = indexes[d.code]
    if d.fix is not None:
        out["fixes"] = [fix_json(d.fix, uri, lines)]
    return out


def sarif_log(results: Sequence[FileResult]) -> dict[str, Any]:
    rules = list(REGISTRY.values())
    indexes = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    for result in results:
        uri = path_uri(result.path)
        lines = result.document.lines if result.document is not None else None
        sarif_results.extend(result_json(d, uri, lines, indexes) for d in result.diagnostics)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cardlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_json(rule) for rule in rules],
                    }
                },
                "columnKind": "utf16CodeUnits",
                "results": sarif_results,
            }
        ],
    }


def write_sarif(results: Sequence[FileResult], stream: TextIO) -> None:
    stream.write(json_text(sarif_log(results), indent=2) + "\n")
