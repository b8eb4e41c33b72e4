"""Renames that hold, and keys of the other schema (issue 13, items 5 and 6).

A rename is offered only when the value fits the target key's schema: renaming
``intended_users`` (an array) to ``intended_uses`` (an object) would trade one error for another,
so the did-you-mean stays in the message, with what the key takes, and no fix is offered. A key
only standalone model cards have, in a model-package card, is reported with the keys allowed
there, the nearest one, and how to check the card as a standalone one: the configuration
setting an editor user can change, and the flag.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardlint import lint_text
from cardlint.core.settings import Settings
from helpers import run_cli

TOP_ALLOWED = (
    "allowed: model_overview, intended_uses, business_details, training_details, "
    "evaluation_details, additional_information"
)
TRAINING_ALLOWED = "allowed: objective_function, training_observations, training_job_details"
INTENDED_USERS = (
    'unknown property "intended_users" in the card (did you mean "intended_uses"? '
    f"It takes an object, not an array); {TOP_ALLOWED}"
)
TRAINING_JOB_NAME = (
    'unknown property "training_job_name" in training_details (did you mean '
    f'"training_job_details"? It takes an object, not a string); {TRAINING_ALLOWED}'
)
MODEL_OWNER = (
    'unknown property "model_owner" in model_overview (did you mean "model_creator"?); '
    'allowed: model_creator, model_artifact; only standalone model cards have "model_owner": '
    'check one with schema = "model-card" in the configuration or --schema model-card'
)

MISFIT_YAML = """\
intended_users:
  - fraud analysts
training_details:
  training_job_name: churn-xgb-2024-03
