"""One fix that cannot be made never blocks the others (issue 13, item 4).

A fix whose edit would not parse, or would not give the value it intends, is left out with an
``X002`` at its finding; every other fix still goes in: ``--fix`` writes them, ``--diff`` shows
them, the language server's fix-all offers them.

The card used through the command is one a person can write: libyaml reads ``"true"#checked``
as the string ``true`` followed by a comment, but the M001 fix's plain ``true#checked`` is one
string, so that one fix cannot be made by an edit of the value alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardlint.check.engine import check_text
from cardlint.core.diagnostics import Diagnostic, Edit, Fix, FixIntent, ReplaceValue, Severity
from cardlint.core.settings import Settings
from cardlint.core.span import Span
from cardlint.fixing.fixer import choose, fix_result, sift
from cardlint.loading.document import Decoded
from helpers import run_cli

HASH_CARD = """\
evaluation_details:
  - name: holdout
    metric_groups:
      - name: binary classification
        metric_data:
          - name: auc
            type: number
            value: "0.97"
          - name: calibrated
            type: boolean
            value: "true"#checked by hand
intended_uses:
  risk_rating: high
"""
HASH_FIXED = HASH_CARD.replace('value: "0.97"', "value: 0.97").replace(
    "risk_rating: high", "risk_rating: High"
)
HASH_X002 = (
    "fix for M001 abandoned because the value at "
    "/evaluation_details/0/metric_groups/0/metric_data/1/value would not be what the fix "
    "intends; make this change by hand"
)
HASH_POINTER = "/evaluation_details/0/metric_groups/0/metric_data/1/value"


def _widened(diagnostic: Diagnostic, edit: Edit) -> Diagnostic:
    """``diagnostic`` with its fix's edit replaced: a fix whose edit is wrong."""
    assert diagnostic.fix is not None
    return diagnostic._replace(fix=diagnostic.fix._replace(edits=(edit,)))


def test_json_a_fix_that_would_change_another_value_is_left_out_and_the_rest_applied() -> None:
    text = (
        "{\n"
        '  "intended_uses": {"risk_rating": "high", "purpose_of_model": "p"},\n'
        '  "business_details": {"line_of_business": 7}\n'
        "}\n"
    )
    result = check_text(text, "c.json")
    s002, s001 = result.diagnostics
    assert (s002.code, s001.code) == ("S002", "S001")
    # An edit that reaches past its value into the next member: it must never be written.
    start = text.index('"high"')
    end = text.index('"p"') + 3
    wide = Edit(Span(2, start - 1, 2, end - 1, start, end), '"High"')
    outcome = fix_result(result._replace(diagnostics=(_widened(s002, wide), s001)))
    assert outcome.text == text.replace(": 7}", ': "7"}')
    assert [d.code for d in outcome.applied] == ["S001"]
    assert outcome.abandoned is None
    [x002] = outcome.left_out
    assert [
        (d.code, d.pointer, d.span.line, d.span.column) for d in outcome.result.diagnostics
    ] == [
        ("S002", "/intended_uses/risk_rating", 2, 36),
        ("X002", "/intended_uses/risk_rating", 2, 36),
    ]
    assert x002.message == (
        "fix for S002 abandoned because the value at /intended_uses/purpose_of_model would "
        "not be what the fix intends; make this change by hand"
    )


def test_yaml_a_fix_that_would_not_parse_is_left_out_and_the_rest_applied() -> None:
    text = "intended_uses:\n  risk_rating: high\nbusiness_details:\n  line_of_business: yes\n"
    result = check_text(text, "c.yaml")
    s002, y001 = result.diagnostics
    assert (s002.code, y001.code) == ("S002", "Y001")
    broken = _widened(s002, Edit(s002.span, '"High'))  # an unterminated quote
    outcome = fix_result(result._replace(diagnostics=(broken, y001)))
    assert outcome.text == text.replace("yes", '"yes"')
    [x002] = outcome.left_out
    assert (x002.code, x002.pointer, x002.span.line, x002.span.column) == (
        "X002",
        "/intended_uses/risk_rating",
        2,
        16,
    )
    assert x002.message.startswith(
        "fix for S002 abandoned because the fixed text would not parse: "
    )
    assert x002.message.endswith("; make this change by hand")
    assert "\n" not in x002.message


