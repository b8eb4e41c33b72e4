"""Cards inside API documents and CloudFormation templates: exact positions in the outer file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cardlint import lint_text
from helpers import EXAMPLES, run_cli


def placed(text: str, filename: str) -> list[tuple[str, str, int, int, str]]:
    """(code, pointer, line, column, the outer text the span covers) for each diagnostic."""
    lines = text.splitlines()
    out = []
    for d in lint_text(text, filename=filename):
        s = d.span
        covered = lines[s.line - 1][s.column - 1 : s.end_column - 1] if s.line == s.end_line else ""
        out.append((d.code, d.pointer, s.line, s.column, covered))
    return out


CONTENT = {
    "model_overview": {"model_creator": 'Équipe "risk"'},
    "intended_uses": {"risk_rating": "medium"},
    "evaluation_details": [
        {
            "name": "e",
            "metric_groups": [
                {
                    "name": "g",
                    "metric_data": [{"name": "😀", "type": "bar_chart", "value": ["x"]}],
                }
            ],
        }
    ],
}
DESCRIBE = json.dumps(
    {
        "ModelPackageArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1",
        "ModelCard": {"ModelCardContent": json.dumps(CONTENT), "ModelCardStatus": "Approvd"},
    },
    indent=2,
)


def test_api_document_string_maps_through_json_escapes():
    # \u00c9, \" and a surrogate pair (\ud83d\ude00) sit before the findings on the same line.
    assert placed(DESCRIBE, "describe-model-package.json") == [
        (
            "S002",
            "/ModelCard/ModelCardContent/intended_uses/risk_rating",
            4,
            136,
            '\\"medium\\"',
        ),
        (
            "S001",
            "/ModelCard/ModelCardContent/evaluation_details/0/metric_groups/0/metric_data/0/value/0",
            4,
            316,
            '\\"x\\"',
        ),
        ("S002", "/ModelCard/ModelCardStatus", 5, 24, '"Approvd"'),
    ]


def test_status_has_a_fix_embedded_findings_have_none():
    fixes = {d.pointer: d.fix_intent for d in lint_text(DESCRIBE, filename="d.json")}
    assert fixes["/ModelCard/ModelCardStatus"] is not None
    assert fixes["/ModelCard/ModelCardContent/intended_uses/risk_rating"] is None


def test_model_package_content_is_checked_as_a_model_package_card():
    doc = {
        "ModelPackageName": "churn",
        "ModelCard": {"ModelCardContent": '{"model_overview": {"model_id": "m"}}'},
    }
    text = json.dumps(doc)
    [d] = lint_text(text, filename="request.json")
    assert (d.code, d.pointer, d.span.column) == (
        "S004",
        "/ModelCard/ModelCardContent/model_overview/model_id",
        text.index('\\"model_id') + 1,
    )
    assert "standalone model card" in d.message


def test_create_model_card_request_built_by_the_sdk_is_clean_and_checked_as_model_card():
    proc = run_cli(
        "check",
        "-v",
        "--format",
        "text",
        "examples/embedded/create-model-card-request.json",
        cwd=EXAMPLES.parent,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == [
        "examples/embedded/create-model-card-request.json: checked against model-card",
        "All checks passed (1 file checked).",
    ]


def test_syntax_error_inside_content_is_placed_in_the_outer_file():
    text = '{\n  "ModelCardName": "c",\n  "Content": "{\\"model_overview\\": {,}}"\n}\n'
    assert placed(text, "describe-model-card.json") == [("P001", "/Content", 3, 37, ",")]


def test_content_that_is_not_an_object():
    text = '{"ModelCardName": "c", "ModelCardStatus": "Draft", "Content": "[1]"}'
    assert placed(text, "c.json") == [("P004", "/Content", 1, 63, '"[1]"')]


YAML_TEMPLATE = """\
Resources:
  Pkg:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelCard:
        ModelCardStatus: draft
        ModelCardContent: |
          {
            "intended_uses": {"risk_rating": "medium"},
            "model_overview": {"model_version": 2}
          }
  Card:
    Type: AWS::SageMaker::ModelCard
    Properties:
      ModelCardStatus: !Ref Status
      Content:
        ModelOverview:
          ModelVersion: 0
          ModelOwnr: x
          ModelName: !Sub "${AWS::StackName}-model"
        IntendedUses:
          RiskRating: !Ref Risk
        EvaluationDetails:
          - Name: holdout
            MetricGroups:
              - Name: g
                MetricData:
                  - Name: roc
                    Type: linear_graph
                    Value: [[0, 1, 2]]
                    XAxisName: [a]
