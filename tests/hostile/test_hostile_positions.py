"""Issue 15, items 14 and 15: positions in text that starts with U+FEFF and in UTF-16/UTF-32.

- libyaml drops a byte order mark at the start of its input without counting it: every
  position after it was one to the left, ``--fix`` abandoned its fixes and the language
  server's quick fix wrote ``risk_rating:Highh``. Positions now count it, and quick fixes are
  verified as ``--fix`` verifies what it writes.
- P003 (bytes that cannot be decoded) in a UTF-16 or UTF-32 file gave columns counted from a
  UTF-8 decode (3:78 or 3:156 where 3:40 is right).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cardlint import lint_text
from cardlint.check.engine import check_bytes, check_text
from cardlint.fixing.fixer import fix_result, single_fix_problem
from helpers import run_cli
from lsp_client import LspClient

PREFIX = 'intended_uses:\n  purpose_of_model: ok\n  risk_rating: "' + "x" * 23
BAD_UNITS = {
    "utf-16-le": (b"\xff\xfe", b"\x00\xd8A\x00"),  # a high surrogate, then no low one
    "utf-16-be": (b"\xfe\xff", b"\xd8\x00\x00A"),
    "utf-32-le": (b"\xff\xfe\x00\x00", b"\x00\x00\x11\x00"),  # beyond U+10FFFF
    "utf-32-be": (b"\x00\x00\xfe\xff", b"\x00\x11\x00\x00"),
}


@pytest.mark.parametrize("encoding", sorted(BAD_UNITS))
def test_p003_columns_count_characters_in_utf16_and_utf32(encoding: str) -> None:
    bom, bad = BAD_UNITS[encoding]
    data = bom + PREFIX.encode(encoding) + bad + '"\n'.encode(encoding)
    [d] = check_bytes(data, "model-card.yaml").diagnostics
    width = 2 if "16" in encoding else 4
    offset = len(bom) + len(PREFIX) * width
    assert (d.code, d.span.line, d.span.column, d.span.end_column) == ("P003", 3, 40, 41)
    assert d.message.endswith(f"at byte offset {offset}")
    assert d.message.startswith(f"cannot decode as {encoding.upper()}: byte 0x")


def test_p003_column_through_the_command(tmp_path: Path) -> None:
    bom, bad = BAD_UNITS["utf-16-le"]
    (tmp_path / "model-card.yaml").write_bytes(
        bom + PREFIX.encode("utf-16-le") + bad + '"\n'.encode("utf-16-le")
    )
    proc = run_cli("check", "--no-cache", "--format", "concise", "model-card.yaml", cwd=tmp_path)
    assert proc.stdout == (
        "model-card.yaml:3:40: P003 cannot decode as UTF-16-LE: byte 0x00 at byte offset 156\n"
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("\ufeffintended_uses:\n  risk_rating: high\n  x: 1\n", [("S002", 2, 16), ("S004", 3, 3)]),
        ("\ufeffintended_uses: {risk_rating: high}\n", [("S002", 1, 31)]),
        ("\ufeff# c\nintended_uses:\n  risk_rating: high\n", [("S002", 3, 16)]),
    ],
)
def test_yaml_text_starting_with_a_byte_order_mark_is_placed_exactly(
    text: str, where: list[tuple[str, int, int]]
) -> None:
    found = [(d.code, d.span.line, d.span.column) for d in lint_text(text, filename="c.yaml")]
    assert found == where
    s002 = next(d for d in check_text(text, "c.yaml").diagnostics if d.code == "S002")
    assert text[s002.span.start : s002.span.end] == "high"


def test_fix_of_a_file_with_two_byte_order_marks(tmp_path: Path) -> None:
    card = tmp_path / "model-card.yaml"
    card.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbfintended_uses:\n  risk_rating: high\n")
    proc = run_cli("check", "--fix", "--no-cache", "model-card.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert card.read_bytes() == b"\xef\xbb\xbf\xef\xbb\xbfintended_uses:\n  risk_rating: High\n"
    text = "\ufeffintended_uses: {risk_rating: high}\n"
    assert fix_result(check_text(text, "c.yaml")).text == text.replace("high", "High")


def test_a_quick_fix_is_verified_as_fix_verifies() -> None:
    text = "intended_uses:\n  risk_rating: high\n  purpose_of_model: p\n"
    result = check_text(text, "c.yaml")
    [s002] = [d for d in result.diagnostics if d.code == "S002"]
    assert single_fix_problem(result, s002) is None
    assert s002.fix is not None
    # An edit that reaches into the next line: it would change another value.
    [edit] = s002.fix.edits
    wide = edit._replace(span=edit.span._replace(end=edit.span.end + 3))
    bad = s002._replace(fix=s002.fix._replace(edits=(wide,)))
    assert single_fix_problem(result, bad) == (
        "the fixed text would not parse: mapping values are not allowed in this context: "
        'a value holding ": " must be quoted, as in risk_rating: "Highpurpose_of_model: p"'
    )


def test_the_language_server_quick_fix_in_text_starting_with_a_byte_order_mark(
    tmp_path: Path,
) -> None:
    pytest.importorskip("pygls")
    uri = (tmp_path / "model-card.yaml").as_uri()
    client = LspClient(cwd=tmp_path)
    try:
        client.initialize(workspace={"workspaceEdit": {"documentChanges": True}})
        client.open(uri, "\ufeffintended_uses:\n  risk_rating: high\n")
        actions = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": {
                    "start": {"line": 1, "character": 16},
                    "end": {"line": 1, "character": 16},
                },
                "context": {"diagnostics": [], "only": ["quickfix"]},
            },
        )
        fixes = [a for a in actions if a["title"].endswith("(S002)")]
        [change] = fixes[0]["edit"]["documentChanges"]
        assert change["edits"] == [
            {
                "range": {
                    "start": {"line": 1, "character": 15},
                    "end": {"line": 1, "character": 19},
                },
                "newText": "High",
            }
        ]
        assert client.stop() == 0
    finally:
        client.close()