def test_yaml_a_fix_that_reads_back_differently_is_left_out_and_the_rest_applied() -> None:
    outcome = fix_result(check_text(HASH_CARD, "c.yaml"))
    assert outcome.text == HASH_FIXED
    assert [d.code for d in outcome.applied] == ["M001", "S002"]
    [x002] = outcome.left_out
    assert (x002.code, x002.pointer, x002.span.line, x002.span.column) == (
        "X002",
        HASH_POINTER,
        11,
        20,
    )
    assert x002.message == HASH_X002
    # What is left to report: the unfixed M001 and its X002, and the new text's own findings.
    assert [(d.code, d.span.line, d.span.column) for d in outcome.result.diagnostics] == [
        ("M001", 11, 20),
        ("X002", 11, 20),
        ("G001", 13, 16),
    ]


def _insertion(code: str, pointer: str, at: Span, content: str, value: str) -> Diagnostic:
    """A diagnostic whose fix inserts ``content`` at ``at`` and intends ``value``."""
    intent = FixIntent("safe", "m", (ReplaceValue(pointer, value),))
    fix = Fix("safe", "m", (Edit(at, content),))
    return Diagnostic("c.json", code, Severity.ERROR, "m", pointer, at, fix, intent)


def test_fixes_that_pass_alone_but_not_together_keep_the_first() -> None:
    text = '{"a": "x"}'
    document = check_text(text, "c.json").document
    assert document is not None
    inside = Span(1, 9, 1, 9, 8, 8)  # just after the x, inside the quotes
    first = _insertion("S009", "/a", inside, "y", "xy")
    second = _insertion("S002", "/a", inside, "z", "xz")
    kept, dropped = sift(document, [first, second], Decoded(text, "utf-8", b""))
    assert kept == [first]
    assert dropped == [
        (second, "it conflicts with another fix: the value at /a would not be what the fix intends")
    ]


def test_a_fix_waiting_behind_a_refused_one_gets_its_turn() -> None:
    text = '{"intended_uses": {"risk_rating": "high", "purpose_of_model": "p"}}'
    result = check_text(text, "c.json")
    [s002] = result.diagnostics
    start = text.index('"high"')
    end = text.index('"p"') + 3
    wide = _widened(s002, Edit(Span(1, start + 1, 1, end + 1, start, end), '"High"'))
    # Another fix of the same value: it waits while the wide one holds the pointer.
    low = FixIntent("safe", "m", (ReplaceValue("/intended_uses/risk_rating", "Low"),))
    other = s002._replace(
        code="S009", fix=Fix("safe", "m", (Edit(s002.span, '"Low"'),)), fix_intent=low
    )
    assert choose([wide, other]) == [wide]
    outcome = fix_result(result._replace(diagnostics=(wide, other)))
    assert outcome.text == text.replace('"high"', '"Low"')
    assert [d.code for d in outcome.applied] == ["S009"]
    # The other fix made the S002 go away: nothing is left to do by hand, so no X002.
    assert outcome.left_out == ()
    assert [d.code for d in outcome.result.diagnostics] == []


def test_the_x002_stands_at_its_finding_and_follows_the_selection() -> None:
    # With only S002 and X selected the refused fix is reported at its finding, once.
    text = '{"intended_uses": {"risk_rating": "high", "purpose_of_model": "p"}, "x": 1}'
    result = check_text(text, "c.json", Settings(select=("S002",)))
    [s002] = result.diagnostics
    start = text.index('"high"')
    end = text.index('"p"') + 3
    wide = _widened(s002, Edit(Span(1, start + 1, 1, end + 1, start, end), '"High"'))
    outcome = fix_result(result._replace(diagnostics=(wide,)), Settings(select=("S002", "X")))
    assert outcome.text == text
    assert [(d.code, d.pointer, d.span.column) for d in outcome.result.diagnostics] == [
        ("S002", "/intended_uses/risk_rating", 35),
        ("X002", "/intended_uses/risk_rating", 35),
    ]


# -- through the installed command ---------------------------------------------------------


