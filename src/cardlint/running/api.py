"""The Python API: :func:`lint_text` and :func:`lint_paths` (exported by :mod:`cardlint`)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from cardlint.check.engine import check_text
from cardlint.core.diagnostics import Diagnostic
from cardlint.core.settings import DEFAULT_SETTINGS, Settings


def _chosen(settings: Settings | None, schema: str) -> Settings:
    """``settings`` (the defaults for ``None``) with ``schema``, unless that is ``"auto"``."""
    chosen = settings or DEFAULT_SETTINGS
    if schema != "auto" and chosen.schema != schema:
        chosen = chosen._replace(schema=schema)
    return chosen


def lint_text(
    text: str,
    *,
    filename: str = "<stdin>",
    schema: str = "auto",
    settings: Settings | None = None,
) -> list[Diagnostic]:
    """Lint a card given as text; ``filename`` picks the format (``.json``, ``.yaml``).

    No configuration file is read. ``schema``, when not ``"auto"``, wins over
    ``settings.schema``.

    >>> [d.code for d in lint_text('{"intended_uses": {"risk_rating": "high"}}', filename="c.json")]
    ['S002']
    """
    return list(check_text(text, filename, _chosen(settings, schema)).diagnostics)


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    schema: str = "auto",
    settings: Settings | None = None,
) -> list[Diagnostic]:
    """Lint files and directories exactly as ``cardlint check PATHS`` does.

    Directories are searched for card files; each file gets the configuration file nearest
    to it (``[tool.cardlint]`` in pyproject.toml, cardlint.toml, .cardlint.toml): its
    ``include``, ``exclude``, ``select``, ``ignore``, ``per-file-ignores``, ``per-file-schema``,
    ``severity``, ``options`` and ``respect-gitignore``. A path named here is taken as given
    (never excluded, whatever its name).

    ``settings`` and ``schema`` are what command-line options are to ``cardlint check``: they
    win over the configuration files, field by field, and a field left at its default leaves
    the configuration's value alone. So ``schema="model-card"`` is ``--schema model-card``;
    ``Settings(select=...)`` is ``--select``; ``Settings(ignore=...)`` and
    ``Settings(extend_select=...)`` add to the configuration's lists as ``--ignore`` and
    ``--extend-select`` do; ``Settings(severities=...)`` and ``Settings(options=...)`` win over
    the configuration's entries for the same codes and options; ``limits`` apply to every file.
    ``schema``, when not ``"auto"``, wins over ``settings.schema``.

    Raises :class:`cardlint.check.result.UsageError` for a named path that does not exist or
    cannot be read, :class:`cardlint.running.config.ConfigError` for a configuration file that
    cannot be used. No cache is read or written and no worker process is started.

    >>> lint_paths([])
    []
    """
    from cardlint.running.config import Overrides, Resolver
    from cardlint.running.plan import Batch, check_paths

    chosen = _chosen(settings, schema)
    resolver = Resolver(chosen, Overrides.of_settings(chosen))
    batch = Batch(jobs=1, documents=False)
    results = check_paths([os.fspath(p) for p in paths], resolver, batch)
    return [d for result in results for d in result.diagnostics]
