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
    fail_on: Severity = Severity.ERROR


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
        counts = dict.fromkeys(Severity, 0)
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
    """Write ``results`` in format ``fmt`` (one of :data:`FORMATS`) to ``stream``."""
    if fmt == "json":
        from cardlint.report.json import write_json

        write_json(results, stream)
    elif fmt == "json-lines":
        from cardlint.report.json_lines import write_json_lines

        write_json_lines(results, stream)
    elif fmt == "concise":
        from cardlint.report.concise import write_concise

        write_concise(results, stream, options)
    elif fmt == "sarif":
        from cardlint.report.sarif import write_sarif

        write_sarif(results, stream)
    elif fmt == "github":
        from cardlint.report.github import write_github

        write_github(results, stream)
    elif fmt == "junit":
        from cardlint.report.junit import write_junit

        write_junit(results, stream, options)
    elif fmt == "gitlab":
        from cardlint.report.gitlab import write_gitlab

        write_gitlab(results, stream)
    else:
        from cardlint.report.text import write_text

        write_text(results, stream, options)


FORMATS = ("text", "full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab")
"""Every ``--format``; ``text`` and ``full`` are for people, the rest for tools."""

MACHINE_FORMATS = frozenset(FORMATS) - {"text", "full"}
"""Formats that never carry colours (their consumers parse them)."""
