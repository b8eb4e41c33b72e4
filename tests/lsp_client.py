"""A small JSON-RPC client that drives ``cardlint lsp`` over the real stdin/stdout of a process."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

WAIT = 60.0
"""Upper bound for one reply; a hang fails the test instead of blocking the run."""


def lsp_command() -> list[str]:
    exe = Path(sys.executable).with_name("cardlint")
    return [str(exe), "lsp"] if exe.exists() else [sys.executable, "-m", "cardlint", "lsp"]


class LspClient:
    """Speaks LSP base protocol (Content-Length framed JSON) to a child process."""

    def __init__(self, command: list[str] | None = None, cwd: Path | None = None) -> None:
        self.proc = subprocess.Popen(
            command or lsp_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env={**os.environ, "NO_COLOR": "1"},
        )
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._backlog: list[dict[str, Any]] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self._messages.put(json.loads(stream.read(length).decode("utf-8")))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"method": method, "params": params})

    def _next(self) -> dict[str, Any]:
        message = self._messages.get(timeout=WAIT)
        if message is None:
            raise EOFError("the server closed its output")
        if "method" in message and "id" in message:  # a request from the server
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: Any = None) -> Any:
        self._next_id += 1
        ident = self._next_id
        self.send({"id": ident, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == ident and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")
            self._backlog.append(message)

    def wait_for(self, method: str, uri: str | None = None) -> dict[str, Any]:
        """The params of the next notification ``method`` (for ``uri``), in arrival order."""
        for index, message in enumerate(self._backlog):
            if message.get("method") == method and _for(message, uri):
                del self._backlog[index]
                return message["params"]
        while True:
            message = self._next()
            if message.get("method") == method and _for(message, uri):
                return message["params"]
            self._backlog.append(message)

    def initialize(self, options: dict[str, Any] | None = None, **capabilities: Any) -> Any:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": None,
                "capabilities": capabilities,
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "yaml", version: int = 1) -> None:
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": version,
                    "text": text,
                }
            },
        )

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def stop(self) -> int:
        """Shut down politely and return the exit status."""
        self.request("shutdown")
        self.notify("exit")
        return self.wait_exit()

    def wait_exit(self) -> int:
        try:
            return self.proc.wait(timeout=WAIT)
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def _for(message: dict[str, Any], uri: str | None) -> bool:
    return uri is None or message.get("params", {}).get("uri") == uri


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to ``text``, as an editor would."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(position: dict[str, int]) -> int:
        line = position["line"]
        if line >= len(lines):
            return len(text)
        before = sum(len(item) for item in lines[:line])
        units, index, content = 0, 0, lines[line]
        while index < len(content) and units < position["character"]:
            units += 2 if ord(content[index]) > 0xFFFF else 1
            index += 1
        return before + index

    placed = sorted(
        ((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits),
        reverse=True,
    )
    for start, end, new in placed:
        text = text[:start] + new + text[end:]
    return text
