"""What checking a file comes to, kept apart from :mod:`cardlint.engine` so that reporters and
a run answered entirely from the cache need not import the checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from cardlint.diagnostics import Diagnostic
from cardlint.document import Decoded, Document


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome for one file: its diagnostics, plus what a fixer needs to write it back."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    document: Document | None = field(default=None, compare=False, repr=False)
    decoded: Decoded | None = field(default=None, compare=False, repr=False)
    schema: str | None = None


class UsageError(Exception):
    """A problem with what the user asked for: exit code 2, one line, no traceback."""
