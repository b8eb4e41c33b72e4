"""Which files to lint, in what order.

A directory is searched without leaving it: a symbolic link to a directory is not followed (as
git and ruff do), a link to a file is followed only when the file lies inside the directory
searched, so a tree holding ``ln -s /proc p`` or a link to someone else's cards is searched
as the tree it is. Files ignored by git (``.gitignore`` at every level, ``.git/info/exclude``,
the global excludes file) are skipped while searching, matched by ``pathspec`` (git's rules
are subtle: negation, anchoring, ``**``, directory-only patterns). A file or directory named
by the caller is taken as given: links followed, never ignored. The walk costs one
``scandir`` per directory and no ``realpath``, so it is linear in the depth of the tree.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

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


def matches(name: str, include: Sequence[str] = DEFAULT_INCLUDE) -> bool:
    """Whether a file name matches one of the name patterns (case-insensitive)."""
    lower = name.lower()
    return any(fnmatch.fnmatchcase(lower, pattern.lower()) for pattern in include)


class Include:
    """The ``include`` patterns of one search, and which of them matched something.

    A pattern without ``/`` matches the file name; one with ``/`` matches the path relative
    to ``root`` (the configuration's directory), as ``.gitignore`` patterns do (see
    :func:`cardlint.running.globs.glob_match`). Case-insensitive throughout.

    >>> Include(("cards/*.json",), "/repo").match("a.json", "cards/a.json")
    True
    """

    __slots__ = ("names", "paths", "root", "track", "used")

    def __init__(self, patterns: Sequence[str], root: str | None = None) -> None:
        self.names = tuple((p, p.lower()) for p in patterns if "/" not in p)
        self.paths = tuple((p, p.lower()) for p in patterns if "/" in p) if root else ()
        self.root = root
        self.track = root is not None  # which patterns matched: a configuration's are told
        self.used: set[str] = set()

    @property
    def patterns(self) -> tuple[str, ...]:
        return tuple(p for p, _ in self.names + self.paths)

    def match(self, name: str, relative: str | None) -> bool:
        """``relative``: the file's path relative to ``root`` (``None``: outside it)."""
        from cardlint.running.globs import glob_match

        lower = name.lower()
        if not self.track:
            return any(fnmatch.fnmatchcase(lower, lowered) for _, lowered in self.names)
        found = False
        for pattern, lowered in self.names:
            if (not found or pattern not in self.used) and fnmatch.fnmatchcase(lower, lowered):
                found = True
                self.used.add(pattern)
        if self.paths and relative is not None:
            lower = relative.lower()
            for pattern, lowered in self.paths:
                if (not found or pattern not in self.used) and glob_match(lower, lowered):
                    found = True
                    self.used.add(pattern)
        return found


class Plan(Protocol):
    """What a search asks of its caller (the configuration, for the command line)."""

    def include(self, directory: str) -> Include:
        """The patterns searched for under ``directory`` (a directory the caller named)."""
        ...

    def entering(self, directory: str, names: Collection[str]) -> None:
        """The search lists ``directory``, which holds ``names``."""
        ...

    def pruned(self, path: str) -> bool:
        """Whether a directory found while searching is excluded."""
        ...

    def git_ignored(self, path: str) -> None:
        """A directory, or a file the patterns match, skipped because git ignores it."""
        ...

    def respect_gitignore(self, directory: str) -> bool:
        """Whether files ignored by git are skipped under ``directory``."""
        ...


class DefaultPlan:
    """The default patterns, no exclusion, files ignored by git skipped."""

    def include(self, directory: str) -> Include:
        return Include(DEFAULT_INCLUDE)

    def entering(self, directory: str, names: Collection[str]) -> None:
        return None

    def pruned(self, path: str) -> bool:
        return False

    def git_ignored(self, path: str) -> None:
        return None

    def respect_gitignore(self, directory: str) -> bool:
        return True


