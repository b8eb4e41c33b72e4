"""Issue 15, items 5, 16 and 17: what cardlint prints cannot forge a line, break a parser or
name another resource.

- Every line on stdout and stderr escapes control characters, NEL, U+2028/U+2029 and the
  bidirectional controls in names, keys and values (findings, abandoned fixes, --show-fixes,
  usage errors); ``--diff`` quotes such paths as git does, and ``git apply`` takes the diff.
- Every machine format, with every control character in a key and in a file name, parses with
  a real parser (json, xml.etree, the SARIF schema).
- SARIF URIs of ``co:lon-model-card.json`` and of a directory ``c:`` are relative references
  (RFC 3986), read back with a URI parser.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import rfc3986
from rfc3986 import validators

from helpers import ROOT, run_cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs arbitrary file names")

# Everything a line a person reads must never carry raw.
HOSTILE = (
    [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u2028", "\u2029"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
FORGED = "x\n::error file=README.md,line=1::forged\n-model-card.yaml"


def valid_reference(uri: str) -> rfc3986.URIReference:
    """``uri`` parsed as an RFC 3986 reference; raises when a component is malformed."""
    reference = rfc3986.uri_reference(uri)
    checker = validators.Validator().check_validity_of("scheme", "host", "path", "query")
    checker.validate(reference)
    return reference


def raw_hostile(text: str) -> list[str]:
    return sorted({f"U+{ord(ch):04X}" for ch in text if ch in HOSTILE})


def printed_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return proc.stdout.split("\n") + proc.stderr.split("\n")


@posix_only
def test_a_forged_file_name_cannot_print_a_workflow_command_when_a_fix_is_not_written(
    tmp_path: Path,
) -> None:
    card = tmp_path / FORGED
    card.write_text("intended_uses:\n  risk_rating: high\n")
    card.chmod(0o444)  # the fix is abandoned: a message on stderr names the file
    proc = run_cli("check", "--fix", "--no-cache", FORGED, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert [line for line in printed_lines(proc) if line.startswith("::")] == []
    escaped = "x\\n::error file=README.md,line=1::forged\\n-model-card.yaml"
    assert f"{escaped}: fixes not written: the file is read-only\n" in proc.stderr
    assert f"{escaped}:1:1: X002 fixes not written: the file is read-only\n" in proc.stdout


@posix_only
@pytest.mark.parametrize("char", ["\n", "\r", "\x1b", "\x85", "\u2028", "\u202e", "\u2067"])
def test_every_printed_line_escapes_hostile_characters_in_names_and_keys(
    tmp_path: Path, char: str
) -> None:
    name = f"a{char}b-model-card.yaml"
    key = f"\\u{ord(char):04x}"  # a YAML escape: the key holds the character itself
    (tmp_path / name).write_text(f'intended_uses:\n  risk_rating: high\n  "k{key}": 1\n')
    escaped = "\\n" if char == "\n" else f"\\x{ord(char):02x}" if ord(char) < 0xA0 else ""
    escaped = escaped or f"\\u{ord(char):04x}"
    for args in (
        ("check", "--no-cache", "--show-source", "--format", "full"),
        ("check", "--no-cache", "--format", "concise"),
        ("check", "--no-cache", "--format", "github"),
        ("check", "--no-cache", "--fix", "--show-fixes", "--unsafe-fixes", "-v"),
    ):
        proc = run_cli(*args, name, cwd=tmp_path)
        assert proc.returncode == 1, (args, proc.stderr)
        printed = proc.stdout + proc.stderr
        assert raw_hostile(printed) == [], (args, printed)
        if "github" not in args:  # which spells a line break %0A, as the runner expects
            assert f"a{escaped}b-model-card.yaml:" in printed, (args, printed)
            assert 'unknown property "k\\' in printed, (args, printed)  # an escape follows
    assert (tmp_path / name).read_text().startswith("intended_uses:\n  risk_rating: High\n")


def test_a_usage_error_escapes_bidirectional_overrides() -> None:
    proc = run_cli("check", "evil\u202egnp.json")
    assert proc.returncode == 2
    assert proc.stderr == "cardlint: error: evil\\u202egnp.json: no such file or directory\n"


@posix_only
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    "name",
    [
        "tab\there-model-card.yaml",
        'quote"and\\back-model-card.yaml',
        "bidi\u202eevil-model-card.yaml",
        "line\nbreak-model-card.yaml",
    ],
)
def test_git_apply_takes_the_diff_of_a_file_with_a_hostile_name(tmp_path: Path, name: str) -> None:
    card = tmp_path / name
    card.write_text("intended_uses:\n  risk_rating: high\n")
    git = ["git", "-c", "core.quotepath=true"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    proc = run_cli("check", "--diff", "--no-cache", name, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    header = proc.stdout.splitlines()[:2]
    quoted = subprocess.run(
        [*git, "ls-files", "--others"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert quoted.startswith('"')  # git quotes the name itself
    assert header == [f"--- {quoted[0]}a/{quoted[1:]}", f"+++ {quoted[0]}b/{quoted[1:]}"]
    (tmp_path / "fix.patch").write_text(proc.stdout)
    applied = subprocess.run(
        [*git, "apply", "fix.patch"], cwd=tmp_path, capture_output=True, text=True
    )
    assert applied.returncode == 0, applied.stderr
    assert card.read_text() == "intended_uses:\n  risk_rating: High\n"


# -- every machine format parses, whatever the names and keys hold -----------------------

MACHINE = ["json", "json-lines", "sarif", "junit", "gitlab", "github"]
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


def hostile_tree(tmp_path: Path, chars: list[str]) -> None:
    """One card per character, named with it and holding a key with it."""
    for index, char in enumerate(chars):
        name = f"{index:02x}{char if char != '/' else ''}-model-card.json"
        key = f"k{char}"
        (tmp_path / name).write_text(json.dumps({"model_overview": {key: 1}}))


def parse_machine(fmt: str, text: str) -> list[str]:
    """The file names the output names, read with a real parser of the format."""
    if fmt == "json":
        return [d["file"] for d in json.loads(text)["diagnostics"]]
    if fmt == "json-lines":
        return [json.loads(line)["file"] for line in text.splitlines()]
    if fmt == "gitlab":
        return [issue["location"]["path"] for issue in json.loads(text)]
    if fmt == "sarif":
        log = json.loads(text)
        cls = jsonschema.validators.validator_for(SARIF_SCHEMA)
        errors = [e.message for e in cls(SARIF_SCHEMA).iter_errors(log)]
        assert errors == []
        uris = [
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]
        ]
        for uri in uris:
            valid_reference(uri)
        return uris
    if fmt == "junit":
        root = ET.fromstring(text.encode("utf-8"))
        return [case.get("name", "") for case in root.iter("testcase")]
    assert fmt == "github"
    lines = text.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    return lines


@posix_only
@pytest.mark.parametrize("fmt", MACHINE)
def test_every_machine_format_parses_with_every_control_character(tmp_path: Path, fmt: str) -> None:
    chars = [c for c in HOSTILE if c != "\x00"] + ["\t", "\n"]  # NUL cannot be in a file name
    hostile_tree(tmp_path, chars)
    proc = run_cli("check", "--no-cache", "--format", fmt, ".", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    names = parse_machine(fmt, proc.stdout)
    assert len(set(names)) >= len(chars), names
    if fmt in ("json", "json-lines", "gitlab"):  # the names read back exactly
        expected = {f"{i:02x}{c}-model-card.json" for i, c in enumerate(chars)}
        assert {n.removeprefix("./") for n in names} == expected
    if fmt == "sarif":
        decoded = {unquote(uri) for uri in names}
        assert decoded == {f"{i:02x}{c}-model-card.json" for i, c in enumerate(chars)}


@posix_only
@pytest.mark.parametrize("fmt", MACHINE)
def test_machine_formats_parse_with_a_name_that_is_not_utf8(tmp_path: Path, fmt: str) -> None:
    with open(os.fsencode(tmp_path) + b"/\x9b\xff-model-card.json", "wb") as handle:
        handle.write(b'{"model_overview": {"k\\u009b\\u007f": 1}}')
    proc = run_cli("check", "--no-cache", "--format", fmt, ".", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    names = parse_machine(fmt, proc.stdout)
    assert names
    if fmt in ("json", "json-lines"):
        assert os.fsencode(names[0]) == b"./\x9b\xff-model-card.json"


# -- SARIF URIs are relative references ---------------------------------------------------


@posix_only
# rfc3986's resolve_with calls its own deprecated is_valid: not ours to fix, and no reason to
# print a warning on every run.
@pytest.mark.filterwarnings("ignore:Please use rfc3986.validators.Validator:DeprecationWarning")
def test_sarif_uris_of_names_with_colons_are_relative_references(tmp_path: Path) -> None:
    (tmp_path / "co:lon-model-card.json").write_text("[]")
    (tmp_path / "c:").mkdir()
    (tmp_path / "c:" / "model-card.json").write_text("[]")
    proc = run_cli("check", "--no-cache", "--format", "sarif", ".", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    uris = sorted(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(proc.stdout)["runs"][0]["results"]
    )
    assert uris == ["c%3A/model-card.json", "co%3Alon-model-card.json"]
    for uri in uris:
        reference = valid_reference(uri)
        assert reference.scheme is None and reference.authority is None
        base = rfc3986.uri_reference(tmp_path.as_uri() + "/")
        resolved = reference.resolve_with(base)
        assert unquote(resolved.path) == f"{tmp_path}/{unquote(uri)}"
