"""The one schema walker (cardlint.schema.walk): what the findings, the rules and hover share."""

from __future__ import annotations

from typing import Any

import pytest

from cardlint.core.resources import load_vendored
from cardlint.lsp.hover import schema_for
from cardlint.rules import STRICT_PATCHES
from cardlint.rules._shared import schemas_at
from cardlint.rules.base import Card
from cardlint.schema.validation import load_schema
from cardlint.schema.walk import narrow, subschemas_at, typed_branch

METRIC = "/evaluation_details/0/metric_groups/0/metric_data/0"


def card(metric: dict[str, Any]) -> dict[str, Any]:
    group = {"name": "g", "metric_data": [metric]}
    return {"evaluation_details": [{"name": "e", "metric_groups": [group]}]}


@pytest.fixture(scope="module", params=["model-package", "model-card"])
def schema(request: pytest.FixtureRequest) -> Any:
    return load_vendored(request.param)


def union(schema: Any) -> list[Any]:
    """The metric_data items' anyOf (the branches are $refs)."""
    value = card({"name": "m", "type": "matrix", "value": [[1]]})
    found = subschemas_at(schema, value, METRIC)
    return next(s["anyOf"] for s in found if isinstance(s.get("anyOf"), list))


@pytest.mark.parametrize(
    ("kind", "branch"),
    [
        ("number", "simple_metric"),
        ("string", "simple_metric"),
        ("boolean", "simple_metric"),
        ("linear_graph", "linear_graph_metric"),
        ("bar_chart", "bar_chart_metric"),
        ("matrix", "matrix_metric"),
    ],
)
def test_the_metric_type_picks_one_branch_of_the_union(schema, kind, branch) -> None:
    branches = union(schema)
    index = typed_branch(schema, branches, {"type": kind})
    assert index is not None and branches[index]["$ref"].endswith(f"/{branch}")
    assert narrow(schema, branches, {"type": kind}) == [branches[index]]


@pytest.mark.parametrize("kind", [None, "Matrix", ["matrix"], 3])
def test_without_a_known_type_every_branch_applies(schema, kind) -> None:
    branches = union(schema)
    item = {} if kind is None else {"type": kind}
    assert typed_branch(schema, branches, item) is None
    assert narrow(schema, branches, item) == branches


def test_a_pointer_through_a_metric_reaches_only_its_branch(schema) -> None:
    value = card({"name": "m", "type": "bar_chart", "value": [1, 2]})
    found = subschemas_at(schema, value, f"{METRIC}/value")
    assert {s.get("type") for s in found} - {None} == {"array"}
    # The first is the schema written where the node belongs (bar_chart's one-branch union).
    assert found[0]["anyOf"][0]["type"] == "array"


def test_a_node_the_schema_does_not_describe_has_no_subschemas(schema) -> None:
    assert subschemas_at(schema, {"no_such_property": {"x": 1}}, "/no_such_property/x") == []


def test_rules_and_hover_walk_the_same_way() -> None:
    """The rules' view (every applicable subschema) holds the node hover describes."""
    value = card({"name": "m", "type": "linear_graph", "value": [[0.1, 0.5]]})
    pointer = f"{METRIC}/value/0"
    strict = load_schema("model-package", STRICT_PATCHES).document
    schemas = schemas_at(Card(value, "json", "model-package", schema_document=strict), pointer)
    assert schemas is not None
    described = schema_for(strict, value, pointer)
    assert any(all(s.get(k) == v for k, v in described.items()) for s in schemas)
    assert described["minItems"] == described["maxItems"] == 2


def test_a_dangling_local_ref_is_a_lookup_error() -> None:
    schema = {"properties": {"a": {"$ref": "#/definitions/missing"}}}
    with pytest.raises(LookupError):
        subschemas_at(schema, {"a": 1}, "/a")
    assert schemas_at(Card({"a": 1}, "json", schema_document=schema), "/a") is None  # as before
    assert schemas_at(Card({"a": 1}, "json", schema_document=schema), "/zzz") == []
