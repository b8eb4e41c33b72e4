"""``# cardlint: ignore[CODE]`` comments in YAML, and X004 for those that silence nothing."""

from __future__ import annotations

from cardlint.rules import REGISTRY
from helpers import findings, run_cli


def test_directive_silences_its_code_on_its_line_only():
    text = (
        "intended_uses:\n"
        "  risk_rating: high  # cardlint: ignore[S002]\n"
        "model_overview:\n"
        "  model_creator: yes\n"
        "  bogus: 1\n"
    )
    assert findings(text, "card.yaml") == [
        ("Y001", "/model_overview/model_creator", 4, 18),
        ("S004", "/model_overview/bogus", 5, 3),
    ]


def test_several_codes_lower_case_and_bare_directive():
    text = (
        "model_overview:\n"
        "  model_creator: yes  #cardlint: ignore[s004 , y001]\n"
        "  bogus: 1 # cardlint: ignore\n"
    )
    assert findings(text, "card.yaml") == [
        ("X004", "", 2, 23),  # S004 is listed but nothing on line 2 is an S004
    ]


def test_unused_directive_is_a_warning_with_a_reason(tmp_path):
    card = tmp_path / "model-card.yaml"
    card.write_text(
        "intended_uses:\n"
        "  risk_rating: High  # cardlint: ignore[S002, Q9, P001]\n"
        "  # cardlint: ignore\n"
    )
    proc = run_cli(
        "check", "--format", "concise", "--select", "S,X", "model-card.yaml", cwd=tmp_path
    )
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [
        "model-card.yaml:2:22: X004 [warning] unused suppression: P001 cannot be silenced",
        "model-card.yaml:2:22: X004 [warning] unused suppression: Q9 is not a rule code",
        "model-card.yaml:2:22: X004 [warning] unused suppression: no S002 finding on this line",
        "model-card.yaml:3:3: X004 [warning] unused suppression: nothing to silence on this line",
    ]
    quiet = run_cli(
        "check", "--format", "concise", "--select", "S", "model-card.yaml", cwd=tmp_path
    )
    assert (quiet.returncode, quiet.stdout) == (0, "")


def test_hash_inside_strings_is_not_a_directive():
    text = (
        "intended_uses:\n"
        '  purpose_of_model: "x # cardlint: ignore[S002]"\n'
        "  intended_uses: |\n"
        "    # cardlint: ignore[S002]\n"
        "  risk_rating: high\n"
    )
    assert [f[0] for f in findings(text, "card.yaml")] == ["S002"]


def test_syntax_errors_cannot_be_silenced_and_json_has_no_comments():
    text = "intended_uses: [  # cardlint: ignore\n"
    assert findings(text, "card.yaml") == [("X004", "", 1, 19), ("P001", "", 2, 1)]
    assert [f[0] for f in findings('{"intended_uses": {"risk_rating": "high"}}', "c.json")] == [
        "S002"
    ]


def test_rule_is_documented():
    rule = REGISTRY["X004"]
    assert (rule.name, rule.severity.value, rule.fixable) == (
        "unused-suppression",
        "warning",
        False,
    )
    assert "# cardlint: ignore[S002]" in rule.doc
    proc = run_cli("explain", "X004")
    assert proc.returncode == 0 and "silences nothing" in proc.stdout


def test_a_suppression_edit_is_offered_in_a_cloudformation_template():
    # The edited text is parsed again as every caller parses (the one parse): a template's
    # !Ref & co still load, so the language server can offer the directive there too.
    from cardlint.check.engine import check_text
    from cardlint.check.suppressions import suppression_edit

    text = (
        "Resources:\n"
        "  Card:\n"
        "    Type: AWS::SageMaker::ModelCard\n"
        "    Properties:\n"
        "      ModelCardName: !Ref Name\n"
        "      Content:\n"
        "        IntendedUses:\n"
        "          RiskRating: high\n"
    )
    result = check_text(text, "template.yaml")
    [diagnostic] = [d for d in result.diagnostics if d.code == "S002"]
    assert result.document is not None
    edit = suppression_edit(result.document, diagnostic.span, "S002")
    assert edit is not None
    start, end, content = edit
    assert text[:start].endswith("RiskRating: high") and start == end
    assert content == "  # cardlint: ignore[S002]"
