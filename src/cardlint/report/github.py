"""``--format github``: GitHub Actions workflow commands that annotate the pull request.

``::error file=card.yaml,line=4,col=16,endLine=4,endColumn=20,title=S002::message``. Warnings
become ``::warning`` and infos ``::notice``. Values are escaped as the runner expects: ``%``,
``\\r`` and ``\\n`` everywhere, and ``:`` and ``,`` in properties as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Severity
from cardlint.core.text import safe_text
from cardlint.report.paths import relative_path

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message.

    >>> escape_data("50% done\\nnext")
    '50%25 done%0Anext'
    """
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return safe_text(escaped)  # other control characters and lone surrogates, made visible


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``).

    >>> escape_property("a:b,c")
    'a%3Ab%2Cc'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic) -> str:
    props = {
        "file": relative_path(d.path),
        "line": str(d.span.line),
        "col": str(d.span.column),
        "endLine": str(d.span.end_line),
        "endColumn": str(d.span.end_column),
        "title": d.code,
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    return f"::{_COMMAND[d.severity]} {joined}::{escape_data(d.message)}"


def write_github(results: Sequence[FileResult], stream: TextIO) -> None:
    for result in results:
        for d in result.diagnostics:
            stream.write(command(d) + "\n")
