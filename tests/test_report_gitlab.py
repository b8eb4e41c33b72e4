"""``--format gitlab``: GitLab Code Quality fields; fingerprints stable and unique."""

from __future__ import annotations

import json

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Severity
from cardlint.core.span import Span
from cardlint.report.gitlab import issues
from helpers import ROOT, run_cli

BAD = "intended_uses:\n  risk_rating: high\n"


def test_fields_gitlab_reads(tmp_path):
    (tmp_path / "model-card.yaml").write_text(BAD)
    proc = run_cli("check", "--format", "gitlab", "model-card.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    [issue] = json.loads(proc.stdout)
    fingerprint = issue.pop("fingerprint")
    assert len(fingerprint) == 32 and int(fingerprint, 16) >= 0
    assert issue == {
        "description": 'S002 risk_rating "high" is not one of High, Medium, Low, Unknown '
        '(did you mean "High"?)',
        "check_name": "S002",
        "severity": "major",
        "location": {"path": "model-card.yaml", "lines": {"begin": 2, "end": 2}},
    }


def test_fingerprints_stable_across_runs_and_unique():
    first = json.loads(run_cli("check", "--format", "gitlab", "examples", cwd=ROOT).stdout)
    second = json.loads(run_cli("check", "--format", "gitlab", "examples", cwd=ROOT).stdout)
    prints = [i["fingerprint"] for i in first]
    assert len(prints) > 10
    assert prints == [i["fingerprint"] for i in second]
    assert len(set(prints)) == len(prints)
    for issue in first:
        assert issue["location"]["path"].startswith("examples/")
        assert issue["location"]["lines"]["begin"] >= 1
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")


def test_fingerprint_survives_moved_lines_and_separates_twins(tmp_path):
    (tmp_path / "model-card.yaml").write_text(BAD)
    before = json.loads(run_cli("check", "--format", "gitlab", ".", cwd=tmp_path).stdout)
    (tmp_path / "model-card.yaml").write_text("# a comment above\n" + BAD)
    after = json.loads(run_cli("check", "--format", "gitlab", ".", cwd=tmp_path).stdout)
    assert after[0]["location"]["lines"]["begin"] == 3
    assert after[0]["fingerprint"] == before[0]["fingerprint"]
    twin = Diagnostic("c.json", "P002", Severity.WARNING, "dup", "/a", Span(1, 1, 1, 2, 0, 1))
    moved = Diagnostic("c.json", "P002", Severity.WARNING, "dup", "/a", Span(5, 1, 5, 2, 9, 10))
    found = issues([FileResult("c.json", (twin, moved))])
    assert found[0]["fingerprint"] != found[1]["fingerprint"]
    assert [i["severity"] for i in found] == ["minor", "minor"]