"""
MISFIT_JSON = """\
{
  "intended_users": ["fraud analysts"],
  "training_details": {"training_job_name": "churn-xgb-2024-03"}
}
"""


def found(text: str, filename: str) -> list[tuple[str, str, int, int, str, bool]]:
    return [
        (d.code, d.pointer, d.span.line, d.span.column, d.message, d.fix is not None)
        for d in lint_text(text, filename=filename)
    ]


def test_yaml_renames_whose_value_does_not_fit_offer_no_fix() -> None:
    assert found(MISFIT_YAML, "c.yaml") == [
        ("S004", "/intended_users", 1, 1, INTENDED_USERS, False),
        ("S004", "/training_details/training_job_name", 4, 3, TRAINING_JOB_NAME, False),
    ]


def test_json_renames_whose_value_does_not_fit_offer_no_fix() -> None:
    assert found(MISFIT_JSON, "c.json") == [
        ("S004", "/intended_users", 2, 3, INTENDED_USERS, False),
        ("S004", "/training_details/training_job_name", 3, 24, TRAINING_JOB_NAME, False),
    ]


@pytest.mark.parametrize(
    ("filename", "text", "pointer", "line", "column"),
    [
        ("c.yaml", "intended_users:\n  purpose_of_model: triage\n", "/intended_users", 1, 1),
        ("c.json", '{"intended_users": {"purpose_of_model": "triage"}}', "/intended_users", 1, 2),
        (
            "c.yaml",
            "training_details:\n  training_job_detail:\n    training_arn: arn:x\n",
            "/training_details/training_job_detail",
            2,
            3,
        ),
    ],
)
def test_renames_whose_value_fits_keep_their_fix(
    filename: str, text: str, pointer: str, line: int, column: int
) -> None:
    [d] = lint_text(text, filename=filename)
    assert (d.code, d.pointer, d.span.line, d.span.column) == ("S004", pointer, line, column)
    assert "It takes" not in d.message
    assert d.fix is not None and d.fix.applicability == "unsafe"


def test_a_value_of_the_right_kind_with_defects_inside_still_gets_the_rename() -> None:
    # The enum's case is a defect of its own, with its own fix after the rename.
    [d] = lint_text("intended_uses:\n  risk_ratng: high\n", filename="c.yaml")
    assert d.message == (
        'unknown property "risk_ratng" in intended_uses (did you mean "risk_rating"?); '
        "allowed: purpose_of_model, intended_uses, factors_affecting_model_efficiency, "
        "risk_rating, explanations_for_risk_rating"
    )
    assert d.fix is not None and d.fix.edits[0].content == "risk_rating"


def test_a_target_reached_through_a_ref_is_checked_too() -> None:
    # The model-card schema declares intended_uses as {"$ref": "#/$defs/intended_uses"}.
    text = '{"model_overview": {"model_name": "m", "model_id": "i"}, "intended_usess": []}'
    [d] = lint_text(text, filename="c.json", settings=Settings(select=("S",)))
    assert (d.code, d.pointer, d.span.line, d.span.column) == ("S004", "/intended_usess", 1, 58)
    assert d.message.startswith(
        'unknown property "intended_usess" in the card (did you mean "intended_uses"? '
        "It takes an object, not an array); allowed: "
    )
    assert d.fix is None


def test_the_unsafe_fixes_leave_misfit_renames_alone_through_the_command(tmp_path: Path) -> None:
    card = tmp_path / "c-model-card.yaml"
    card.write_text(MISFIT_YAML, encoding="utf-8")
    proc = run_cli("check", "--fix", "--unsafe-fixes", "--isolated", str(card))
    assert proc.returncode == 1, proc.stderr
    assert card.read_text(encoding="utf-8") == MISFIT_YAML
    assert proc.stdout.splitlines()[:2] == [
        f"{card}:1:1: S004 {INTENDED_USERS}",
        f"{card}:4:3: S004 {TRAINING_JOB_NAME}",
    ]
    assert "Fixed" not in proc.stderr


def test_json_report_has_no_fix_for_a_misfit_rename_through_the_command() -> None:
    proc = run_cli(
        "check",
        "--format",
        "json",
        "--isolated",
        "-",
        "--stdin-filename",
        "c.json",
        stdin=MISFIT_JSON,
    )
    assert proc.returncode == 1, proc.stderr
    rows = [
        (d["code"], d["pointer"], d["line"], d["column"], d["message"], d["fix"])
        for d in json.loads(proc.stdout)["diagnostics"]
    ]
    assert rows == [
        ("S004", "/intended_users", 2, 3, INTENDED_USERS, None),
        ("S004", "/training_details/training_job_name", 3, 24, TRAINING_JOB_NAME, None),
    ]


# -- item 6: keys only standalone model cards have ------------------------------------------


def test_yaml_model_owner_in_a_model_package_card() -> None:
    text = "model_overview:\n  model_creator: Fraud ML team\n  model_owner: payments\n"
    assert found(text, "c.yaml") == [
        ("S004", "/model_overview/model_owner", 3, 3, MODEL_OWNER, False),
    ]


def test_json_model_owner_in_a_model_package_card() -> None:
    text = '{\n  "model_overview": {"model_creator": "a", "model_owner": "b"}\n}\n'
    assert found(text, "c.json") == [
        ("S004", "/model_overview/model_owner", 2, 44, MODEL_OWNER, False),
    ]


def test_a_standalone_key_with_no_counterpart_names_no_nearest_key() -> None:
    text = "model_overview:\n  model_creator: Fraud ML team\n  problem_type: Binary\n"
    assert found(text, "c.yaml") == [
        (
            "S004",
            "/model_overview/problem_type",
            3,
            3,
            'unknown property "problem_type" in model_overview; allowed: model_creator, '
            'model_artifact; only standalone model cards have "problem_type": check one with '
            'schema = "model-card" in the configuration or --schema model-card',
            False,
        )
    ]


def test_model_owner_message_through_the_command_and_the_setting_it_names_works(
    tmp_path: Path,
) -> None:
    card = tmp_path / "owner-model-card.json"
    card.write_text('{"model_overview": {"model_creator": "a", "model_owner": "b"}}\n')
    proc = run_cli("check", "--isolated", "--schema", "model-package", str(card))
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == f"{card}:1:43: S004 {MODEL_OWNER}"
    # Under --schema auto one such key may be a standalone card's: a warning, same message.
    proc = run_cli("check", "--isolated", str(card))
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0] == f"{card}:1:43: S004 [warning] {MODEL_OWNER}"
    # The setting the message names, as written, makes the card a standalone one: no S004.
    (tmp_path / ".git").mkdir()
    (tmp_path / "cardlint.toml").write_text('schema = "model-card"\n', encoding="utf-8")
    proc = run_cli("check", "--select", "S", str(card))
    assert proc.returncode == 0, proc.stdout


HOSTED_OWNER = (
    'unknown property "model_owner" in model_overview (did you mean "model_creator"?); '
    'allowed: model_creator, model_artifact; only standalone model cards have "model_owner", '
    "not a model package's card"
)


def test_a_model_package_request_gets_no_advice_to_change_the_schema() -> None:
    # CreateModelPackage's ModelCardContent is a model package's card whatever the settings
    # say: the message names no schema setting there.
    request = json.dumps(
        {
            "ModelPackageGroupName": "g",
            "ModelCard": {
                "ModelCardStatus": "Draft",
                "ModelCardContent": json.dumps({"model_overview": {"model_owner": "b"}}),
            },
        }
    )
    assert found(request, "create-model-package.json") == [
        (
            "S004",
            "/ModelCard/ModelCardContent/model_overview/model_owner",
            1,
            117,
            HOSTED_OWNER,
            False,
        ),
    ]


def test_a_model_package_template_gets_no_advice_to_change_the_schema(tmp_path: Path) -> None:
    template = tmp_path / "package-model-card.yaml"
    template.write_text(
        "Resources:\n"
        "  Pkg:\n"
        "    Type: AWS::SageMaker::ModelPackage\n"
        "    Properties:\n"
        "      ModelCard:\n"
        "        ModelCardStatus: Draft\n"
        '        ModelCardContent: \'{"model_overview": {"model_owner": "b"}}\'\n',
        encoding="utf-8",
    )
    proc = run_cli("check", "--isolated", "--select", "S", str(template))
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == f"{template}:7:48: S004 {HOSTED_OWNER}"
