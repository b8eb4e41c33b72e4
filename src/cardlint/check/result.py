"""What checking a file comes to, kept apart from :mod:`cardlint.check.engine` so that reporters and
a run answered entirely from the cache need not import the checks."""

from __future__ import annotations

from typing import NamedTuple

from cardlint.core.diagnostics import Diagnostic
from cardlint.loading.document import Decoded, Document


class FileResult(NamedTuple):
    """The outcome for one file: its diagnostics, plus what a fixer needs to write it back.

    ``schema`` names the schema (or schemas) the file was checked against; ``schema_chosen_by``
    the pointers of the fields that made ``--schema auto`` pick ``model-card``.
    """

    path: str
    diagnostics: tuple[Diagnostic, ...]
    document: Document | None = None
    decoded: Decoded | None = None
    schema: str | None = None
    schema_chosen_by: tuple[str, ...] = ()


class UsageError(Exception):
    """A problem with what the user asked for: exit code 2, one line, no traceback."""
