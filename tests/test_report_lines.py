"""Line formats (``concise``, ``json-lines``), ``--output-file`` and the list of formats."""

from __future__ import annotations

import io
import json

from cardlint.check.result import FileResult
from cardlint.cli import main as cli
from cardlint.core.diagnostics import Diagnostic, Severity
from cardlint.core.span import Span
from cardlint.report import FORMATS, ReportOptions, write_report
from helpers import EXAMPLES, run_cli

BAD = "model_overview:\n  model_creator: yes\nintended_uses:\n  risk_rating: high\n"


def test_concise_is_one_line_per_finding_and_nothing_else(tmp_path):
    (tmp_path / "model-card.yaml").write_text(BAD)
    proc = run_cli("check", "--format", "concise", "model-card.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "model-card.yaml:2:18: Y001 model_creator is written yes, which YAML 1.1 reads as a "
        'boolean true; quote it ("yes") to keep the string',
        'model-card.yaml:4:16: S002 risk_rating "high" is not one of High, Medium, Low, Unknown '
        '(did you mean "High"?)',
    ]


def test_concise_prints_nothing_for_a_clean_file(tmp_path):
    good = (EXAMPLES / "good" / "minimal-model-card.yml").read_text()
    (tmp_path / "model-card.yaml").write_text(good)
    proc = run_cli("check", "--format", "concise", "model-card.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "")


def test_json_lines_one_object_per_line(tmp_path):
    (tmp_path / "model-card.yaml").write_text(BAD)
    proc = run_cli("check", "--format", "json-lines", "model-card.yaml", cwd=tmp_path)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["code"], r["line"], r["column"], r["pointer"]) for r in rows] == [
        ("Y001", 2, 18, "/model_overview/model_creator"),
        ("S002", 4, 16, "/intended_uses/risk_rating"),
    ]
    full = json.loads(run_cli("check", "--format", "json", "model-card.yaml", cwd=tmp_path).stdout)
    assert rows == full["diagnostics"]


def test_output_file_gets_the_report_and_stdout_stays_empty(tmp_path):
    (tmp_path / "model-card.yaml").write_text(BAD)
    proc = run_cli(
        "check",
        "--format",
        "concise",
        "--output-file",
        "out/report.txt",
        "model-card.yaml",
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "cannot write out/report.txt" in proc.stderr
    proc = run_cli(
        "check", "--format", "concise", "-o", "report.txt", "model-card.yaml", cwd=tmp_path
    )
    assert (proc.returncode, proc.stdout) == (1, "")
    assert (tmp_path / "report.txt").read_text().count("\n") == 2


def test_cli_offers_every_format():
    assert cli.FORMATS == FORMATS


def test_no_format_crashes_on_surrogates_and_control_characters():
    span = Span(1, 1, 1, 2, 0, 1)
    path = "bad\udcffname\n.json"
    d = Diagnostic(path, "S001", Severity.ERROR, "x\udc80\x00\x1b\u2028y", "/k\udc80", span)
    for fmt in FORMATS:
        out = io.StringIO()
        write_report(fmt, [FileResult(path, (d,))], out, ReportOptions())
        text = out.getvalue()
        text.encode("utf-8")  # strict
        assert "\x00" not in text and "\x1b" not in text, fmt
    out = io.StringIO()
    write_report("concise", [FileResult(path, (d,))], out, ReportOptions())
    assert out.getvalue() == "bad\\udcffname\\n.json:1:1: S001 x\\udc80\\x00\\x1b\\u2028y\n"
