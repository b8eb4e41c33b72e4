"""Reading a file's bytes under the size cap, the one way every front end reads a card."""

from __future__ import annotations

from typing import BinaryIO


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
