"""Reporters: turn file results into text for people and tools. They never see card values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from cardlint.diagnostics import Severity
from cardlint.engine import FileResult


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How to show results: colours, source snippets, counts."""

    color: bool = False
    show_source: bool = False
    quiet: bool = False
    verbose: bool = False


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    files_with_findings: int
    errors: int
    warnings: int
    infos: int
    fixable: int

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Summary:
        counts = {s: 0 for s in Severity}
        fixable = 0
        for result in results:
            for d in result.diagnostics:
                counts[d.severity] += 1
                fixable += d.fix is not None or d.fix_intent is not None
        return cls(
            files=len(results),
            files_with_findings=sum(1 for r in results if r.diagnostics),
            errors=counts[Severity.ERROR],
            warnings=counts[Severity.WARNING],
            infos=counts[Severity.INFO],
            fixable=fixable,
        )


def write_report(
    fmt: str, results: Sequence[FileResult], stream: TextIO, options: ReportOptions
) -> None:
    """Write ``results`` in format ``fmt`` (``text``/``full``, ``json``) to ``stream``."""
    if fmt == "json":
        from cardlint.report.json import write_json

        write_json(results, stream)
    else:
        from cardlint.report.text import write_text

        write_text(results, stream, options)


FORMATS = ("text", "full", "json")