"""

CARD = "/Resources/Card/Properties/Content"
METRIC = f"{CARD}/EvaluationDetails/0/MetricGroups/0/MetricData/0"


def test_yaml_template_block_scalar_and_pascal_case_content():
    assert placed(YAML_TEMPLATE, "stack.yaml") == [
        ("S002", "/Resources/Pkg/Properties/ModelCard/ModelCardStatus", 6, 26, "draft"),
        (
            "S002",
            "/Resources/Pkg/Properties/ModelCard/ModelCardContent/intended_uses/risk_rating",
            9,
            46,
            '"medium"',
        ),
        (
            "S004",
            "/Resources/Pkg/Properties/ModelCard/ModelCardContent/model_overview/model_version",
            10,
            32,
            '"model_version"',
        ),
        ("S009", f"{CARD}/ModelOverview/ModelVersion", 18, 25, "0"),
        ("S004", f"{CARD}/ModelOverview/ModelOwnr", 19, 11, "ModelOwnr"),
        ("S007", f"{METRIC}/Value/0", 30, 29, "[0, 1, 2]"),
        ("S001", f"{METRIC}/XAxisName", 31, 32, "[a]"),
    ]


def test_pascal_case_messages_and_fixes_use_the_template_names():
    found = {d.pointer: d for d in lint_text(YAML_TEMPLATE, filename="stack.yaml")}
    owner = found[f"{CARD}/ModelOverview/ModelOwnr"]
    assert owner.message.startswith(
        'unknown property "ModelOwnr" in ModelOverview (did you mean "ModelOwner"?); '
        "allowed: AlgorithmType, InferenceEnvironment, ModelArtifact,"
    )
    [action] = owner.fix_intent.actions
    assert (action.pointer, action.new_key) == (f"{CARD}/ModelOverview/ModelOwnr", "ModelOwner")


def test_fixing_a_template_keeps_intrinsic_tags(tmp_path: Path):
    path = tmp_path / "stack.yaml"
    path.write_text(YAML_TEMPLATE)
    proc = run_cli("check", "--fix", "--unsafe-fixes", "--exit-zero", str(path))
    assert proc.returncode == 0, proc.stderr
    fixed = path.read_text()
    assert fixed == YAML_TEMPLATE.replace(
        "ModelCardStatus: draft", "ModelCardStatus: Draft"
    ).replace("ModelOwnr: x", "ModelOwner: x")


JSON_TEMPLATE = """\
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Card": {
      "Type": "AWS::SageMaker::ModelCard",
      "Properties": {
        "ModelCardName": {"Ref": "Name"},
        "ModelCardStatus": "Draft",
        "Content": {
          "ModelOverview": {"ModelVersion": {"Fn::GetAtt": ["Pkg", "ModelPackageVersion"]}},
          "IntendedUses": {"RiskRating": "high"}
        }
      }
    },
    "Pkg": {
      "Type": "AWS::SageMaker::ModelPackage",
      "Properties": {
        "ModelCard": {
          "ModelCardStatus": "Draft",
          "ModelCardContent": "{\\n  \\"business_details\\": {\\"line_of_business\\": 7}\\n}"
        }
      }
    }
  }
}
"""


def test_json_template_both_resources_and_intrinsics_never_flagged():
    assert placed(JSON_TEMPLATE, "stack.json") == [
        ("S002", "/Resources/Card/Properties/Content/IntendedUses/RiskRating", 11, 42, '"high"'),
        (
            "S001",
            "/Resources/Pkg/Properties/ModelCard/ModelCardContent/business_details/line_of_business",
            20,
            82,
            "7",
        ),
    ]


def test_template_recognised_by_content_not_name_and_schema_per_file():
    proc = run_cli(
        "check", "--format", "json", "-", "--stdin-filename", "infra.json", stdin=JSON_TEMPLATE
    )
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["files"] == [
        {"file": "infra.json", "schema": "model-card, model-package", "schema_chosen_by": []}
    ]
    assert [(d["code"], d["line"], d["column"]) for d in doc["diagnostics"]] == [
        ("S002", 11, 42),
        ("S001", 20, 82),
    ]


def test_yaml_double_quoted_and_folded_hosts():
    text = (
        "Resources:\n"
        "  A:\n"
        "    Type: AWS::SageMaker::ModelPackage\n"
        "    Properties:\n"
        "      ModelCard:\n"
        '        ModelCardContent: "{\\"intended_uses\\":\n'
        '          {\\"risk_rating\\": \\"low\\"}}"\n'
        "  B:\n"
        "    Type: AWS::SageMaker::ModelPackage\n"
        "    Properties:\n"
        "      ModelCard:\n"
        "        ModelCardContent: >\n"
        '          {"intended_uses":\n'
        '           {"risk_rating": "hi"}}\n'
    )
    assert placed(text, "t.yaml") == [
        (
            "S002",
            "/Resources/A/Properties/ModelCard/ModelCardContent/intended_uses/risk_rating",
            7,
            29,
            '\\"low\\"',
        ),
        (
            "S002",
            "/Resources/B/Properties/ModelCard/ModelCardContent/intended_uses/risk_rating",
            14,
            28,
            '"hi"',
        ),
    ]


def test_unknown_tags_are_still_refused_in_templates():
    text = "Resources:\n  A:\n    Type: AWS::SageMaker::ModelCard\n    Properties: !Custom x\n"
    assert [(c, p, line) for c, p, line, _col, _t in placed(text, "t.yaml")] == [("P006", "", 4)]


def test_directory_discovery_includes_example_hosts(tmp_path: Path):
    for name in ("create-model-card-request.json", "model-package-template.yaml"):
        shutil.copy(EXAMPLES / "embedded" / name, tmp_path / f"model-card-{name}")
    proc = run_cli("check", "-v", str(tmp_path))
    assert proc.returncode == 0, proc.stdout
    assert "checked against model-package, model-card" in proc.stdout


def test_discovery_includes_templates_when_configured(tmp_path: Path):
    (tmp_path / "cardlint.toml").write_text('include = ["*.template.yaml"]\n')
    shutil.copy(
        EXAMPLES / "embedded" / "model-package-template.yaml", tmp_path / "ml.template.yaml"
    )
    proc = run_cli("check", "-v", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (
        proc.stdout.splitlines()[0]
        == "./ml.template.yaml: checked against model-package, model-card"
    )
