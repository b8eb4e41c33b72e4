"""``--format json``: the stable machine contract (version 1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Fix
from cardlint.core.text import json_text

CONTRACT_VERSION = 1


def fix_json(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability,
        "message": fix.message,
        "edits": [
            {
                "line": e.span.line,
                "column": e.span.column,
                "end_line": e.span.end_line,
                "end_column": e.span.end_column,
                "content": e.content,
            }
            for e in fix.edits
        ],
    }


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "file": d.path,
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "pointer": d.pointer,
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "fix": fix_json(d.fix),
    }


def document(results: Sequence[FileResult]) -> dict[str, Any]:
    from cardlint.report import Summary

    summary = Summary.of(results)
    return {
        "version": CONTRACT_VERSION,
        "summary": {
            "files": summary.files,
            "files_with_findings": summary.files_with_findings,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
        "files": [
            {"file": r.path, "schema": r.schema, "schema_chosen_by": list(r.schema_chosen_by)}
            for r in results
        ],
        "diagnostics": [diagnostic_json(d) for r in results for d in r.diagnostics],
    }


def write_json(results: Sequence[FileResult], stream: TextIO) -> None:
    stream.write(json_text(document(results), indent=2) + "\n")