def discover(paths: Sequence[str], plan: Plan | None = None) -> Iterator[Found]:
    """Files to lint, in the order given; each directory's files sorted by path.

    ``""`` is the current directory, whose files are named without a leading ``./``; ``-`` is
    standard input. A path named here is taken as given (a link is followed; a file whatever
    its name, never ignored).
    """
    plan = plan or DefaultPlan()
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            yield Found("-", True)
            continue
        if path == "" or os.path.isdir(path):
            yield from _walk(path, plan, seen)
        elif os.path.exists(path):
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
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


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _join(directory: str, name: str) -> str:
    """``os.path.join`` for a directory path as given (``""``: the current directory, whose
    files are named without ``./``)."""
    if not directory:
        return name
    return f"{directory}{name}" if directory.endswith("/") else f"{directory}/{name}"


class _Open:
    """An open directory whose subdirectories are still to be searched: they are opened
    relative to it, so the kernel never walks the whole path again (which made a walk
    quadratic in depth even without ``realpath``)."""

    __slots__ = ("fd", "pending")

    def __init__(self, fd: int, pending: int) -> None:
        self.fd = fd
        self.pending = pending


class _Dir(NamedTuple):
    path: str  # as it is printed: the root as given, then names joined with "/"
    relative: str  # from the root searched ("" for the root itself)
    ignores: tuple[tuple[str, GitIgnoreSpec], ...]  # (directory from the repository, spec)
    parent: _Open | None = None  # open it as `name` relative to this; None: by its path
    name: str = ""


_HELD = 256
"""Open directories a walk keeps at most; a tree deeper and wider than that opens the rest by
path (each walk of the path costing the kernel its depth)."""

_BY_FD = os.scandir in os.supports_fd and os.open in os.supports_dir_fd
_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def _walk(root: str, plan: Plan, seen: set[str]) -> Iterator[Found]:
    real_root = os.path.realpath(root or os.curdir)
    include = plan.include(root or os.curdir)
    to_include = _relative_to(real_root, root, include.root)
    git = GitIgnore.find(root or os.curdir) if plan.respect_gitignore(root or os.curdir) else None
    if git is not None and git.ignored("", git.above, True):
        git = None  # a directory git ignores, named all the same: searched whole
    stack = [_Dir(root, "", git.above if git is not None else ())]
    held: list[_Open] = []
    try:
        while stack:
            directory = stack.pop()
            try:
                listing, fd = _list(directory)
            except OSError as exc:
                yield Found(directory.path or os.curdir, False, exc.strerror or str(exc))
                continue
            finally:
                _release(directory.parent, held)
            names = {e.name for e in listing}
            plan.entering(directory.path, names)
            ignores = directory.ignores
            if git is not None and ".gitignore" in names:
                ignores = git.read(directory.relative, ignores)
            subdirs = []
            for entry in listing:
                full = _join(directory.path, entry.name)
                relative = _join(directory.relative, entry.name)
                if _is_dir(entry):
                    if plan.pruned(full) or entry.name in SKIPPED_DIRS:
                        continue
                    if git is not None and git.ignored(relative, ignores, True):
                        plan.git_ignored(full)
                        continue
                    subdirs.append((full, relative, entry.name))
                    continue
                where = None if to_include is None else _join(to_include, relative)
                if not include.match(entry.name, where):
                    continue
                if git is not None and git.ignored(relative, ignores, False):
                    plan.git_ignored(full)
                    continue
                found = _file(entry, full, os.path.join(real_root, relative), real_root)
                if found is not None and found[1] not in seen:
                    seen.add(found[1])
                    yield found[0]
            parent = None
            if fd is not None and subdirs and len(held) < _HELD:
                parent = _Open(fd, len(subdirs))
                held.append(parent)
            elif fd is not None:
                os.close(fd)
            for full, relative, name in reversed(subdirs):
                stack.append(_Dir(full, relative, ignores, parent, name))
    finally:
        for handle in held:
            os.close(handle.fd)


