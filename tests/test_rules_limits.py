"""L rules: limits the published schema declares but cannot enforce, via the strict schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from cardlint import lint_text
from cardlint.core.diagnostics import ReplaceValue
from cardlint.core.resources import load_vendored
from cardlint.core.settings import Settings
from cardlint.rules import STRICT_PATCHES
from cardlint.schema.strict import annotation, strict_schema
from helpers import EXAMPLES, json_findings, run_cli


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
L002_ON = Settings(extend_select=("L002",))


@pytest.mark.parametrize("schema", ["model-package", "model-card"])
@pytest.mark.parametrize(("template", "filename"), [(EVAL_JSON, "c.json"), (EVAL_YAML, "c.yaml")])
def test_long_names_are_no_error_under_either_schema(
    template: str, filename: str, schema: str
) -> None:
    # The service validates with the same unanchored ".{1,63}" and accepts longer names.
    found = lint_text(template % ("e" * 75), filename=filename, schema=schema)
    assert [d.code for d in found] == ["G004"]  # a warning about the missing metrics only


@pytest.mark.parametrize("schema", ["model-package", "model-card"])
@pytest.mark.parametrize(
    ("template", "filename", "column"),
    [(EVAL_JSON, "card.json", 34), (EVAL_YAML, "card.yaml", 11)],
)
def test_long_names_are_an_opt_in_warning(
    template: str, filename: str, column: int, schema: str
) -> None:
    line = 1 if filename.endswith("json") else 2
    found = [
        d
        for d in lint_text(template % ("e" * 64), filename=filename, settings=L002_ON)
        if d.code == "L002"
    ]
    assert [(d.code, d.severity, d.pointer, d.span.line, d.span.column) for d in found] == [
        ("L002", "warning", "/evaluation_details/0/name", line, column)
    ]
    assert found[0].message == (
        'name is 64 characters long, more than the 63 that the published pattern ".{1,63}" '
        "suggests; SageMaker accepts longer names, so shorten it only if another tool needs "
        "the limit"
    )
    ok = lint_text(template % ("e" * 63), filename=filename, settings=L002_ON, schema=schema)
    assert [d.code for d in ok] == ["G004"]


def test_opt_in_needs_a_selector_other_than_all() -> None:
    card = EVAL_JSON % ("e" * 64)
    for settings, enabled in [
        (Settings(), False),
        (Settings(select=("ALL",)), False),
        (Settings(select=("L",)), True),
        (Settings(select=("ALL",), extend_select=("L002",)), True),
        (Settings(extend_select=("L002",), ignore=("L",)), True),
        (Settings(select=("L002",), ignore=("L002",)), False),
    ]:
        codes = [d.code for d in lint_text(card, filename="c.json", settings=settings)]
        assert ("L002" in codes) is enabled, settings


def test_the_opt_in_rule_through_the_command() -> None:
    proc = run_cli(
        "check",
        "--format",
        "concise",
        "--extend-select",
        "L002",
        "rules/limits-model-card.yaml",
        cwd=EXAMPLES,
    )
    lines = [line for line in proc.stdout.splitlines() if " L002 " in line]
    assert lines == [
        "rules/limits-model-card.yaml:78:11: L002 [warning] name is 66 characters long, more "
        'than the 63 that the published pattern ".{1,63}" suggests; SageMaker accepts longer '
        "names, so shorten it only if another tool needs the limit"
    ]
    default = run_cli("check", "--format", "concise", "rules/limits-model-card.yaml", cwd=EXAMPLES)
    assert " L002 " not in default.stdout


def test_length_counts_characters_not_bytes() -> None:
    found = lint_text(EVAL_JSON % ("é" * 64), filename="card.json", settings=L002_ON)
    assert [d.message[:30] for d in found if d.code == "L002"] == ["name is 64 characters long, mo"]
    found = lint_text(EVAL_JSON % ("é" * 63), filename="c.json", settings=L002_ON)
    assert [d.code for d in found] == ["G004"]


@pytest.mark.parametrize("schema", ["model-package", "model-card"])
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "name is empty; write at least one character"),
        ("\\n\\n", "name holds only line breaks; write at least one character"),
    ],
)
def test_a_name_without_a_character_is_the_pattern_in_one_finding(
    schema: str, name: str, message: str
) -> None:
    found = [
        d for d in lint_text(EVAL_JSON % name, filename="c.json", schema=schema) if d.code != "G004"
    ]
    assert [(d.code, d.pointer, d.message) for d in found] == [
        ("S006", "/evaluation_details/0/name", message)
    ]


@pytest.mark.parametrize("schema", ["model-package", "model-card"])
def test_hyper_parameter_value_of_256_characters(schema: str) -> None:
    card = {
        "training_details": {
            "training_job_details": {"hyper_parameters": [{"name": "p", "value": "v" * 256}]}
        }
    }
    assert lint_text(json.dumps(card), filename="card.json", schema=schema) == []
    found = lint_text(json.dumps(card), filename="card.json", schema=schema, settings=L002_ON)
    assert [(d.code, d.pointer) for d in found] == [
        ("L002", "/training_details/training_job_details/hyper_parameters/0/value")
    ]
    assert "SageMaker accepts longer values" in found[0].message


def test_the_model_card_schema_keeps_the_published_pattern() -> None:
    for name in ("model-card", "model-package"):
        strict = strict_schema(name, STRICT_PATCHES)
        defs = strict.get("$defs") or strict["definitions"]
        node = defs["training_metric"]["properties"]["name"]
        assert (node["pattern"], "maxLength" in node, "minLength" in node) == (
            ".{1,255}",
            False,
            False,
        )


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
    strict = strict_schema("model-package", STRICT_PATCHES)
    jsonschema.Draft202012Validator.check_schema(strict)
    overview = strict["properties"]["model_overview"]["properties"]
    assert overview["model_artifact"]["maxItems"] == 15
    assert "maxContains" not in overview["model_artifact"]
    assert annotation(overview["model_artifact"], "maxItems")[0] == "L001"
    job = strict["properties"]["training_details"]["properties"]["training_job_details"]
    metrics = job["properties"]["training_metrics"]
    assert (metrics["maxItems"], "maxItems" in metrics["items"]) == (50, False)
    name = strict["definitions"]["training_metric"]["properties"]["name"]
    assert (name.get("pattern"), "minLength" in name, "maxLength" in name) == (".{1,255}", 0, 0)
    assert annotation(name, "maxLength") is None
    objective = strict["properties"]["training_details"]["properties"]["objective_function"]
    assert objective["type"] == "object"
    assert annotation(objective, "type")[0] == "L003"
    # The published copy is untouched, and a fresh copy is returned each time.
    published_overview = published["properties"]["model_overview"]["properties"]
    assert published_overview["model_artifact"]["maxContains"] == 15
    strict["mutated"] = True
    assert "mutated" not in strict_schema("model-package", STRICT_PATCHES)


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
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_cards_with_the_installed_command(name: str) -> None:
    assert json_findings(name, cwd=EXAMPLES) == EXPECTED[name]
