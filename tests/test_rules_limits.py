"""L rules: limits the published schema declares but cannot enforce, via the strict schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from cardlint import lint_text
from cardlint.diagnostics import ReplaceValue
from cardlint.resources import load_vendored
from cardlint.strict import annotation, strict_schema
from conftest import EXAMPLES, json_findings


def diags(text: str, filename: str) -> list[tuple[str, str, int, int]]:
    return [
        (d.code, d.pointer, d.span.line, d.span.column) for d in lint_text(text, filename=filename)
    ]


def one(text: str, filename: str):  # the single error of a card (warnings have their tests)
    found = [d for d in lint_text(text, filename=filename) if d.severity == "error"]
    assert len(found) == 1, [(d.code, d.pointer, d.message) for d in found]
    return found[0]


ARTIFACTS_JSON = '{"model_overview": {"model_artifact": [%s]}}'
ARTIFACTS_YAML = "model_overview:\n  model_artifact:\n%s"


def artifacts(n: int, fmt: str) -> str:
    uris = [f"s3://ml-artifacts/m{i:02d}.tar.gz" for i in range(n)]
    if fmt == "json":
        return ARTIFACTS_JSON % ", ".join(json.dumps(u) for u in uris)
    return ARTIFACTS_YAML % "".join(f"    - {u}\n" for u in uris)


@pytest.mark.parametrize(("fmt", "line", "column"), [("json", 1, 39), ("yaml", 3, 5)])
def test_max_contains_without_contains_is_enforced(fmt: str, line: int, column: int) -> None:
    found = one(artifacts(16, fmt), f"card.{fmt}")
    assert (found.code, found.pointer, found.span.line, found.span.column) == (
        "L001",
        "/model_overview/model_artifact",
        line,
        column,
    )
    assert found.message == (
        "model_artifact has 16 items; at most 15 are allowed; the published schema declares "
        "this limit with maxContains, which does nothing without contains"
    )
    assert lint_text(artifacts(15, fmt), filename=f"card.{fmt}") == []


def hyper_parameters(n: int, fmt: str) -> str:
    items = [{"name": f"p{i}", "value": "1"} for i in range(n)]
    card = {"training_details": {"training_job_details": {"hyper_parameters": items}}}
    if fmt == "json":
        return json.dumps(card)
    import yaml

    return yaml.safe_dump(card, default_flow_style=False)


@pytest.mark.parametrize(("fmt", "line", "column"), [("json", 1, 68), ("yaml", 4, 5)])
def test_max_items_inside_items_is_enforced(fmt: str, line: int, column: int) -> None:
    found = one(hyper_parameters(101, fmt), f"card.{fmt}")
    assert (found.code, found.pointer, found.span.line, found.span.column) == (
        "L001",
        "/training_details/training_job_details/hyper_parameters",
        line,
        column,
    )
    assert found.message.startswith("hyper_parameters has 101 items; at most 100 are allowed; ")
    assert found.message.endswith("inside items, where it does not apply to the array")
    assert lint_text(hyper_parameters(100, fmt), filename=f"card.{fmt}") == []


EVAL_JSON = '{"evaluation_details": [{"name": "%s"}]}'
EVAL_YAML = "evaluation_details:\n  - name: %s\n"


@pytest.mark.parametrize(
    ("template", "filename", "column"),
    [(EVAL_JSON, "card.json", 34), (EVAL_YAML, "card.yaml", 11)],
)
def test_unanchored_pattern_length_is_enforced(template: str, filename: str, column: int) -> None:
    line = 1 if filename.endswith("json") else 2
    found = one(template % ("e" * 64), filename)
    assert (found.code, found.pointer, found.span.line, found.span.column) == (
        "L002",
        "/evaluation_details/0/name",
        line,
        column,
    )
    assert found.message == (
        "name is 64 characters long; at most 63 are allowed; the published schema declares this "
        'limit with the unanchored pattern ".{1,63}", which any longer string also matches'
    )
    ok = lint_text(template % ("e" * 63), filename=filename)
    assert [d.code for d in ok] == ["G004"]  # a warning about the missing metrics, no error


def test_length_counts_characters_not_bytes() -> None:
    found = one(EVAL_JSON % ("é" * 64), "card.json")
    assert found.code == "L002"
    assert found.message.startswith("name is 64 characters long")
    assert [d.code for d in lint_text(EVAL_JSON % ("é" * 63), filename="c.json")] == ["G004"]


def test_empty_name_is_the_schema_minimum_not_a_pattern_message() -> None:
    found = [d for d in lint_text(EVAL_JSON % "", filename="c.json") if d.code != "G004"]
    assert [(d.code, d.pointer, d.message) for d in found] == [
        ("S005", "/evaluation_details/0/name", "name is 0 characters long; at least 1 is required")
    ]


def test_hyper_parameter_value_of_256_characters() -> None:
    card = {
        "training_details": {
            "training_job_details": {"hyper_parameters": [{"name": "p", "value": "v" * 256}]}
        }
    }
    found = one(json.dumps(card), "card.json")
    assert (found.code, found.pointer) == (
        "L002",
        "/training_details/training_job_details/hyper_parameters/0/value",
    )
    assert '".{1,255}"' in found.message


OBJECTIVE = "/training_details/objective_function"


@pytest.mark.parametrize(
    ("text", "filename", "position"),
    [
        ('{"training_details": {"objective_function": "Minimize loss"}}', "c.json", (1, 45)),
        ("training_details:\n  objective_function: Minimize loss\n", "c.yaml", (2, 23)),
    ],
)
def test_objective_function_string_is_one_error_showing_the_shape(
    text: str, filename: str, position: tuple[int, int]
) -> None:
    found = one(text, filename)
    assert (found.code, found.pointer, (found.span.line, found.span.column)) == (
        "L003",
        OBJECTIVE,
        position,
    )
    assert found.message == (
        'objective_function must be an object, not a string "Minimize loss"; expected '
        '{"function": {"function": "Maximize" or "Minimize", "facet": "...", "condition": '
        '"..."}, "notes": "..."}; the published schema declares this shape but its malformed '
        "definition checks nothing"
    )


@pytest.mark.parametrize(
    ("text", "filename", "position"),
    [
        (
            '{"training_details": {"objective_function": {"function": {"function": "Minimise"}}}}',
            "c.json",
            (1, 71),
        ),
        (
            "training_details:\n  objective_function:\n    function:\n      function: Minimise\n",
            "c.yaml",
            (4, 17),
        ),
    ],
)
def test_objective_function_near_spelling_carries_the_value(
    text: str, filename: str, position: tuple[int, int]
) -> None:
    found = one(text, filename)
    assert (found.code, found.pointer, (found.span.line, found.span.column)) == (
        "L003",
        f"{OBJECTIVE}/function/function",
        position,
    )
    assert found.message.startswith(
        'function "Minimise" is not one of Maximize, Minimize (did you mean "Minimize"?); '
    )
    assert found.fix_intent is not None
    assert found.fix_intent.actions == (ReplaceValue(f"{OBJECTIVE}/function/function", "Minimize"),)


def test_objective_function_every_defect_once() -> None:
    card = {
        "training_details": {
            "objective_function": {
                "function": {"function": "Maximize", "facet": "f" * 64, "goal": "x"},
                "notes": 5,
                "comment": "",
            }
        }
    }
    found = [(d.code, d.pointer) for d in lint_text(json.dumps(card), filename="c.json")]
    assert found == [  # and no G002 for the empty unknown property: one defect, one finding
        ("L003", f"{OBJECTIVE}/function/facet"),
        ("L003", f"{OBJECTIVE}/function/goal"),
        ("L003", f"{OBJECTIVE}/notes"),
        ("L003", f"{OBJECTIVE}/comment"),
    ]


def test_inner_function_written_as_a_string_shows_the_inner_shape() -> None:
    found = one('{"training_details": {"objective_function": {"function": "Minimize"}}}', "c.json")
    assert (found.code, found.pointer) == ("L003", f"{OBJECTIVE}/function")
    assert 'expected {"function": "Maximize" or "Minimize", "facet"' in found.message


def test_the_sdk_objective_function_passes() -> None:
    card = {
        "training_details": {
            "objective_function": {
                "function": {"function": "Minimize", "facet": "Loss", "condition": "val"},
                "notes": "n",
            }
        }
    }
    assert lint_text(json.dumps(card), filename="c.json") == []


def test_strict_schema_corrects_and_annotates_a_copy() -> None:
    published = load_vendored("model-package")
    strict = strict_schema("model-package")
    jsonschema.Draft202012Validator.check_schema(strict)
    overview = strict["properties"]["model_overview"]["properties"]
    assert overview["model_artifact"]["maxItems"] == 15
    assert "maxContains" not in overview["model_artifact"]
    assert annotation(overview["model_artifact"], "maxItems")[0] == "L001"
    job = strict["properties"]["training_details"]["properties"]["training_job_details"]
    metrics = job["properties"]["training_metrics"]
    assert (metrics["maxItems"], "maxItems" in metrics["items"]) == (50, False)
    name = strict["definitions"]["training_metric"]["properties"]["name"]
    assert (name.get("pattern"), name["minLength"], name["maxLength"]) == (None, 1, 255)
    assert annotation(name, "maxLength")[0] == "L002"
    assert annotation(name, "minLength") is None
    objective = strict["properties"]["training_details"]["properties"]["objective_function"]
    assert objective["type"] == "object"
    assert annotation(objective, "type")[0] == "L003"
    # The published copy is untouched, and a fresh copy is returned each time.
    published_overview = published["properties"]["model_overview"]["properties"]
    assert published_overview["model_artifact"]["maxContains"] == 15
    strict["mutated"] = True
    assert "mutated" not in strict_schema("model-package")


def test_a_generic_validator_passes_what_the_l_rules_reject() -> None:
    published = jsonschema.Draft202012Validator(load_vendored("model-package"))
    for name in ("limits-model-card.json", "limits-model-card.yaml"):
        import yaml

        value = yaml.safe_load((EXAMPLES / "rules" / name).read_text(encoding="utf-8"))
        assert list(published.iter_errors(value)) == []


IMAGES = "/training_details/training_job_details/training_environment/container_image"
EXPECTED = {
    "rules/limits-model-card.json": [
        ("L003", "/training_details/objective_function/function/function", 4, 53),
        (
            "L001",
            "/training_details/training_job_details/training_environment/container_image",
            7,
            28,
        ),
        ("L001", "/training_details/training_job_details/user_provided_training_metrics", 26, 41),
        ("L002", "/evaluation_details/0/name", 83, 15),
    ],
    "rules/limits-model-card.yaml": [
        ("L003", "/training_details/objective_function", 5, 23),
        (
            "L001",
            "/training_details/training_job_details/training_environment/container_image",
            9,
            9,
        ),
        ("L001", "/training_details/training_job_details/user_provided_training_metrics", 26, 7),
        ("L002", "/evaluation_details/0/name", 78, 11),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_cards_with_the_installed_command(name: str) -> None:
    assert json_findings(name, cwd=EXAMPLES) == EXPECTED[name]