def test_cli_fix_writes_the_other_fixes_and_reports_the_left_out_one(tmp_path: Path) -> None:
    card = tmp_path / "holdout-model-card.yaml"
    card.write_text(HASH_CARD, encoding="utf-8")
    proc = run_cli("check", "--fix", "--isolated", str(card))
    assert proc.returncode == 1, proc.stderr
    assert card.read_text(encoding="utf-8") == HASH_FIXED
    assert proc.stdout.splitlines()[:3] == [
        f'{card}:11:20: M001 metric value is "true" (a string); a metric of type "boolean" '
        "needs a boolean: write true",
        f"{card}:11:20: X002 {HASH_X002}",
        f"{card}:13:16: G001 [warning] risk_rating is High but intended_uses has no "
        "explanations_for_risk_rating; say why the model carries this risk",
    ]
    assert "Fixed 2 findings in 1 file." in proc.stderr


def test_cli_diff_shows_the_other_fixes_and_says_which_was_left_out(tmp_path: Path) -> None:
    card = tmp_path / "holdout-model-card.yaml"
    card.write_text(HASH_CARD, encoding="utf-8")
    proc = run_cli("check", "--diff", "--isolated", "holdout-model-card.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert card.read_text(encoding="utf-8") == HASH_CARD  # --diff writes nothing
    assert proc.stdout == (
        "--- a/holdout-model-card.yaml\n"
        "+++ b/holdout-model-card.yaml\n"
        "@@ -5,9 +5,9 @@\n"
        "         metric_data:\n"
        "           - name: auc\n"
        "             type: number\n"
        '-            value: "0.97"\n'
        "+            value: 0.97\n"
        "           - name: calibrated\n"
        "             type: boolean\n"
        '             value: "true"#checked by hand\n'
        " intended_uses:\n"
        "-  risk_rating: high\n"
        "+  risk_rating: High\n"
    )
    assert proc.stderr.splitlines() == [
        f"holdout-model-card.yaml:11:20: X002 {HASH_X002}",
        "Would fix 2 findings in 1 file.",
    ]


def test_cli_json_report_after_fix_places_the_x002(tmp_path: Path) -> None:
    card = tmp_path / "holdout-model-card.yaml"
    card.write_text(HASH_CARD, encoding="utf-8")
    proc = run_cli("check", "--fix", "--isolated", "--format", "json", str(card))
    assert proc.returncode == 1, proc.stderr
    [x002] = [d for d in json.loads(proc.stdout)["diagnostics"] if d["code"] == "X002"]
    assert (x002["pointer"], x002["line"], x002["column"], x002["message"]) == (
        HASH_POINTER,
        11,
        20,
        HASH_X002,
    )


def test_cli_stdin_fix_prints_the_text_with_the_other_fixes() -> None:
    proc = run_cli(
        "check", "--fix", "--isolated", "-", "--stdin-filename", "c.yaml", stdin=HASH_CARD
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == HASH_FIXED
    assert f"c.yaml:11:20: X002 {HASH_X002}" in proc.stderr


# -- the language server's fix-all: the same code path -------------------------------------


def test_lsp_fix_all_offers_the_other_fixes(tmp_path: Path) -> None:
    pytest.importorskip("pygls", reason="the lsp extra is not installed")
    from lsp_client import LspClient, apply_edits

    (tmp_path / ".git").mkdir()
    (tmp_path / "cardlint.toml").write_text('select = ["M", "S"]\n', encoding="utf-8")
    uri = (tmp_path / "holdout-model-card.yaml").as_uri()
    client = LspClient()
    try:
        client.initialize(workspace={"workspaceEdit": {"documentChanges": True}})
        client.open(uri, HASH_CARD)
        published = client.wait_for("textDocument/publishDiagnostics", uri)
        assert [d["code"] for d in published["diagnostics"]] == ["M001", "M001", "S002"]
        position = {"line": 0, "character": 0}
        actions = client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": {"start": position, "end": position},
                "context": {"diagnostics": [], "only": ["source.fixAll"]},
            },
        )
        assert [a["title"] for a in actions] == ["cardlint: fix all safe problems"]
        (change,) = actions[0]["edit"]["documentChanges"]
        assert apply_edits(HASH_CARD, change["edits"]) == HASH_FIXED
    finally:
        client.close()
