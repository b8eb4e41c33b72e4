"""Writing files without losing anybody's text: checked replacement of a card, atomic reports,
and signals held off while a write is under way.

Every write goes to a temporary file in the target's directory (``.NAME.….cardlint-tmp``)
that is renamed over the target, so a reader, a crash or a kill sees the old file or the new
one, never a mix. While a write is under way, SIGINT, SIGTERM and SIGHUP wait (see
:func:`signals_deferred`): the temporary file is either renamed or removed before the
signal is acted on.

Replacing a card (:func:`replace_checked`) also guards other writers' edits:

- an exclusive ``flock`` on the card for the whole write: a program that holds one (another
  cardlint, ``flock(1)``) makes it report, never wait or overwrite;
- a card with several hard links is not replaced (the rename would leave the other names
  with the old text): it is reported;
- the card must still be the same file with the bytes that were linted when the temporary
  file is ready, looked at immediately before the rename; nothing else runs in between;
- after the rename the old file, still open, is read once more: a writer that opened it
  before the rename and wrote since the last look wrote into a file that no longer has a
  name, so its text is put back and the fix is reported as not written.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from typing import IO, Any

TEMP_SUFFIX = ".cardlint-tmp"

CHANGED = "the file changed on disk after it was read"
LOCKED = "another program holds a lock on the file; run --fix again when it is done"

_DEFERRED = ("SIGINT", "SIGTERM", "SIGHUP")
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold off SIGINT, SIGTERM and SIGHUP until the block ends, then act on the first one
    that arrived, as its handler would have. Signals the process ignores stay ignored.

    Python runs signal handlers in the main thread only; in another thread this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: Any) -> None:
        received.append(signum)

    previous: dict[int, Any] = {}
    try:
        for name in _DEFERRED:
            number = getattr(signal, name, None)
            if number is None or signal.getsignal(number) == signal.SIG_IGN:
                continue
            previous[number] = signal.signal(number, hold)
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if received:
            signal.raise_signal(received[0])


def replace_checked(path: str, expected: bytes, data: bytes) -> str | None:
    """Replace the file at ``path`` (through a symbolic link, the file it names) with ``data``
    if it still holds ``expected``, keeping its mode (and owner, where allowed). Returns why it
    did not, or ``None``. See the module docstring for what is checked, and when."""
    target = os.path.realpath(path)
    with signals_deferred():
        try:
            stream = open(target, "rb", buffering=0)  # noqa: SIM115 (closed early on Windows)
        except OSError as exc:
            return f"cannot read the file again: {exc.strerror or exc}"
        with stream:  # closing releases the lock
            return _replace_open(target, stream, expected, data)


def _replace_open(target: str, stream: IO[bytes], expected: bytes, data: bytes) -> str | None:
    handle = stream.fileno()
    try:
        info = os.fstat(handle)
        if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
            target, os.W_OK
        ):
            return "the file is read-only"
        if info.st_nlink > 1:
            return (
                f"the file has {info.st_nlink} hard links and replacing it would leave the "
                "other names with the old text; apply the fixes by hand (--diff shows them)"
            )
        if not _lock(handle):
            return LOCKED
        if _changed(target, handle, info, expected):
            return CHANGED
    except OSError as exc:
        return f"cannot read the file again: {exc.strerror or exc}"
    directory, name = os.path.split(target)
    try:
        temp = _temporary(directory, name, lambda out: out.write(data), info)
    except OSError as exc:
        return f"cannot create a temporary file in {directory or '.'}: {exc.strerror or exc}"
    try:
        try:
            # The last look, then the rename: nothing else runs in between.
            if _changed(target, handle, info, expected):
                return CHANGED
            if os.name == "nt":  # Windows renames nothing over a file open without sharing
                stream.close()
            os.replace(temp, target)
        except OSError as exc:
            return f"cannot write the file: {exc.strerror or exc}"
    finally:
        with contextlib.suppress(OSError):  # gone after a successful rename
            os.unlink(temp)
    if stream.closed:
        return None
    # Text written into the old file since the last look lost its name with the rename.
    late = _read(handle, len(expected) + 1)
    if late != expected:
        _put_back(target, handle, data, info)
        return CHANGED
    return None


def _lock(handle: int) -> bool:
    """Take an exclusive advisory lock without waiting; ``False`` when another holds one."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no advisory locks to honour
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks: the checks below still apply
        return True
    return True


