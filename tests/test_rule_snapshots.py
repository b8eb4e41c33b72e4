"""Per-rule snapshot tests, as ruff and cfn-lint keep them: every rule its failing and passing card.

Layout (see tests/rules/README.md)::

    tests/rules/<CODE>/fail.yaml        a card that breaks the rule (based on the rule's documented
    tests/rules/<CODE>/fail.json        ``Example (fails)::``, ``cardlint explain CODE``)
    tests/rules/<CODE>/pass.yaml        the same card, corrected: no finding at all
    tests/rules/<CODE>/pass.json
    tests/rules/<CODE>/fail.yaml.json   the snapshot: what ``cardlint check --format json``
    ...                                 reports for fail.yaml (code, severity, pointer, span,
                                        message, fix), in report order
    tests/rules/<CODE>/cardlint.toml    optional: the configuration the rule needs (an opt-in
                                        rule selected, a user-supplied schema)

A rule that only exists in one format has only that format's fixtures; a rule no card text can
trigger is in ``EXEMPT`` with the reason. Adding a rule without a folder or an exemption fails
``test_every_rule_has_fixtures_or_is_exempt``.

Every fixture goes through the installed ``cardlint`` in one run (the real command, the real
configuration discovery); the Python API (``cardlint.lint_text``) must agree with it on each card
that needs no configuration. A missing or different snapshot fails the test. After a deliberate
change of a message, a position or a fix, rewrite the snapshots and review the diff::

    CARDLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_rule_snapshots.py
    git diff tests/rules/
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest

from cardlint.rules import REGISTRY
from helpers import ROOT, run_cli

RULES = ROOT / "tests" / "rules"
UPDATE = os.environ.get("CARDLINT_UPDATE_SNAPSHOTS", "") not in ("", "0")

KINDS = ("fail", "pass")
FORMATS = ("yaml", "json")
FIXTURE_NAMES = tuple(f"{kind}.{fmt}" for kind in KINDS for fmt in FORMATS)

EXEMPT = {
    "P009": "file size: the cap is 10 MB, or --max-file-size, a flag no configuration file sets",
    "P015": "time: whether a file runs out of time depends on the machine",
    "P016": "value count: a card over the 200,000-value limit is a fixture of 400 KB or more",
    "X001": "an internal error is a bug in cardlint; no card text triggers it on purpose",
    "X002": "reported by --fix (a fix left out), not by a check",
    "X003": "an unreadable file (permissions), not card text",
}
"""Codes without a folder, and why (tests/rules/README.md says the same). Each is covered by
tests/test_rule_examples.py, which builds its input in code."""

ONE_FORMAT = {
    "P006": "yaml",  # tags
    "P007": "yaml",  # documents
    "P008": "yaml",  # aliases
    "P010": "yaml",  # keys that are not strings
    "P011": "yaml",  # merge keys
    "X004": "yaml",  # comments
    "Y001": "yaml",  # YAML 1.1 readings
    "Y002": "yaml",
    "P013": "json",  # YAML rejects a lone surrogate escape as a syntax error (P001)
}
"""Rules that only exist in one format; the others have fixtures in both."""

ADAPTED = {
    "P003": "the example describes the bytes; the fixture is those bytes",
    "P005": "the example describes the nesting; the fixture nests 100 levels",
    "P008": "the fixture's alias bomb sits inside custom_details (the example's is top level)",
    "P011": "the example's top-level `base` would add S004; the fixture merges a flow mapping",
    "P012": "the example elides the number; the fixture writes all 5,000 digits",
    "S005": "the example elides the text; the fixture writes it",
    "S007": "S3 URIs instead of the example's letters, which V003 would report eleven times",
    "S009": "the example is a description; the schema is the folder's schema.json",
    "S010": "the example is a command line; the schema comes from the folder's cardlint.toml",
    "V001": "spread over 120 custom_details of 1,000 characters, so that S005 stays quiet",
}
"""Failing fixtures that do not contain every line of the documented example, and why."""


def fixtures() -> list[Path]:
    return sorted(p for p in RULES.glob("*/*") if p.name in FIXTURE_NAMES)


def fixture_id(path: Path) -> str:
    return path.relative_to(RULES).as_posix()


def snapshot_entry(diagnostic: dict[str, Any]) -> dict[str, Any]:
    """What a snapshot keeps of one JSON-report diagnostic: everything but the file name."""
    keys = ("code", "severity", "pointer", "line", "column", "end_line", "end_column", "message")
    entry = {key: diagnostic[key] for key in keys}
    fix = diagnostic["fix"]
    entry["fix"] = (
        None
        if fix is None
        else {
            "applicability": fix["applicability"],
            "message": fix["message"],
            "edits": fix["edits"],
        }
    )
    return entry


@pytest.fixture(scope="module")
def report() -> dict[str, list[dict[str, Any]]]:
    """One run of the installed ``cardlint check --format json`` over every fixture, from
    tests/rules (so each folder's cardlint.toml is found as it would be for a user):
    fixture id → its diagnostics in report order."""
    names = [fixture_id(p) for p in fixtures()]
    proc = run_cli("check", "--format", "json", "--no-cache", "--", *names, cwd=RULES)
    assert proc.returncode == 1, proc.stderr
    document = json.loads(proc.stdout)
    assert sorted(f["file"] for f in document["files"]) == sorted(names)
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for diagnostic in document["diagnostics"]:
        found[diagnostic["file"]].append(snapshot_entry(diagnostic))
    return found


def codes(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [d["code"] for d in diagnostics]


@pytest.mark.parametrize("fixture", fixtures(), ids=fixture_id)
def test_findings_match_the_snapshot(fixture: Path, report: dict[str, list[dict[str, Any]]]):
    actual = report[fixture_id(fixture)]
    snapshot = fixture.with_name(fixture.name + ".json")
    if UPDATE:
        text = json.dumps(actual, indent=2, ensure_ascii=False) + "\n"
        if not snapshot.exists() or snapshot.read_text(encoding="utf-8") != text:
            snapshot.write_text(text, encoding="utf-8")
        return
    if not snapshot.exists():
        pytest.fail(
            f"no snapshot {fixture_id(snapshot)}; write it with CARDLINT_UPDATE_SNAPSHOTS=1 "
            "and review it"
        )
    expected = json.loads(snapshot.read_text(encoding="utf-8"))
    assert actual == expected, (
        f"{fixture_id(fixture)} reports something else than {snapshot.name}; if the change is "
        "deliberate, rewrite the snapshots with CARDLINT_UPDATE_SNAPSHOTS=1 and review the diff"
    )


@pytest.mark.parametrize("fixture", [p for p in fixtures() if p.stem == "fail"], ids=fixture_id)
def test_the_failing_card_breaks_its_rule(fixture: Path, report: dict[str, list[dict[str, Any]]]):
    found = codes(report[fixture_id(fixture)])
    assert fixture.parent.name in found, found


@pytest.mark.parametrize("fixture", [p for p in fixtures() if p.stem == "pass"], ids=fixture_id)
def test_the_passing_card_has_no_finding(fixture: Path, report: dict[str, list[dict[str, Any]]]):
    assert report[fixture_id(fixture)] == []


def api_fixtures() -> list[Path]:
    """Fixtures the Python API can take as text with default settings: UTF-8, no configuration."""
    return [
        p
        for p in fixtures()
        if not (p.parent / "cardlint.toml").exists() and p.parent.name != "P003"
    ]


@pytest.mark.parametrize("fixture", api_fixtures(), ids=fixture_id)
def test_the_python_api_agrees_with_the_command(
    fixture: Path, report: dict[str, list[dict[str, Any]]]
):
    """``cardlint.lint_text`` reports what the command reports (the fix edits aside)."""
    from cardlint import lint_text

    text = fixture.read_text(encoding="utf-8")
    found = [
        {
            "code": d.code,
            "severity": d.severity.value,
            "pointer": d.pointer,
            "line": d.span.line,
            "column": d.span.column,
            "end_line": d.span.end_line,
            "end_column": d.span.end_column,
            "message": d.message,
            "fix": None if d.fix is None else (d.fix.applicability, d.fix.message),
        }
        for d in lint_text(text, filename=fixture.name)
    ]
    expected = [
        {**d, "fix": None if d["fix"] is None else (d["fix"]["applicability"], d["fix"]["message"])}
        for d in report[fixture_id(fixture)]
    ]
    assert found == expected


def folders() -> list[Path]:
    return sorted(p for p in RULES.iterdir() if p.is_dir())


def test_every_rule_has_fixtures_or_is_exempt():
    have = {p.name for p in folders()}
    assert sorted(have - set(REGISTRY)) == [], "folders for codes that are not registered"
    assert sorted(have & set(EXEMPT)) == [], "exempt codes that have a folder"
    assert sorted(set(REGISTRY) - have - set(EXEMPT)) == [], (
        "registered rules with neither a folder in tests/rules/ nor an entry in EXEMPT"
    )


def test_the_readme_names_every_exemption_and_every_one_format_rule():
    readme = (RULES / "README.md").read_text(encoding="utf-8")
    for code in (*EXEMPT, *ONE_FORMAT):
        assert f"| {code} |" in readme, code


@pytest.mark.parametrize("folder", folders(), ids=lambda p: p.name)
def test_each_folder_has_a_failing_and_a_passing_card_per_format(folder: Path):
    formats = (ONE_FORMAT[folder.name],) if folder.name in ONE_FORMAT else FORMATS
    present = sorted(p.name for p in folder.iterdir() if p.name in FIXTURE_NAMES)
    assert present == sorted(f"{kind}.{fmt}" for kind in KINDS for fmt in formats)


@pytest.mark.parametrize("folder", folders(), ids=lambda p: p.name)
def test_each_folder_holds_nothing_stray(folder: Path):
    """Every file is a fixture, the snapshot of one, or named by the folder's cardlint.toml."""
    config = folder / "cardlint.toml"
    named = config.read_text(encoding="utf-8") if config.exists() else ""
    for path in folder.iterdir():
        name = path.name
        if name in FIXTURE_NAMES or name == "cardlint.toml":
            continue
        if name.endswith(".json") and name[: -len(".json")] in FIXTURE_NAMES:
            assert (folder / name[: -len(".json")]).exists(), f"snapshot without a card: {name}"
            continue
        assert f'"{name}"' in named, f"{folder.name}/{name} is neither a fixture nor used"


@pytest.mark.parametrize("folder", folders(), ids=lambda p: p.name)
def test_the_failing_card_is_the_documented_example(folder: Path):
    """Each literal line of ``Example (fails)::`` appears in a failing fixture, so the docs and
    the fixtures cannot drift apart (``ADAPTED`` lists the fixtures that cannot and why)."""
    code = folder.name
    if code in ADAPTED:
        return
    doc = REGISTRY[code].doc
    example = doc.split("Example (fails)::", 1)[1].split("Use instead::", 1)[0]
    cards = [
        (folder / name).read_text(encoding="utf-8")
        for name in ("fail.yaml", "fail.json")
        if (folder / name).exists()
    ]
    for line in textwrap.dedent(example).strip().splitlines():
        written = line.strip() if "# cardlint" in line else line.split("  #", 1)[0].strip()
        if written and written not in ("...", "- ..."):
            assert any(written in card for card in cards), (code, written)
