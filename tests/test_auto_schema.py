"""--schema auto (the default): a standalone model card is checked as one."""

from __future__ import annotations

import json

from cardlint import lint_text
from cardlint.loading.cards import CardSlot, choose_schema
from helpers import run_cli


def test_two_standalone_fields_make_a_model_card():
    slot = CardSlot({"model_overview": {"model_id": "m", "model_version": 2}})
    assert choose_schema("auto", slot) == "model-card"


def test_model_package_details_and_one_more_make_a_model_card():
    slot = CardSlot({"model_package_details": {}, "model_overview": {"problem_type": "x"}})
    assert choose_schema("auto", slot) == "model-card"


def test_one_standalone_field_under_auto_is_a_warning_a_named_schema_an_error():
    """One such field: a standalone card (moto's test card has only model_description, and the
    service accepts it) or a slip in a model package's card; only a named schema tells."""
    text = '{"model_overview": {"model_creator": "a", "model_owner": "b"}}'
    for schema, severity in (("auto", "warning"), ("model-package", "error")):
        [d] = lint_text(text, filename="c.json", schema=schema)
        assert (d.code, d.pointer, d.span.line, d.span.column, d.severity) == (
            "S004",
            "/model_overview/model_owner",
            1,
            43,
            severity,
        )
        assert d.message == (
            'unknown property "model_owner" in model_overview (did you mean "model_creator"?); '
            "allowed: model_creator, model_artifact; only standalone model cards have "
            '"model_owner": check one with schema = "model-card" in the configuration or '
            "--schema model-card"
        )
    assert lint_text(text, filename="c.json", schema="model-card") == []


def test_explicit_schema_wins_over_detection():
    slot = CardSlot({"model_overview": {"model_id": "m", "model_version": 2}})
    assert choose_schema("model-package", slot) == "model-package"
    assert choose_schema("auto", CardSlot({}, schema="model-package")) == "model-package"


def test_verbose_text_and_json_name_the_schema_per_file(tmp_path):
    (tmp_path / "a-model-card.json").write_text(
        json.dumps({"model_overview": {"model_id": "m", "model_name": "n"}})
    )
    (tmp_path / "b-model-card.json").write_text(json.dumps({"intended_uses": {}}))
    proc = run_cli("check", "-v", "a-model-card.json", "b-model-card.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[:2] == [
        "a-model-card.json: checked against model-card, which --schema auto chose for fields "
        "only standalone model cards have: /model_overview/model_id, /model_overview/model_name",
        "b-model-card.json: checked against model-package",
    ]
    proc = run_cli(
        "check", "--format", "json", "a-model-card.json", "b-model-card.json", cwd=tmp_path
    )
    assert json.loads(proc.stdout)["files"] == [
        {
            "file": "a-model-card.json",
            "schema": "model-card",
            "schema_chosen_by": ["/model_overview/model_id", "/model_overview/model_name"],
        },
        {"file": "b-model-card.json", "schema": "model-package", "schema_chosen_by": []},
    ]


def test_schema_option_accepts_model_card_and_auto():
    card = '{"model_overview": {"model_id": "m"}}'
    for name in ("auto", "model-card"):
        proc = run_cli("check", "--schema", name, "-", "--stdin-filename", "c.json", stdin=card)
        assert proc.returncode == 0, proc.stdout + proc.stderr  # under auto: S004 warns
