"""``cardlint schema``: the vendored schema, or the strict one that editors use.

The strict schema is :func:`cardlint.schema.strict.strict_schema` with the rules' corrections
(real ``maxItems``, the ``objective_function`` shape), which the caller passes in, and one more
change for editors: a metric item's shape is chosen by its ``type`` (``if``/``then``), so
yaml-language-server and VS Code report the errors of that one shape, and a
``number``/``string``/``boolean`` metric's ``value`` must have that type.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cardlint.schema.strict import Patch

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The dialect cardlint validates with; declared so that editors pick the same one."""

_METRIC_REFS = {
    "#/definitions/simple_metric": ("number", "string", "boolean"),
    "#/definitions/linear_graph_metric": ("linear_graph",),
    "#/definitions/bar_chart_metric": ("bar_chart",),
    "#/definitions/matrix_metric": ("matrix",),
}


def exported_schema(name: str, strict: Sequence[Patch] | None = None) -> dict[str, Any]:
    """The schema ``cardlint schema [--strict] NAME`` prints: as published, or (``strict``,
    the rules' :data:`~cardlint.rules.STRICT_PATCHES`) the strict schema for editors."""
    if strict is None:
        from cardlint.core.resources import load_vendored

        return copy.deepcopy(load_vendored(name))
    from cardlint.schema.strict import strict_schema, subschemas

    schema = strict_schema(name, strict)
    schema.setdefault("$schema", DRAFT)
    for node in subschemas(schema):
        _select_metric_branch(node)
    return schema


def _select_metric_branch(node: dict[str, Any]) -> None:
    """Turn ``anyOf`` over the four metric shapes into ``if``/``then`` on ``type``."""
    branches = node.get("anyOf")
    if not isinstance(branches, list) or not branches:
        return
    refs = [b.get("$ref") if isinstance(b, dict) else None for b in branches]
    if sorted(map(str, refs)) != sorted(_METRIC_REFS):
        return
    rules: list[dict[str, Any]] = []
    for ref in refs:
        types = _METRIC_REFS[str(ref)]
        rules.append({"if": _type_is(types), "then": {"$ref": ref}})
    for kind in ("number", "string", "boolean"):
        rules.append({"if": _type_is((kind,)), "then": {"properties": {"value": {"type": kind}}}})
    del node["anyOf"]
    node.update(
        {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"enum": [t for ts in _METRIC_REFS.values() for t in ts]}},
            "allOf": rules,
        }
    )


def _type_is(types: tuple[str, ...]) -> dict[str, Any]:
    return {"properties": {"type": {"enum": list(types)}}, "required": ["type"]}
