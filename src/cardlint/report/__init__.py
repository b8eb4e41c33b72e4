"""Reporters: turn file results into text for people and tools. They never see card values."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import NamedTuple, TextIO

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Severity


class ReportOptions(NamedTuple):
    """How to show results: colours, source snippets, counts."""

    color: bool = False
    show_source: bool = False
    quiet: bool = False
    verbose: bool = False
    fail_on: Severity = Severity.ERROR


class Summary(NamedTuple):
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


# Format → (module under cardlint.report, writer, whether the writer takes ReportOptions).
# Modules are imported only when their format is asked for.
_WRITERS: dict[str, tuple[str, str, bool]] = {
    "text": ("text", "write_text", True),
    "full": ("text", "write_text", True),
    "concise": ("concise", "write_concise", True),
    "editor": ("editor", "write_editor", True),
    "json": ("json", "write_json", False),
    "json-lines": ("json_lines", "write_json_lines", False),
    "sarif": ("sarif", "write_sarif", False),
    "github": ("github", "write_github", False),
    "junit": ("junit", "write_junit", True),
    "gitlab": ("gitlab", "write_gitlab", False),
}


def write_report(
    fmt: str, results: Sequence[FileResult], stream: TextIO, options: ReportOptions
) -> None:
    """Write ``results`` in format ``fmt`` (one of :data:`FORMATS`) to ``stream``."""
    module, name, takes_options = _WRITERS.get(fmt, _WRITERS["text"])
    writer = getattr(import_module(f"cardlint.report.{module}"), name)
    if takes_options:
        writer(results, stream, options)
    else:
        writer(results, stream)


FORMATS = tuple(_WRITERS)
"""Every ``--format``; ``text`` and ``full`` are for people, the rest for tools."""

MACHINE_FORMATS = frozenset(FORMATS) - {"text", "full"}
"""Formats that never carry colours (their consumers parse them)."""
