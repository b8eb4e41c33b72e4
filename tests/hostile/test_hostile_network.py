"""A user-supplied --schema whose $ref points at a URL: S010, and no connection is tried."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap

import pytest

from cardlint import lint_text
from cardlint.core.settings import Settings
from helpers import run_cli

REMOTE = "https://example.com/evil-schema.json"
METADATA = "http://169.254.169.254/latest/meta-data/"


def schema_file(tmp_path, ref: str):
    path = tmp_path / "schema.json"
    path.write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "properties": {"model_overview": {"$ref": ref}},
            }
        )
    )
    return path


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to resolve a name or open a connection is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


@pytest.mark.parametrize("ref", [REMOTE, METADATA, "other-file.json", "file:///etc/passwd"])
def test_remote_ref_is_s010_in_process(tmp_path, no_network, ref: str) -> None:
    schema = str(schema_file(tmp_path, ref))
    found = lint_text(
        '{"model_overview": {"model_creator": "x"}}',
        filename="card.json",
        schema=schema,
        settings=Settings(schema=schema),
    )
    assert [(d.code, d.pointer, d.span.line, d.span.column) for d in found] == [("S010", "", 1, 1)]
    assert found[0].message == (
        f'$ref "{ref}" cannot be resolved offline (cardlint never fetches schemas)'
    )
    assert no_network == []


SITECUSTOMIZE = textwrap.dedent(
    """
    import os, socket

    def _refuse(*args, **kwargs):
        with open(os.environ["CARDLINT_NET_LOG"], "a") as log:
            log.write(repr(args) + "\\n")
        raise OSError("network access attempted")

    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.getaddrinfo = _refuse
    socket.create_connection = _refuse
    """
)


def test_remote_ref_is_s010_with_sockets_blocked_in_a_subprocess(tmp_path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "network.log"
    card = tmp_path / "model-card.json"
    card.write_text('{"model_overview": {"model_creator": "x"}}')
    schema = schema_file(tmp_path, REMOTE)
    proc = run_cli(
        "check",
        "-q",
        "--schema",
        str(schema),
        str(card),
        env={"PYTHONPATH": str(hook), "CARDLINT_NET_LOG": str(log)},
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == (
        f'{card}:1:1: S010 $ref "{REMOTE}" cannot be resolved offline '
        "(cardlint never fetches schemas)\n"
    )
    assert not log.exists()
    # The hook is live: the same environment does catch a process that tries to connect.
    env = {**os.environ, "PYTHONPATH": str(hook), "CARDLINT_NET_LOG": str(log)}
    code = (
        "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9))\n"
        "except OSError:\n    pass"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert log.exists()
