"""G003: the placeholders real cards leave in, pointed at where they are written; prose passes."""

from __future__ import annotations

import json

import pytest

from cardlint import lint_text
from helpers import run_cli

POINTER = "/intended_uses/intended_uses"
STAND_IN = "{} is a placeholder, not a value; write the real content or leave the field out"
TEMPLATE = (
    "{} is sample text from a model card template; write the real content or leave the field out"
)


def g003(value: str, fmt: str) -> list[tuple[str, int, int, str]]:
    if fmt == "json":
        text = json.dumps({"intended_uses": {"intended_uses": value}})
    else:
        text = f"intended_uses:\n  intended_uses: {json.dumps(value)}\n"
    return [
        (d.pointer, d.span.line, d.span.column, d.message)
        for d in lint_text(text, filename=f"model-card.{fmt}")
        if d.code == "G003"
    ]


def column_of(part: str, value: str, fmt: str) -> tuple[int, int]:
    """Where ``part`` of ``value`` is written, as the test cards write it."""
    if fmt == "json":
        text = json.dumps({"intended_uses": {"intended_uses": value}})
        start = text.index(json.dumps(value)) + 1
        return 1, text.index(part, start) + 1
    line = f"  intended_uses: {json.dumps(value)}"
    return 2, line.index(part, line.index('"')) + 1


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize(
    "value",
    [
        "Your Name",
        "NA",
        "N/A",
        "None",
        "-",
        "?",
        "TBD",
        "<intended uses of the model>",
        "[Insert the intended uses]",
        "{{ intended_uses }}",
        "  n/a ",
    ],
)
def test_whole_value_placeholders(value: str, fmt: str) -> None:
    core = value.strip()
    assert g003(value, fmt) == [
        (POINTER, *column_of(core, value, fmt), STAND_IN.format(f'"{core}"'))
    ]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize(
    "value",
    [
        "The business problem that your model is used to solve.",
        "Services that the business is offering.",
        "Your model ethical consideration.",
        "Your model's caveats and recommendations.",
    ],
)
def test_sample_sentences_of_the_templates(value: str, fmt: str) -> None:
    assert g003(value, fmt) == [
        (POINTER, *column_of(value, value, fmt), TEMPLATE.format(f'"{value}"'))
    ]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize(
    ("value", "word"),
    [
        ("Weekly retention campaigns. TODO add exclusions", "TODO"),
        ("Scores nightly batches (FIXME: the cut-off is tbd)", "FIXME"),
        ("Café clients, résumé screening excluded. TBD for EU", "TBD"),
    ],
)
def test_a_word_inside_a_sentence_is_pointed_at(value: str, word: str, fmt: str) -> None:
    message = f'placeholder text "{word}" in {json.dumps(value, ensure_ascii=False)}; '
    message += "write the real content or leave the field out"
    assert g003(value, fmt) == [(POINTER, *column_of(word, value, fmt), message)]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize(
    "value",
    [
        "Rows with N/A values were imputed.",
        "None of the features is a protected attribute.",
        "Use - as the separator in batch ids?",
        "Model owner: the risk team; see Your Name Here policy",
        "Outputs a score in [0, 1]; thresholds live in <config>/thresholds.yaml.",
    ],
)
def test_placeholder_words_inside_prose_are_not_placeholders(value: str, fmt: str) -> None:
    assert g003(value, fmt) == []


def test_hyper_parameter_and_metric_values_are_data() -> None:
    card = {
        "training_details": {
            "training_job_details": {"hyper_parameters": [{"name": "max_depth", "value": "None"}]}
        },
        "evaluation_details": [
            {
                "name": "holdout",
                "metric_groups": [
                    {
                        "name": "g",
                        "metric_data": [{"name": "segment", "type": "string", "value": "-"}],
                    }
                ],
            }
        ],
    }
    assert [d.code for d in lint_text(json.dumps(card), filename="c.json")] == []


def test_a_fill_in_is_one_finding_not_also_a_bad_uri() -> None:
    card = {
        "model_overview": {"model_artifact": ["<s3 uri of the model>"]},
        "training_details": {"training_job_details": {"training_arn": "<training job arn>"}},
    }
    found = [(d.code, d.pointer) for d in lint_text(json.dumps(card), filename="c.json")]
    assert found == [
        ("G003", "/model_overview/model_artifact/0"),
        ("G003", "/training_details/training_job_details/training_arn"),
    ]


def test_placeholders_through_the_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "model-card.yaml").write_text(
        "model_overview:\n"
        "  model_creator: Your Name\n"
        "intended_uses:\n"
        '  intended_uses: "Weekly retention campaigns. TODO add exclusions"\n'
        "  purpose_of_model: Rows with N/A values were imputed.\n",
        encoding="utf-8",
    )
    proc = run_cli("check", "--no-cache", "--format", "concise", "model-card.yaml", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [
        'model-card.yaml:2:18: G003 [warning] "Your Name" is a placeholder, not a value; write '
        "the real content or leave the field out",
        'model-card.yaml:4:47: G003 [warning] placeholder text "TODO" in "Weekly retention '
        'campaigns. TODO add exclusions"; write the real content or leave the field out',
    ]