def _changed(target: str, handle: int, info: os.stat_result, expected: bytes) -> bool:
    """Whether ``target`` is no longer the open file, or the file no longer holds ``expected``."""
    try:
        now = os.stat(target)
    except OSError:
        return True
    if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
        return True
    return _read(handle, len(expected) + 1) != expected


def _read(handle: int, limit: int | None = None) -> bytes:
    """Up to ``limit`` bytes (all, for ``None``) from the start of the open file, with
    ``pread``: the file position is never used."""
    parts: list[bytes] = []
    offset = 0
    pread = getattr(os, "pread", None)
    if pread is None:  # Windows: the file position is ours alone here
        os.lseek(handle, 0, os.SEEK_SET)
    while limit is None or offset < limit:
        size = 1 << 20 if limit is None else limit - offset
        part = os.read(handle, size) if pread is None else pread(handle, size, offset)
        if not part:
            break
        parts.append(part)
        offset += len(part)
    return b"".join(parts)


def _put_back(target: str, handle: int, ours: bytes, info: os.stat_result) -> None:
    """Give the old file's text, as another writer left it, its name back (unless the file at
    ``target`` is no longer the one just written)."""
    theirs = _read(handle)
    try:
        with open(target, "rb") as current:
            if current.read(len(ours) + 1) != ours:
                return
        temp = _temporary(*os.path.split(target), lambda stream: stream.write(theirs), info)
        try:
            os.replace(temp, target)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    except OSError:
        return


def _temporary(
    directory: str,
    name: str,
    produce: Callable[[IO[bytes]], Any],
    info: os.stat_result | None,
    *,
    new_mode: int = 0o666,
    sync: bool = True,
) -> str:
    """A new file next to ``name`` holding what ``produce`` writes, flushed to disk (unless
    not ``sync``), with the mode (and owner, where allowed) of ``info``, or for ``None``
    ``new_mode`` less the umask."""
    # Created for us alone (0600) when it will copy a mode; else as a new file, by the umask.
    mode = 0o600 if info is not None else new_mode
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC | _NOFOLLOW
    for _ in range(100):
        temp = os.path.join(directory, f".{name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
        try:
            fd = os.open(temp, flags, mode)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(f"no free temporary name in {directory or '.'}")
    try:
        with os.fdopen(fd, "wb") as stream:
            produce(stream)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        if info is not None:
            os.chmod(temp, stat.S_IMODE(info.st_mode))
            with contextlib.suppress(OSError):  # keeping the owner needs privileges we may lack
                os.chown(temp, info.st_uid, info.st_gid)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def replace_output(
    path: str, produce: Callable[[IO[bytes]], Any], *, new_mode: int = 0o666, sync: bool = True
) -> None:
    """Write a report to ``path`` atomically: ``produce`` writes it to a temporary file that
    then replaces ``path``. A symbolic link at ``path`` is replaced, never followed; an
    existing file's mode is kept, a new file gets ``new_mode`` less the umask. Raises
    ``OSError``; on any failure ``path`` is untouched.

    ``sync=False`` skips the ``fsync``: for a file whose loss costs only time (the cache),
    where a crash may leave it empty or old but never half-replaced while cardlint runs."""
    directory, name = os.path.split(path)
    with signals_deferred():
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            info = None
        keep = info if info is not None and stat.S_ISREG(info.st_mode) else None
        temp = _temporary(directory, name, produce, keep, new_mode=new_mode, sync=sync)
        try:
            os.replace(temp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
