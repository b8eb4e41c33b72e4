"""``--format junit``: a testcase per file, a failure per error, read with an XML parser."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Severity
from cardlint.core.span import Span
from cardlint.report import ReportOptions, write_report
from helpers import run_cli

BAD = "model_overview:\n  model_creator: yes\nintended_uses:\n  risk_rating: high\n"
GOOD = "intended_uses:\n  risk_rating: High\n"


def test_testcase_per_file_failure_per_error(tmp_path):
    (tmp_path / "a-model-card.yaml").write_text(BAD)
    (tmp_path / "b-model-card.yaml").write_text(GOOD)
    proc = run_cli("check", "--format", "junit", ".", cwd=tmp_path)
    assert proc.returncode == 1
    root = ET.fromstring(proc.stdout)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("2", "2")
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["a-model-card.yaml", "b-model-card.yaml"]
    failures = cases[0].findall("failure")
    assert [(f.get("type"), f.text) for f in failures] == [
        (
            "Y001",
            "./a-model-card.yaml:2:18: Y001 model_creator is written yes, which YAML 1.1 reads as "
            'a boolean true; quote it ("yes") to keep the string',
        ),
        (
            "S002",
            './a-model-card.yaml:4:16: S002 risk_rating "high" is not one of High, Medium, Low, '
            'Unknown (did you mean "High"?)',
        ),
    ]
    assert failures[1].get("message", "").startswith('S002 risk_rating "high"')
    assert cases[1].findall("failure") == []


def _junit(diagnostics: tuple[Diagnostic, ...], fail_on: Severity = Severity.ERROR) -> ET.Element:
    out = io.StringIO()
    write_report("junit", [FileResult("c.json", diagnostics)], out, ReportOptions(fail_on=fail_on))
    return ET.fromstring(out.getvalue())


def test_warnings_are_output_not_failures_unless_fail_on_warning():
    span = Span(1, 1, 1, 2, 0, 1)
    d = (Diagnostic("c.json", "G001", Severity.WARNING, "placeholder", "", span),)
    case = _junit(d).find("testsuite/testcase")
    assert case is not None
    assert case.findall("failure") == []
    assert case.findtext("system-out") == "c.json:1:1: G001 [warning] placeholder"
    strict = _junit(d, Severity.WARNING)
    assert strict.get("failures") == "1"
    assert strict.find("testsuite/testcase/failure") is not None


def test_characters_xml_cannot_carry_are_spelled_out():
    span = Span(1, 1, 1, 2, 0, 1)
    message = "nul\x00 esc\x1b surrogate\udc80 nonchar\uffff"
    root = _junit((Diagnostic("c.json", "S001", Severity.ERROR, message, "", span),))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "S001 nul\\x00 esc\\x1b surrogate\\udc80 nonchar\\uffff"