def _list(directory: _Dir) -> tuple[list[os.DirEntry[str]], int | None]:
    """The entries of ``directory``, sorted by name, and its open descriptor (``None`` where
    the platform cannot list a descriptor)."""
    if not _BY_FD:
        with os.scandir(directory.path or os.curdir) as entries:
            return sorted(entries, key=lambda e: e.name), None
    if directory.parent is not None:
        # O_NOFOLLOW: a directory swapped for a link since it was listed is not entered.
        fd = os.open(directory.name, _FLAGS | os.O_NOFOLLOW, dir_fd=directory.parent.fd)
    else:
        nofollow = os.O_NOFOLLOW if directory.relative else 0  # the root is taken as given
        fd = os.open(directory.path or os.curdir, _FLAGS | nofollow)
    try:
        with os.scandir(fd) as entries:
            return sorted(entries, key=lambda e: e.name), fd
    except BaseException:
        os.close(fd)
        raise


def _release(parent: _Open | None, held: list[_Open]) -> None:
    """One subdirectory of ``parent`` is open (or failed): close it after the last one."""
    if parent is None:
        return
    parent.pending -= 1
    if parent.pending == 0:
        held.remove(parent)
        os.close(parent.fd)


def _file(entry: os.DirEntry[str], full: str, key: str, real_root: str) -> tuple[Found, str] | None:
    """The file found at ``entry`` and the key that tells it apart, or ``None`` for a link
    that leads out of the directory searched (or to a directory)."""
    if entry.is_symlink():
        if not os.path.exists(full):
            return Found(full, False, "broken symbolic link"), full
        key = os.path.realpath(full)
        if os.path.commonpath([real_root, key]) != real_root or os.path.isdir(key):
            return None
    if not _is_regular(entry):
        # A FIFO would block the open() forever; a device could be endless.
        return Found(full, False, "not a regular file"), key
    return Found(full, False), key


def _relative_to(real_root: str, root: str, base: str | None) -> str | None:
    """The root searched, relative to ``base`` (``""`` when the same; ``None`` outside)."""
    if base is None:
        return None
    absolute = os.path.abspath(root or os.curdir)
    for start in (absolute, real_root):
        relative = os.path.relpath(start, base)
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return "" if relative == os.curdir else relative.replace(os.sep, "/")
    return None


class GitIgnore:
    """git's ignore rules for one search: ``.gitignore`` files, ``info/exclude`` and the
    global excludes file (``core.excludesFile``, else ``$XDG_CONFIG_HOME/git/ignore``).

    Paths are ``/``-separated and relative to the root searched; ``above`` holds the
    ``.gitignore`` files of the repository between its top and the root searched, and the
    repository-wide files, each with the directory its patterns are relative to.
    """

    __slots__ = ("above", "offset", "top")

    def __init__(self, top: str, offset: str, above: tuple[tuple[str, GitIgnoreSpec], ...]) -> None:
        self.top = top
        self.offset = offset  # the root searched, relative to the repository's top
        self.above = above

    @classmethod
    def find(cls, root: str) -> GitIgnore | None:
        """The rules for a search of ``root``, or ``None`` outside a git repository.
        ``pathspec`` is imported only when an ignore file holds a pattern."""
        absolute = os.path.abspath(root)
        top, git_dir = _repository(absolute)
        if top is None or git_dir is None:
            return None
        offset = os.path.relpath(absolute, top).replace(os.sep, "/")
        offset = "" if offset == "." else offset
        sources: list[tuple[str, list[str]]] = []
        for path in (_global_excludes(git_dir), os.path.join(git_dir, "info", "exclude")):
            lines = _lines(path) if path else None
            if lines:
                sources.append(("", lines))
        if offset:  # the .gitignore files between the top and the root searched
            parts = offset.split("/")
            for depth in range(len(parts)):
                base = "/".join(parts[:depth])
                lines = _lines(os.path.join(top, base, ".gitignore"))
                if lines:
                    sources.append((base, lines))
        return cls(top, offset, tuple((base, _spec(lines)) for base, lines in sources))

    def read(
        self, relative: str, ignores: tuple[tuple[str, GitIgnoreSpec], ...]
    ) -> tuple[tuple[str, GitIgnoreSpec], ...]:
        """``ignores`` plus the ``.gitignore`` of the directory at ``relative``."""
        base = _join(self.offset, relative) if relative else self.offset
        lines = _lines(os.path.join(self.top, base, ".gitignore"))
        return (*ignores, (base, _spec(lines))) if lines else ignores

    def ignored(
        self, relative: str, ignores: tuple[tuple[str, GitIgnoreSpec], ...], is_dir: bool
    ) -> bool:
        """Whether git ignores the path at ``relative`` (from the root searched): the deepest
        ``.gitignore`` that says something decides, then ``info/exclude``, then the global
        file; the last matching pattern of a file wins (``!`` re-includes)."""
        path = _join(self.offset, relative)
        if not path:
            return False  # the top of the work tree
        for base, spec in reversed(ignores):
            if base and not path.startswith(base + "/"):
                continue
            inside = path[len(base) + 1 :] if base else path
            verdict = spec.check_file(inside + "/" if is_dir else inside).include
            if verdict is not None:
                return verdict
        return False


