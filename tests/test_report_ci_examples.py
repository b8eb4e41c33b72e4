"""The CI examples run: every ``cardlint`` command in examples/ci works and writes what the CI
system reads (GitLab's report files, the SARIF file for upload)."""

from __future__ import annotations

import json
import shlex
import subprocess
import xml.etree.ElementTree as ET

import yaml

from helpers import EXAMPLES, run_cli

CARD = "intended_uses:\n  risk_rating: high\n"


def _script(name: str) -> list[str]:
    data = yaml.safe_load((EXAMPLES / "ci" / name).read_text())
    lines: list[str] = []
    if "jobs" in data:
        for job in data["jobs"].values():
            lines.extend(step["run"] for step in job["steps"] if "run" in step)
    else:
        for job in data.values():
            lines.extend(job["script"])
    return lines


def _commands(name: str, variables: dict[str, str] | None = None) -> list[list[str]]:
    out = []
    for line in _script(name):
        if line.startswith("cardlint "):
            for variable, value in (variables or {}).items():
                line = line.replace(f"${variable}", value)
            out.append(shlex.split(line)[1:])
    return out


def test_github_actions_example(tmp_path):
    checkout, runner_temp = tmp_path / "checkout", tmp_path / "runner-temp"
    checkout.mkdir()
    runner_temp.mkdir()
    (checkout / "model-card.yaml").write_text(CARD)
    annotate, sarif = _commands("github-actions.yml", {"RUNNER_TEMP": str(runner_temp)})
    proc = run_cli(*annotate, cwd=checkout)
    assert proc.returncode == 1  # the step fails the job, after annotating
    assert proc.stdout.startswith("::error file=model-card.yaml,line=2,col=16,")
    proc = run_cli(*sarif, cwd=checkout)
    assert proc.returncode == 0  # --exit-zero: the upload step still runs
    # outside the checked-out tree, where the upload step reads it
    log = json.loads((runner_temp / "cardlint.sarif").read_text())
    assert log["runs"][0]["results"][0]["ruleId"] == "S002"
    workflow = yaml.safe_load((EXAMPLES / "ci" / "github-actions.yml").read_text())
    upload = workflow["jobs"]["cardlint"]["steps"][-1]
    assert upload["with"]["sarif_file"] == "${{ runner.temp }}/cardlint.sarif"


def test_gitlab_ci_example_writes_the_reports_it_declares(tmp_path):
    (tmp_path / "model-card.yaml").write_text(CARD)
    # what a merge request may have committed where the reports go
    (tmp_path / ".cardlint-reports").symlink_to(tmp_path / "elsewhere")
    data = yaml.safe_load((EXAMPLES / "ci" / "gitlab-ci.yml").read_text())
    reports = data["cardlint"]["artifacts"]["reports"]
    shell = [line for line in _script("gitlab-ci.yml") if line.startswith("rm -rf ")]
    assert len(shell) == 1
    subprocess.run(["sh", "-c", shell[0]], cwd=tmp_path, check=True)
    codes = [run_cli(*command, cwd=tmp_path).returncode for command in _commands("gitlab-ci.yml")]
    assert codes == [0, 1]
    assert not (tmp_path / "elsewhere").exists()
    [issue] = json.loads((tmp_path / reports["codequality"]).read_text())
    assert (issue["check_name"], issue["location"]["path"]) == ("S002", "model-card.yaml")
    junit = ET.parse(tmp_path / reports["junit"]).getroot()
    assert junit.get("failures") == "1"
