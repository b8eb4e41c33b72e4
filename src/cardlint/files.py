"""Which files to lint, in what order. Directories are searched; symlink loops are not followed."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO, NamedTuple

DEFAULT_INCLUDE = (
    "*model-card*.json",
    "*model-card*.yaml",
    "*model-card*.yml",
    "*model_card*.json",
    "*model_card*.yaml",
    "*model_card*.yml",
    "*modelcard*.json",
    "*modelcard*.yaml",
    "*modelcard*.yml",
)
"""Names searched for in directories (case-insensitive); files named explicitly always count."""

SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
    }
)


class Found(NamedTuple):
    """A file to lint; ``explicit`` when the user named it, ``error`` when it cannot be used."""

    path: str
    explicit: bool
    error: str | None = None


def read_limited(handle: BinaryIO, size: int, cap: int) -> bytes:
    """Up to ``cap + 1`` bytes of ``handle``, whose ``fstat`` size was ``size``: more than
    ``cap`` means too large.

    Asks for the size it expects, not for ``cap + 1``: ``read(n)`` allocates ``n`` bytes up
    front, and ``n`` of 10 MB costs an ``mmap``, an ``mremap`` and a ``munmap`` per file (90
    against 25 microseconds for a 10 KB card here). A file that grew since its ``fstat``, or
    one whose size says nothing (``/proc``), is read on to the cap.
    """
    expected = min(size, cap) + 1
    data = handle.read(expected)
    if len(data) == expected:
        data += handle.read(cap + 1 - expected)
    return data


def matches(name: str, include: Sequence[str] = DEFAULT_INCLUDE) -> bool:
    lower = name.lower()
    return any(fnmatch.fnmatchcase(lower, pattern) for pattern in include)


def discover(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    include_for: Callable[[str], Sequence[str] | None] | None = None,
) -> Iterator[Found]:
    """Files to lint, in the order given; each directory's files sorted by path.

    ``include_for(directory)``, when given, names the patterns for a directory on the command
    line (its configuration's ``include``); ``None`` from it means ``include``.
    """
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            yield Found("-", True)
            continue
        if os.path.isdir(path):
            chosen = include_for(path) if include_for is not None else None
            yield from _walk(path, include if chosen is None else chosen, exclude, seen)
        elif os.path.exists(path):
            if os.path.realpath(path) not in seen:
                seen.add(os.path.realpath(path))
                yield Found(path, True)
        elif os.path.islink(path):
            yield Found(path, True, "broken symbolic link")
        else:
            yield Found(path, True, "no such file or directory")


def _is_regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _excluded(path: str, exclude: Sequence[str]) -> bool:
    normal = path.replace(os.sep, "/")
    return any(
        fnmatch.fnmatchcase(normal, pattern) or fnmatch.fnmatchcase(normal, f"*/{pattern}")
        for pattern in exclude
    )


def _walk(
    root: str, include: Sequence[str], exclude: Sequence[str], seen: set[str]
) -> Iterator[Found]:
    visited_dirs: set[str] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        real = os.path.realpath(directory)
        if real in visited_dirs:
            continue  # a symlink loop, or a directory reached twice
        visited_dirs.add(real)
        try:
            with os.scandir(directory) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            yield Found(directory, False, exc.strerror or str(exc))
            continue
        subdirs = []
        for entry in listing:
            full = entry.path  # os.path.join(directory, entry.name), already made by scandir
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in SKIPPED_DIRS and not _excluded(full, exclude):
                    subdirs.append(full)
            elif matches(entry.name, include) and not _excluded(full, exclude):
                # The directory's real path plus a name that is not a link is the file's real
                # path: one realpath() per directory, not per file.
                link = entry.is_symlink()
                key = os.path.realpath(full) if link else os.path.join(real, entry.name)
                if key in seen:
                    continue
                seen.add(key)
                if link and not os.path.exists(full):
                    yield Found(full, False, "broken symbolic link")
                elif not _is_regular(entry):
                    # A FIFO would block the open() forever; a device could be endless.
                    yield Found(full, False, "not a regular file")
                else:
                    yield Found(full, False)
        stack.extend(reversed(subdirs))