def _spec(lines: list[str]) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def _lines(path: str) -> list[str] | None:
    """The patterns of an ignore file (blank lines and comments dropped), or ``None``."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(1 << 20)
    except OSError:
        return None
    text = data.decode("utf-8", "surrogateescape")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return lines or None


def _repository(directory: str) -> tuple[str | None, str | None]:
    """The work tree's top directory holding ``directory`` and its git directory (a ``.git``
    file, as in a worktree or a submodule, names it), or ``(None, None)``."""
    current = directory
    while True:
        marker = os.path.join(current, ".git")
        if os.path.isdir(marker):
            return current, marker
        if os.path.isfile(marker):
            return current, _linked_git_dir(current, marker)
        parent = os.path.dirname(current)
        if parent == current:
            return None, None
        current = parent


def _linked_git_dir(top: str, marker: str) -> str | None:
    """The git directory a ``.git`` file points to; ``info/exclude`` lives in the common one."""
    lines = _lines(marker) or []
    if not lines or not lines[0].startswith("gitdir:"):
        return None
    git_dir = os.path.join(top, lines[0][len("gitdir:") :].strip())
    common = _lines(os.path.join(git_dir, "commondir"))
    return os.path.normpath(os.path.join(git_dir, common[0].strip())) if common else git_dir


def _global_excludes(git_dir: str) -> str | None:
    """git's global excludes file: ``core.excludesFile`` of the user's or the repository's
    configuration, else ``$XDG_CONFIG_HOME/git/ignore`` (``~/.config/git/ignore``)."""
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    chosen = None
    for config in (
        os.path.join(xdg, "git", "config"),
        os.path.join(home, ".gitconfig"),
        os.path.join(git_dir, "config"),
    ):
        value = _core_excludes_file(config)
        if value is not None:
            chosen = value
    if chosen is None:
        return os.path.join(xdg, "git", "ignore")
    return os.path.expanduser(chosen)


def _core_excludes_file(path: str) -> str | None:
    """``core.excludesFile`` as a git configuration file sets it (a plain reading: sections,
    ``key = value``, quotes; no includes)."""
    value = None
    section = ""
    for raw in _lines(path) or []:
        line = raw.strip()
        if line.startswith("["):
            section = line[1:].split("]", 1)[0].strip().lower()
            continue
        key, equals, rest = line.partition("=")
        if section == "core" and equals and key.strip().lower() == "excludesfile":
            rest = rest.split(" #", 1)[0].split(" ;", 1)[0].strip()
            value = rest[1:-1] if len(rest) >= 2 and rest[0] == rest[-1] == '"' else rest
    return value


def describe_patterns(include: Sequence[str]) -> str:
    """The patterns searched for, in words, for the message that nothing was found."""
    if tuple(include) == DEFAULT_INCLUDE:
        return (
            "names containing model-card, model_card or modelcard (any case) that end in "
            ".json, .yaml or .yml"
        )
    return ", ".join(f'"{p}"' for p in include)
