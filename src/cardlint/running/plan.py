"""The one file planner: which files a run checks, in what order, with which settings.

``cardlint check``, ``cardlint render`` and the Python API (:func:`cardlint.lint_paths`) all
plan through here, so a file gets the same configuration whichever front end asked: the search
(:func:`cardlint.running.files.discover`: include patterns, ``.gitignore``, links), the
configuration file nearest each file, its ``exclude``, ``per-file-ignores`` and
``per-file-schema``, then what the caller said explicitly
(:class:`~cardlint.running.config.Resolver`).
:func:`check_paths` then checks the plan: the cache, worker processes, results in input order.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from cardlint.check.result import FileResult, UsageError
from cardlint.core.settings import Settings

if TYPE_CHECKING:
    from cardlint.running.config import Resolver

STDIN = "-"
"""The path that stands for standard input."""


class Work(NamedTuple):
    """One file of a plan: its path (``-``: standard input), its settings, whether the caller
    named it, and why it cannot be used (found while searching a directory), if so."""

    path: str
    settings: Settings
    explicit: bool
    error: str | None = None


def plan_files(
    paths: Sequence[str],
    resolver: Resolver,
    *,
    stdin_filename: str | None = None,
    force_exclude: bool = False,
) -> Iterator[Work]:
    """The files to check under ``paths``, in order, each with its settings.

    ``""`` is the current directory (files named without ``./``); ``-`` is standard input,
    which gets the configuration of ``stdin_filename``'s directory. A file found while
    searching is left out when its configuration excludes it; a file named is too only with
    ``force_exclude``. A named path that cannot be used raises :class:`UsageError`.
    """
    from cardlint.running.files import discover

    for found in discover(paths, resolver):
        if found.path == STDIN:  # the configuration of --stdin-filename's directory applies
            yield Work(STDIN, resolver.settings_for(stdin_filename or STDIN), True)
            continue
        if (not found.explicit or force_exclude) and resolver.excluded(found.path):
            continue
        settings = resolver.settings_for(found.path)
        if found.error is not None and found.explicit:
            raise UsageError(f"{found.path}: {found.error}{option_hint(found.path)}")
        yield Work(found.path, settings, found.explicit, found.error)


def option_hint(path: str) -> str:
    """A word for an option read as a file name: the pre-commit hooks end options with
    ``--``, so an option in a hook's ``args`` arrives after it."""
    if not path.startswith("-") or path == STDIN:
        return ""
    return (
        '; after "--" every argument is a file name (pre-commit hooks take their options from'
        " the configuration file)"
    )


class Batch(NamedTuple):
    """How the planned files are checked: ``jobs`` worker processes at most (``None``: the CPU
    count), the cache (``None``: off; ``""``: the default directory), whether results with
    findings keep their documents (for source lines and fixes), a progress line."""

    jobs: int | None = 1
    cache_dir: str | None = None
    documents: bool = True
    progress: bool = False
    own_process: bool = False


def check_paths(
    paths: Sequence[str],
    resolver: Resolver,
    batch: Batch = Batch(),  # noqa: B008 - a NamedTuple, immutable
    *,
    stdin: BinaryIO | None = None,
    stdin_filename: str | None = None,
    force_exclude: bool = False,
    raw: dict[int, bytes] | None = None,
) -> list[FileResult]:
    """Check every file :func:`plan_files` plans, one result per file in plan order.

    ``-`` is read from ``stdin`` (with ``stdin=None``, it is a file named ``-``); ``raw``
    receives the bytes read from it, by the index of its result (``--fix`` prints them back).
    A file found while searching that cannot be read is a finding; a named one raises
    :class:`UsageError`.
    """
    # First what to check, in order (a result now for stdin and for files that cannot be
    # used; None for a file to check), then the files all at once: cache, workers, progress.
    planned: list[FileResult | None] = []
    files: list[Work] = []
    plan = plan_files(paths, resolver, stdin_filename=stdin_filename, force_exclude=force_exclude)
    for work in plan:
        if work.path == STDIN and stdin is not None:
            data = stdin.read(work.settings.limits.max_file_size + 1)
            if raw is not None:
                raw[len(planned)] = data
            from cardlint.check.engine import check_bytes

            planned.append(check_bytes(data, stdin_filename or "<stdin>", work.settings))
        elif work.error is not None:
            planned.append(_unreadable(work.path, work.error, work.settings))
        else:
            planned.append(None)
            files.append(work)
    checked = _check_all(files, batch)
    pending = iter(files)
    results = []
    try:
        for item in planned:
            if item is not None:
                results.append(item)
                continue
            work = next(pending)
            outcome = next(checked)
            if isinstance(outcome, OSError):
                reason = outcome.strerror or str(outcome)
                if work.explicit:
                    raise UsageError(f"{work.path}: {reason}") from None
                outcome = _unreadable(work.path, reason, work.settings)
            results.append(outcome)
    finally:  # saves the cache; on a signal, also stops the workers now
        checked.close()
    return results


def _unreadable(path: str, reason: str, settings: Settings) -> FileResult:
    # Imported here: a run answered from the cache loads neither the engine nor the rules.
    from cardlint.check.engine import unreadable

    return unreadable(path, reason, settings)


def _check_all(files: list[Work], batch: Batch) -> Generator[FileResult | OSError, None, None]:
    from cardlint.running.parallel import Progress, check_files, default_jobs

    cache = None
    if batch.cache_dir is not None:
        from cardlint.running.cache import Cache, resolve_directory

        cache = Cache(resolve_directory(batch.cache_dir or None))
    progress = Progress(len(files)) if batch.progress else None
    try:
        yield from check_files(
            [(work.path, work.settings) for work in files],
            jobs=batch.jobs or default_jobs(),
            cache=cache,
            documents=batch.documents,
            progress=progress,
            own_process=batch.own_process,
        )
    finally:
        if progress is not None:
            progress.close()
