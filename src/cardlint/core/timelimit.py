"""The per-file time limit: a file that takes longer than ``Limits.max_seconds`` to check is
stopped and reported (P015), so that one hostile file cannot hold up a CI run.

Every step is linear in the (capped) size of a file, but a 10 MB card can still hold a million
defects, and reporting each takes time. The limit uses ``SIGALRM``, so it applies where
signals do (POSIX, in the main thread: the CLI, its worker processes and the language server,
whose handlers run there); elsewhere, for example in a thread of a program using the Python
API, files are checked without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class FileTimeout(BaseException):
    """Raised inside the check when the time is up. A ``BaseException``, so that the guard
    around each rule (``except Exception``) does not turn it into an internal error."""


def _expired(signum: int, frame: FrameType | None) -> None:
    raise FileTimeout


def _can_use_alarm() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # nobody else's timer is running
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`FileTimeout` in the block once ``seconds`` have passed (0: no limit).

    >>> with time_limit(5):
    ...     pass
    """
    if seconds <= 0 or not _can_use_alarm():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
