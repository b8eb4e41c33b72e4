"""Big input: a 5 MB single-line string keeps messages short; files over the size cap are
reported (P009) without being read."""

from __future__ import annotations

import json
import os

import pytest

from cardlint import lint_text
from helpers import run_cli

FIVE_MB = 5_000_000


def test_5mb_string_values_and_keys_keep_messages_short() -> None:
    text = (
        '{"intended_uses": {"risk_rating": "' + "x" * FIVE_MB + '"}, '
        '"model_overview": {"model_creator": "' + "y" * FIVE_MB + '\\u0007", '
        '"' + "k" * FIVE_MB + '": 1}}'
    )
    found = lint_text(text, filename="card.json")
    codes = {d.code for d in found}
    assert {"S002", "S004", "S005", "P014"} <= codes
    for d in found:
        assert len(d.message) <= 200, (d.code, d.message[:300])
    [s002] = [d for d in found if d.code == "S002"]
    assert s002.message == (
        'risk_rating "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" '
        "(5000000 characters) is not one of High, Medium, Low, Unknown"
    )
    assert (s002.span.line, s002.span.column) == (1, 35)


def test_5mb_yaml_plain_scalar(tmp_path) -> None:
    card = tmp_path / "model-card.yaml"
    card.write_text("intended_uses:\n  risk_rating: " + "x" * FIVE_MB + "\n")
    proc = run_cli("check", "--format", "json", str(card))
    assert proc.returncode == 1
    assert len(proc.stdout) < 10_000  # the value is never echoed
    [d] = [d for d in json.loads(proc.stdout)["diagnostics"] if d["code"] == "S002"]
    assert (d["line"], d["column"], d["end_column"]) == (2, 16, 16 + FIVE_MB)
    assert len(d["message"]) < 200


def test_over_the_size_cap_is_p009(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_bytes(b"{" + b" " * 2000 + b"}")
    proc = run_cli("check", "-q", "--max-file-size", "1000", str(card))
    assert proc.returncode == 1
    assert proc.stdout == (
        f"{card}:1:1: P009 file is 2,002 bytes; the limit is 1,000 bytes (--max-file-size)\n"
    )


def test_default_cap_is_10_mib(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    card.write_bytes(b" " * (10 * 1024 * 1024 + 1))
    proc = run_cli("check", "-q", str(card))
    assert proc.stdout == (
        f"{card}:1:1: P009 file is 10,485,761 bytes; the limit is 10,485,760 bytes "
        "(--max-file-size)\n"
    )


def test_huge_sparse_file_is_not_read(tmp_path) -> None:
    card = tmp_path / "model-card.json"
    with open(card, "wb") as handle:
        try:
            handle.truncate(64 * 1024**3)  # 64 GiB, sparse: reading it would never finish
        except OSError:
            pytest.skip("file system without sparse files")
    proc = run_cli("check", "-q", str(card))
    assert proc.returncode == 1
    assert proc.stdout == (
        f"{card}:1:1: P009 file is 68,719,476,736 bytes; the limit is 10,485,760 bytes "
        "(--max-file-size)\n"
    )


def test_endless_stdin_is_cut_at_the_cap() -> None:
    proc = run_cli(
        "check",
        "-q",
        "--max-file-size",
        "100",
        "--stdin-filename",
        "c.json",
        "-",
        stdin=b"{" + b" " * 5000 + b"}",
    )
    assert proc.returncode == 1
    assert proc.stdout == (
        "c.json:1:1: P009 input is larger than the limit of 100 bytes (--max-file-size)\n"
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_named_explicitly_is_cut_at_the_cap() -> None:
    proc = run_cli("check", "-q", "--max-file-size", "1000", "/dev/zero")
    assert proc.returncode == 1
    assert proc.stdout.startswith("/dev/zero:1:1: P009 file is 1,001 bytes")


def test_unsaved_text_over_the_cap_is_p009_counted_in_utf8_bytes() -> None:
    from cardlint.check.engine import check_text_limited
    from cardlint.core.settings import Limits, Settings

    settings = Settings(limits=Limits(max_file_size=20))
    text = '{"a": "' + "é" * 7 + '"}'  # 16 characters, 23 bytes in UTF-8
    [p009] = check_text_limited(text, "model-card.json", settings).diagnostics
    assert (p009.code, p009.message) == (
        "P009",
        "file is 23 bytes; the limit is 20 bytes (--max-file-size)",
    )
    assert (p009.span.line, p009.span.column) == (1, 1)
    small = '{"a": "' + "é" * 6 + '"}'  # 21 bytes: one over
    assert [d.code for d in check_text_limited(small, "model-card.json", settings).diagnostics] == [
        "P009"
    ]
    fits = '{"a": "' + "e" * 11 + '"}'  # 20 bytes
    assert "P009" not in {
        d.code for d in check_text_limited(fits, "model-card.json", settings).diagnostics
    }
