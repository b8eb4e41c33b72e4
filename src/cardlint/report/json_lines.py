"""``--format json-lines``: one JSON object per finding per line, the fields of ``--format json``.

Each line is a complete JSON document (``jq -c``, log shippers), so a consumer can stream the
output without waiting for the run to end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cardlint.check.result import FileResult
from cardlint.core.text import json_text
from cardlint.report.json import diagnostic_json


def write_json_lines(results: Sequence[FileResult], stream: TextIO) -> None:
    for result in results:
        for d in result.diagnostics:
            # ASCII only: every line 7-bit, free of raw line breaks, DEL or surrogates
            stream.write(json_text(diagnostic_json(d), ascii_only=True) + "\n")
