"""The CI examples run: every ``cardlint`` command in examples/ci works and writes what the CI
system reads (GitLab's report files, the SARIF file for upload)."""

from __future__ import annotations

import json
import shlex
import xml.etree.ElementTree as ET

import yaml

from conftest import EXAMPLES, run_cli

CARD = "intended_uses:\n  risk_rating: high\n"


def _commands(name: str) -> list[list[str]]:
    data = yaml.safe_load((EXAMPLES / "ci" / name).read_text())
    lines: list[str] = []
    if "jobs" in data:
        for job in data["jobs"].values():
            lines.extend(step["run"] for step in job["steps"] if "run" in step)
    else:
        for job in data.values():
            lines.extend(job["script"])
    return [shlex.split(line)[1:] for line in lines if line.startswith("cardlint ")]


def test_github_actions_example(tmp_path):
    (tmp_path / "model-card.yaml").write_text(CARD)
    annotate, sarif = _commands("github-actions.yml")
    proc = run_cli(*annotate, cwd=tmp_path)
    assert proc.returncode == 1  # the step fails the job, after annotating
    assert proc.stdout.startswith("::error file=model-card.yaml,line=2,col=16,")
    proc = run_cli(*sarif, cwd=tmp_path)
    assert proc.returncode == 0  # --exit-zero: the upload step still runs
    log = json.loads((tmp_path / "cardlint.sarif").read_text())
    assert log["runs"][0]["results"][0]["ruleId"] == "S002"


def test_gitlab_ci_example_writes_the_reports_it_declares(tmp_path):
    (tmp_path / "model-card.yaml").write_text(CARD)
    data = yaml.safe_load((EXAMPLES / "ci" / "gitlab-ci.yml").read_text())
    reports = data["cardlint"]["artifacts"]["reports"]
    codes = [run_cli(*command, cwd=tmp_path).returncode for command in _commands("gitlab-ci.yml")]
    assert codes == [0, 1]
    [issue] = json.loads((tmp_path / reports["codequality"]).read_text())
    assert (issue["check_name"], issue["location"]["path"]) == ("S002", "model-card.yaml")
    junit = ET.parse(tmp_path / reports["junit"]).getroot()
    assert junit.get("failures") == "1"
