"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

Each finding carries ``description``, ``check_name``, ``fingerprint``, ``severity`` and
``location.path`` / ``location.lines.begin``. The fingerprint hashes the path, the code, the
JSON pointer and the message, not the line: it stays the same across runs and when lines move
above the finding, so GitLab tracks a finding as the same one; a counter keeps two identical
findings in one file apart.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Severity
from cardlint.core.text import json_text, safe_text
from cardlint.report.paths import relative_path

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(d: Diagnostic, occurrence: int) -> str:
    parts = (relative_path(d.path), d.code, d.pointer, d.message, str(occurrence))
    data = "\0".join(safe_text(part) for part in parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]


def issues(results: Sequence[FileResult]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for result in results:
        seen: Counter[tuple[str, str, str]] = Counter()
        for d in result.diagnostics:
            key = (d.code, d.pointer, d.message)
            seen[key] += 1
            out.append(
                {
                    "description": safe_text(f"{d.code} {d.message}"),
                    "check_name": d.code,
                    "fingerprint": fingerprint(d, seen[key]),
                    "severity": _SEVERITY[d.severity],
                    "location": {
                        "path": relative_path(d.path),  # JSON escapes: the real name
                        "lines": {"begin": d.span.line, "end": d.span.end_line},
                    },
                }
            )
    return out


def write_gitlab(results: Sequence[FileResult], stream: TextIO) -> None:
    stream.write(json_text(issues(results), indent=2) + "\n")
