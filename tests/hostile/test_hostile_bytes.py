"""Undecodable bytes and binary files: P003 naming the byte offset (and line:column)."""

from __future__ import annotations

import pytest

from cardlint.check.engine import check_bytes
from helpers import json_findings, run_cli

CASES = [
    # (data, line, column, message)
    (b'{"a": "caf\xe9"}', 1, 11, "cannot decode as UTF-8: byte 0xE9 at byte offset 10"),
    (
        '{\n  "é": "\xff"}'.encode("latin-1"),
        2,
        4,
        "cannot decode as UTF-8: byte 0xE9 at byte offset 5",
    ),
    (b'{"a": "\xc0\xaf"}', 1, 8, "cannot decode as UTF-8: byte 0xC0 at byte offset 7"),
    (b'{"a": "\xed\xa0\x80"}', 1, 8, "cannot decode as UTF-8: byte 0xED at byte offset 7"),
    (b"\x80", 1, 1, "cannot decode as UTF-8: byte 0x80 at byte offset 0"),
    (b'{"a": 1}\x00\x00', 1, 9, "binary file: NUL byte 0x00 at byte offset 8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, 1, "binary file: NUL byte 0x00 at byte offset 8"),
    (b"\xef\xbb\xbfa: 1\n\x00", 2, 1, "binary file: NUL byte 0x00 at byte offset 8"),
    # one character before the odd byte: column 2 (a UTF-8 decode of the two bytes said 3)
    (b'\xff\xfe{\x00"', 1, 2, "cannot decode as UTF-16-LE: byte 0x22 at byte offset 4"),
]


@pytest.mark.parametrize("filename", ["model-card.json", "model-card.yaml"])
@pytest.mark.parametrize(("data", "line", "column", "message"), CASES)
def test_undecodable_bytes_name_the_offset(data, line, column, message, filename) -> None:
    [d] = check_bytes(data, filename).diagnostics
    assert (d.code, d.pointer, d.span.line, d.span.column, d.message) == (
        "P003",
        "",
        line,
        column,
        message,
    )


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")],
)
def test_bom_marked_utf16_and_utf32_decode(encoding: str, bom: bytes) -> None:
    data = bom + '{"intended_uses": {"risk_rating": "high"}}'.encode(encoding)
    assert [(d.code, d.span.column) for d in check_bytes(data, "c.json").diagnostics] == [
        ("S002", 35)
    ]


def test_two_byte_order_marks() -> None:
    [d] = check_bytes(b"\xef\xbb\xbf\xef\xbb\xbf{}", "c.json").diagnostics
    assert (d.code, d.span.column, d.message) == (
        "P001",
        1,
        "unexpected byte order mark (U+FEFF): the text has two, or one in the middle",
    )


def test_cli_binary_file_and_stdin(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert json_findings(str(card)) == [("P003", "", 3, 1)]
    proc = run_cli("check", "-q", "--stdin-filename", "c.yaml", "-", stdin=b"a: \xfe\n")
    assert proc.returncode == 1
    assert proc.stdout == "c.yaml:1:4: P003 cannot decode as UTF-8: byte 0xFE at byte offset 3\n"
