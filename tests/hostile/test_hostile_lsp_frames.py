"""Issue 15, item 11: the language server survives malformed frames and keeps serving.

A subprocess speaks raw bytes to ``cardlint lsp``: a ``Content-Length`` of 10^14, one that is
not a number, a missing one, one too long and one too short, and garbage between frames. Each
broken frame is dropped (a line on stderr says so) and every well-formed request after it is
answered; the server then shuts down cleanly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")


def frame(body: bytes, length: int | str | None = None) -> bytes:
    size = len(body) if length is None else length
    return b"Content-Length: %s\r\n\r\n" % str(size).encode() + body


def request(ident: int, method: str = "cardlint/unknown", params: Any = None) -> bytes:
    message = {"jsonrpc": "2.0", "id": ident, "method": method, "params": params or {}}
    if method == "shutdown":
        del message["params"]
    return json.dumps(message).encode()


def notification(method: str) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "method": method, "params": {}}).encode()


def replies(data: bytes) -> list[dict[str, Any]]:
    """The messages of a well-formed stream of frames (the server's output)."""
    out = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        fields = dict(line.split(b":", 1) for line in head.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        out.append(json.loads(rest[:length]))
        data = rest[length:]
    return out


def serve(stream: bytes) -> tuple[int, list[dict[str, Any]], str, int]:
    """Run the server on ``stream``; exit status, replies, stderr, children's peak RSS in MB."""
    exe = Path(sys.executable).with_name("cardlint")
    script = (
        "import resource, subprocess, sys\n"
        "proc = subprocess.run(sys.argv[1:], stdin=sys.stdin, stdout=sys.stdout,"
        " stderr=sys.stderr)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "sys.stderr.write(f'\\nPEAK {peak}\\n')\n"
        "sys.exit(proc.returncode)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(exe), "lsp"],
        input=stream,
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    peak = int(stderr.rsplit("PEAK ", 1)[1])
    return proc.returncode, replies(proc.stdout), stderr, peak


INITIALIZE = request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
END = frame(request(99, "shutdown")) + frame(notification("exit"))


def answered(messages: list[dict[str, Any]]) -> list[int]:
    return sorted(m["id"] for m in messages if "id" in m and "method" not in m)


def test_a_huge_content_length_is_dropped_and_the_next_request_answered() -> None:
    stream = (
        frame(INITIALIZE)
        + frame(notification("initialized"))
        + frame(request(2), 10**14)
        + frame(request(3))
        + END
    )
    status, messages, stderr, peak = serve(stream)
    assert answered(messages) == [1, 3, 99], stderr
    assert status == 0, stderr
    assert "cardlint lsp: dropped 35 bytes of input: a message whose Content-Length " in stderr
    assert "100,000,000,000,000 exceeds 67,108,864 bytes" in stderr
    assert peak < 300, peak


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        (frame(request(4), "abc"), "Content-Length is not a number"),
        (frame(request(4), "-5"), "Content-Length is not a number"),
        (b"Content-Type: application/json\r\n\r\n" + request(4), "no Content-Length header"),
        (frame(request(4), len(request(4)) + 30), "Content-Length runs past the next"),
        (frame(request(4), len(request(4)) - 5), "no Content-Length header"),
        (b"garbage that is no header\r\n", "no Content-Length header"),
        (b"x" * 100_000, "a header block longer than 8,192 bytes"),
        (frame(b""), "Content-Length is 0"),
    ],
)
def test_a_broken_frame_loses_no_later_message(broken: bytes, reason: str) -> None:
    stream = (
        frame(INITIALIZE)
        + frame(notification("initialized"))
        + broken
        + frame(request(5))
        + frame(request(6))
        + END
    )
    status, messages, stderr, _ = serve(stream)
    assert answered(messages) == [1, 5, 6, 99], stderr
    assert status == 0, stderr
    assert reason in stderr
    errors = {m["id"]: m["error"]["code"] for m in messages if "error" in m}
    assert errors == {5: -32601, 6: -32601}  # method not found: they were read and answered


def test_headers_in_another_case_and_order_are_taken() -> None:
    body = request(7)
    odd = b"content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: %d\r\n\r\n"
    stream = frame(INITIALIZE) + odd % len(body) + body + END
    status, messages, stderr, _ = serve(stream)
    assert answered(messages) == [1, 7, 99], stderr
    assert "dropped" not in stderr
    assert status == 0


class Trickle:
    """A stream that hands out one byte per read, as a slow pipe may."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read1(self, size: int) -> bytes:
        head, self.data = self.data[:1], self.data[1:]
        return head


def test_the_reader_frames_input_that_arrives_a_byte_at_a_time() -> None:
    import io

    from cardlint.lsp.frames import FrameReader

    log = io.StringIO()
    stream = frame(request(1)) + frame(request(2), "x") + b"junk" + frame(request(3))
    reader = FrameReader(Trickle(stream), log)  # type: ignore[arg-type]
    got = []
    while line := reader.readline():
        assert line.startswith(b"Content-Length: ")
        assert reader.readline() == b"\r\n"
        got.append(json.loads(reader.read(int(line.split(b":")[1])))["id"])
    assert got == [1, 3]
    assert log.getvalue() == (
        "cardlint lsp: dropped 21 bytes of input: a message whose Content-Length is not a "
        "number; reading on at the next header\n"
    )
