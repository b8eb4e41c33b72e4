"""The language server's reader: Language Server Protocol frames, checked before pygls sees them.

pygls reads ``Content-Length: N`` and then N bytes at once, trusting N: a length of 10^14 makes
it allocate the body up front (MemoryError), and a missing, malformed or wrong length leaves it
reading headers from the middle of a body, so every later message is lost.
:class:`FrameReader` stands between standard input and pygls and hands it only well-formed
frames:

- a header block is at most :data:`MAX_HEADER_BYTES`; ``Content-Length`` is required, decimal,
  and at most :data:`MAX_FRAME_BYTES` (the size cap of a card, with room for JSON escapes);
- a frame that breaks a rule is dropped, with one line on standard error (the editor's log),
  and reading goes on at the next ``Content-Length`` header: the messages after it are served;
- a length that runs past the next header (the body is not JSON and holds a
  ``Content-Length:`` header) is cut there, so the next message is not swallowed.

Memory stays bounded by the frame cap whatever arrives.
"""

from __future__ import annotations

import json
import re
import sys
from typing import BinaryIO, TextIO

MAX_FRAME_BYTES = 64 * 1024 * 1024
"""The largest message body taken (a 10 MB card, JSON-escaped, fits several times)."""

MAX_HEADER_BYTES = 8 * 1024
"""The largest header block taken (LSP headers are two short lines)."""

_CHUNK = 64 * 1024
_HEADER = re.compile(rb"content-length[ \t]*:", re.IGNORECASE)
_FIELD = re.compile(rb"[ \t]*[A-Za-z0-9-]+[ \t]*:[^\r\n]*\r?")
_END_OF_HEADERS = re.compile(rb"\r?\n\r?\n")
_TOKEN = len(b"content-length:")  # bytes kept back: the start of a header split by a read


class FrameReader:
    """A binary stream for pygls (``readline`` and ``read``) that yields only frames of the
    form ``Content-Length: N\\r\\n\\r\\n`` + N bytes, read robustly from ``raw``."""

    def __init__(self, raw: BinaryIO, log: TextIO | None = None) -> None:
        self._raw = raw
        self._log = log if log is not None else sys.stderr
        self._pending = bytearray()  # raw input not yet framed
        self._out = bytearray()  # clean frames not yet taken by pygls
        self._eof = False
        self._dropping = False  # inside a run of discarded input (said once)

    # -- what pygls calls ----------------------------------------------------------------

    def readline(self) -> bytes:
        while b"\n" not in self._out and self._next_frame():
            pass
        end = self._out.find(b"\n")
        return self._take(len(self._out) if end < 0 else end + 1)

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self._out) < size) and self._next_frame():
            pass
        return self._take(len(self._out) if size < 0 else min(size, len(self._out)))

    # -- framing -------------------------------------------------------------------------

    def _take(self, count: int) -> bytes:
        data = bytes(self._out[:count])
        del self._out[:count]
        return data

    def _fill(self) -> bool:
        """Read more raw input; False at the end of input."""
        if self._eof:
            return False
        read1 = getattr(self._raw, "read1", None)
        chunk = read1(_CHUNK) if read1 is not None else self._raw.read(_CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._pending += chunk
        return True

    def _drop(self, count: int, why: str) -> None:
        """Discard ``count`` pending bytes; say why once per run of discarded input."""
        dropped = bytes(self._pending[:count])
        del self._pending[:count]
        if why and dropped.strip() and not self._dropping:
            self._say(f"dropped {len(dropped):,} bytes of input: {why}")
        self._dropping = self._dropping or bool(why)

    def _say(self, message: str) -> None:
        try:
            self._log.write(f"cardlint lsp: {message}; reading on at the next header\n")
            self._log.flush()
        except (OSError, ValueError):
            pass

    def _next_frame(self) -> bool:
        """Move one well-formed frame to the output; False at the end of input."""
        while True:
            if not self._pending and not self._fill():
                return False
            end = self._end_of_headers()
            if end is None:
                if self._eof:
                    self._drop(len(self._pending), "the input ended inside a header")
                    return False
                # No header block ends within the cap: skip to the next header, if any.
                later = _HEADER.search(self._pending, 1, MAX_HEADER_BYTES)
                skip = later.start() if later else MAX_HEADER_BYTES - _TOKEN
                self._drop(skip, f"a header block longer than {MAX_HEADER_BYTES:,} bytes")
                continue
            header = _HEADER.search(self._pending, 0, end.start())
            if header is None:
                self._drop(end.end(), "no Content-Length header")
                continue
            line = self._pending.rfind(b"\n", 0, header.start()) + 1
            if self._pending[line : header.start()].strip():  # glued to what came before
                self._drop(header.start(), "no Content-Length header")
                continue
            before = bytes(self._pending[:line])
            if not all(_FIELD.fullmatch(row) for row in before.splitlines() if row.strip()):
                self._drop(line, "no Content-Length header")  # garbage ahead of the header
                continue
            length = _content_length(bytes(self._pending[: end.start()]))
            if length == 0:
                length = "Content-Length is 0"
            if isinstance(length, str):
                self._drop(end.end(), f"a message whose {length}")
                continue
            body_start = end.end()
            while len(self._pending) < body_start + length:
                if not self._fill():
                    self._drop(len(self._pending), "the input ended inside a message")
                    return False
            body = bytes(self._pending[body_start : body_start + length])
            cut = _overrun(body)
            if cut is not None:  # the length ran into the next message: keep that one
                self._drop(body_start + cut, "a message whose Content-Length runs past the next")
                continue
            del self._pending[: body_start + length]
            self._out += b"Content-Length: %d\r\n\r\n" % length + body
            self._dropping = False
            return True

    def _end_of_headers(self) -> re.Match[bytes] | None:
        """The blank line that ends the header block at the start of the pending input, read
        up to :data:`MAX_HEADER_BYTES`; None when there is none that early (or no input)."""
        while True:
            match = _END_OF_HEADERS.search(self._pending, 0, MAX_HEADER_BYTES + 4)
            if match is not None or len(self._pending) >= MAX_HEADER_BYTES + 4:
                return match
            if not self._fill():
                return None


def _content_length(headers: bytes) -> int | str:
    """The body length the headers give, or why the frame cannot be taken."""
    for line in headers.splitlines():
        name, sep, value = line.partition(b":")
        if not sep or name.strip().lower() != b"content-length":
            continue
        text = value.strip()
        if not text.isdigit():
            return "Content-Length is not a number"
        if len(text) > 20:
            return f"Content-Length {text[:20].decode()}… exceeds {MAX_FRAME_BYTES:,} bytes"
        length = int(text)
        if length > MAX_FRAME_BYTES:
            return f"Content-Length {length:,} exceeds {MAX_FRAME_BYTES:,} bytes"
        return length
    return "Content-Length header is malformed"


def _overrun(body: bytes) -> int | None:
    """Where the next frame's header starts inside ``body`` when the length was too long:
    only when the body holds a header and is not JSON as it stands."""
    match = _HEADER.search(body)
    if match is None:
        return None
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        line = body.rfind(b"\n", 0, match.start()) + 1
        return line if body[line : match.start()].strip() == b"" else match.start()
    return None
