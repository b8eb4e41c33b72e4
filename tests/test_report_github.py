"""``--format github``: workflow commands read back with the runner's grammar."""

from __future__ import annotations

import io
import re

from cardlint.check.result import FileResult
from cardlint.core.diagnostics import Diagnostic, Severity
from cardlint.core.span import Span
from cardlint.report import ReportOptions, write_report
from helpers import ROOT, run_cli

_COMMAND = re.compile(r"^::(?P<name>[a-z]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$")


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one line as the Actions runner does: ``::name k=v,k=v::data``."""
    match = _COMMAND.match(line)
    assert match, line
    props = {}
    for pair in (match["props"] or "").split(","):
        key, _, value = pair.partition("=")
        props[key] = _unescape_property(value)
    return match["name"], props, _unescape_data(match["data"])


def test_annotations_for_a_bad_card(tmp_path):
    card = tmp_path / "model-card.yaml"
    card.write_text("intended_uses:\n  risk_rating: high\n")
    proc = run_cli("check", "--format", "github", "model-card.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == (
        "::error file=model-card.yaml,line=2,col=16,endLine=2,endColumn=20,title=S002::"
        'risk_rating "high" is not one of High, Medium, Low, Unknown (did you mean "High"?)\n'
    )


def test_every_line_of_the_examples_parses():
    proc = run_cli("check", "--format", "github", "examples", cwd=ROOT)
    lines = proc.stdout.splitlines()
    assert lines
    for line in lines:
        name, props, data = parse_command(line)
        assert name in ("error", "warning", "notice")
        assert set(props) == {"file", "line", "col", "endLine", "endColumn", "title"}
        assert props["file"].startswith("examples/")
        assert int(props["line"]) >= 1 and int(props["col"]) >= 1
        assert re.fullmatch(r"[A-Z]\d{3}", props["title"])
        assert data


def test_escaping_round_trips():
    message = "100% wrong:\r\nsee a,b"
    path = "dir,with:odd%name/card\n.yaml"
    d = Diagnostic(path, "S002", Severity.WARNING, message, "", Span(3, 4, 3, 9, 0, 5))
    out = io.StringIO()
    write_report("github", [FileResult(path, (d,))], out, ReportOptions())
    line = out.getvalue()
    assert line.count("\n") == 1
    assert line == (
        "::warning file=dir%2Cwith%3Aodd%25name/card%0A.yaml,line=3,col=4,endLine=3,"
        "endColumn=9,title=S002::100%25 wrong:%0D%0Asee a,b\n"
    )
    name, props, data = parse_command(line.rstrip("\n"))
    assert (name, props["file"], data) == ("warning", path, message)


def test_info_is_a_notice_and_odd_characters_do_not_crash():
    d = Diagnostic(
        "c\udcff.json", "S002", Severity.INFO, "bad \udc80\x1b", "", Span(1, 1, 1, 2, 0, 1)
    )
    out = io.StringIO()
    write_report("github", [FileResult(d.path, (d,))], out, ReportOptions())
    out.getvalue().encode("utf-8")  # strict: no lone surrogate reaches the stream
    assert out.getvalue() == (
        "::notice file=c\\udcff.json,line=1,col=1,endLine=1,endColumn=2,title=S002::"
        "bad \\udc80\\x1b\n"
    )
