"""``--format sarif``: valid SARIF 2.1.0, UTF-16 columns, relative URIs, rules, fixes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from cardlint.check.engine import check_text
from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Edit, Fix, Severity
from cardlint.core.span import Span
from cardlint.report import ReportOptions, write_report
from cardlint.rules import REGISTRY
from helpers import ROOT, run_cli

SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


def validate(log: dict) -> None:
    """Validate against the official schema, offline (it references only its own draft)."""
    cls = jsonschema.validators.validator_for(SARIF_SCHEMA)
    cls.check_schema(SARIF_SCHEMA)
    cls(SARIF_SCHEMA).validate(log)


def sarif(results: list[FileResult]) -> dict:
    out = io.StringIO()
    write_report("sarif", results, out, ReportOptions())
    return json.loads(out.getvalue())


def test_examples_output_is_valid_sarif_with_relative_uris():
    proc = run_cli("check", "--format", "sarif", "examples", cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    log = json.loads(proc.stdout)
    validate(log)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == (
        "cardlint",
        "https://github.com/cardlint/cardlint",
    )
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert "examples/bad/acceptance-model-card.json" in uris
    assert all(not uri.startswith(("/", "file:")) for uri in uris)
    first = run["results"][0]
    assert first["ruleId"] == "S004"
    assert first["level"] == "warning"  # one standalone-only key under --schema auto
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 4,
        "startColumn": 5,
        "endLine": 4,
        "endColumn": 18,
    }
    assert driver["rules"][first["ruleIndex"]]["id"] == "S004"


def test_rules_array_describes_every_rule():
    rules = sarif([])["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(REGISTRY)
    s002 = next(r for r in rules if r["id"] == "S002")
    assert s002["name"] == REGISTRY["S002"].name
    assert s002["shortDescription"]["text"] == REGISTRY["S002"].summary
    assert s002["fullDescription"]["text"] == REGISTRY["S002"].doc
    assert s002["help"]["text"].endswith("More: cardlint explain S002")
    assert s002["defaultConfiguration"] == {"level": "error"}


def test_columns_count_utf16_code_units():
    text = 'intended_uses: {purpose_of_model: "😀😀", risk_rating: high}\n'
    result = check_text(text, "card.yaml")
    assert [(d.code, d.span.column, d.span.end_column) for d in result.diagnostics] == [
        ("S002", 54, 58)
    ]
    log = sarif([result])
    validate(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    # each emoji is one character but two UTF-16 code units
    assert (region["startColumn"], region["endColumn"]) == (56, 60)
    assert log["runs"][0]["columnKind"] == "utf16CodeUnits"


def test_absolute_uri_outside_working_directory(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    outside = tmp_path / "other dir" / "card.yaml"
    result = check_text("intended_uses:\n  risk_rating: high\n", str(outside))
    log = sarif([result])
    validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": Path(outside).as_uri()}


def test_fixes_become_replacements():
    span = Span(2, 16, 2, 20, 30, 34)
    fix = Fix("safe", 'replace "high" with "High"', (Edit(span, "High"),))
    diagnostic = Diagnostic("card.yaml", "S002", Severity.ERROR, "bad", "/a", span, fix)
    log = sarif([FileResult("card.yaml", (diagnostic,))])
    validate(log)
    assert log["runs"][0]["results"][0]["fixes"] == [
        {
            "description": {"text": 'replace "high" with "High"'},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "card.yaml"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 2,
                                "startColumn": 16,
                                "endLine": 2,
                                "endColumn": 20,
                            },
                            "insertedContent": {"text": "High"},
                        }
                    ],
                }
            ],
        }
    ]


@pytest.mark.parametrize(("severity", "level"), [("warning", "warning"), ("info", "note")])
def test_levels(severity, level):
    d = Diagnostic("c.json", "S002", Severity(severity), "m", "", Span(1, 1, 1, 2, 0, 1))
    log = sarif([FileResult("c.json", (d,))])
    validate(log)
    result = log["runs"][0]["results"][0]
    assert result["level"] == level
    assert "logicalLocations" not in result["locations"][0]
