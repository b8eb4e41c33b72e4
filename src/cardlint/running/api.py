"""The Python API: :func:`lint_text` and :func:`lint_paths` (exported by :mod:`cardlint`)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from cardlint.check.engine import check_file, check_text, unreadable
from cardlint.check.result import UsageError
from cardlint.core.diagnostics import Diagnostic
from cardlint.core.settings import DEFAULT_SETTINGS, Settings


def lint_text(
    text: str,
    *,
    filename: str = "<stdin>",
    schema: str = "auto",
    settings: Settings | None = None,
) -> list[Diagnostic]:
    """Lint a card given as text; ``filename`` picks the format (``.json``, ``.yaml``).

    >>> [d.code for d in lint_text('{"intended_uses": {"risk_rating": "high"}}', filename="c.json")]
    ['S002']
    """
    chosen = settings or DEFAULT_SETTINGS
    if chosen.schema != schema:
        chosen = chosen._replace(schema=schema)
    return list(check_text(text, filename, chosen).diagnostics)


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    schema: str = "auto",
    settings: Settings | None = None,
) -> list[Diagnostic]:
    """Lint files and directories (directories are searched for card files)."""
    from cardlint.running.files import discover

    chosen = settings or DEFAULT_SETTINGS
    if chosen.schema != schema:
        chosen = chosen._replace(schema=schema)
    results: list[Diagnostic] = []
    for found in discover([os.fspath(p) for p in paths]):
        if found.error is not None:
            if found.explicit:
                raise UsageError(f"{found.path}: {found.error}")
            results.extend(unreadable(found.path, found.error, chosen).diagnostics)
            continue
        try:
            results.extend(check_file(found.path, chosen).diagnostics)
        except OSError as exc:
            if found.explicit:
                raise UsageError(f"{found.path}: {exc.strerror or exc}") from None
            results.extend(unreadable(found.path, str(exc.strerror or exc), chosen).diagnostics)
    return results
