"""The one schema walker: which parts of a schema describe a node of a card.

Given the schema document, the card value and a JSON pointer, :func:`subschemas_at` follows the
pointer through ``properties``, ``additionalProperties`` and ``items``, resolves local ``$ref``
chains and expands ``allOf``, ``anyOf`` and ``oneOf``. A union of typed objects (the metric
shapes of ``metric_data``) is narrowed to the branch the item's ``type`` names: the choice the
schema findings make (one defect, one branch), the lint rules ask about and hover describes.

>>> schema = {"properties": {"m": {"anyOf": [{"$ref": "#/$defs/n"}, {"$ref": "#/$defs/s"}]}},
...           "$defs": {"n": {"properties": {"type": {"enum": ["number"]}, "value": {"type":
...           "number"}}}, "s": {"properties": {"type": {"enum": ["string"]}}}}}
>>> [s.get("type") for s in subschemas_at(schema, {"m": {"type": "number"}}, "/m/value")]
['number']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cardlint.core.pointer import resolve, split

_REF_CHAIN = 32
"""How many ``$ref`` hops :func:`resolve_ref` follows before giving up (a loop)."""


def resolve_ref(root: Mapping[str, Any], node: Any) -> Any:
    """``node`` with its local ``$ref`` chain followed (``#/definitions/x``); a reference
    elsewhere, or to nothing, leaves the node as it is."""
    hops = 0
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and hops < _REF_CHAIN:
        ref = node["$ref"]
        if not ref.startswith("#"):
            return node
        target: Any = root
        for token in split(ref[1:]):
            if not isinstance(target, Mapping) or token not in target:
                return node
            target = target[token]
        node, hops = target, hops + 1
    return node


def type_enum(root: Mapping[str, Any], branch: Any) -> list[Any]:
    """The values an object schema's ``type`` property allows (empty: not a typed object).

    >>> type_enum({}, {"properties": {"type": {"enum": ["matrix"]}}})
    ['matrix']
    """
    branch = resolve_ref(root, branch)
    if not isinstance(branch, Mapping) or not isinstance(branch.get("properties"), Mapping):
        return []
    kind = resolve_ref(root, branch["properties"].get("type", {}))
    enum = kind.get("enum") if isinstance(kind, Mapping) else None
    return list(enum) if isinstance(enum, list) else []


def typed_branch(root: Mapping[str, Any], branches: Sequence[Any], instance: Any) -> int | None:
    """The index of the first branch whose ``type`` property lists the instance's ``type``
    (a metric's shape), ``None`` when the instance has no such type or no branch lists it."""
    kind = instance.get("type") if isinstance(instance, Mapping) else None
    if not isinstance(kind, str):
        return None
    return next((i for i, b in enumerate(branches) if kind in type_enum(root, b)), None)


def narrow(root: Mapping[str, Any], branches: Sequence[Any], instance: Any) -> list[Any]:
    """The branches of an ``anyOf``/``oneOf`` that apply to ``instance``: those whose ``type``
    property lists its ``type``, or all of them when none does (or it has no type)."""
    kind = instance.get("type") if isinstance(instance, Mapping) else None
    if not isinstance(kind, str):
        return list(branches)
    chosen = [b for b in branches if kind in type_enum(root, b)]
    return chosen or list(branches)


def expand(root: Mapping[str, Any], schemas: Sequence[Any], instance: Any) -> list[dict[str, Any]]:
    """``schemas`` and every schema they bring in for ``instance``, each once, parents first
    in document order: the ``$ref`` target, the ``allOf`` members, the ``anyOf``/``oneOf``
    branches (narrowed by :func:`narrow`). Raises ``LookupError`` for a local ``$ref`` to
    nothing."""
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    stack = list(reversed(schemas))
    while stack:
        schema = stack.pop()
        if not isinstance(schema, dict) or id(schema) in seen:
            continue
        seen.add(id(schema))
        out.append(schema)
        more: list[Any] = []
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            more.append(resolve(root, ref[1:]))
        more.extend(schema.get("allOf") or ())
        for keyword in ("anyOf", "oneOf"):
            branches = schema.get(keyword)
            if isinstance(branches, list):
                more.extend(narrow(root, branches, instance))
        stack.extend(reversed(more))
    return out


def children(schemas: Sequence[dict[str, Any]], instance: Any, token: str) -> list[Any]:
    """The schemas (unresolved) of the child ``token`` of ``instance``, one per schema that
    says: its ``properties`` entry, else its ``additionalProperties`` for an object; its
    ``items`` for an array."""
    found: list[Any] = []
    for schema in schemas:
        if isinstance(instance, dict):
            properties = schema.get("properties")
            if isinstance(properties, dict) and token in properties:
                found.append(properties[token])
                continue
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
                found.append(extra)
        elif isinstance(instance, list):
            items = schema.get("items")
            if isinstance(items, dict):
                found.append(items)
    return found


def child(instance: Any, token: str) -> Any:
    """The child ``token`` of a card value (``None`` when there is none)."""
    if isinstance(instance, dict):
        return instance.get(token)
    if isinstance(instance, list) and token.isdigit() and int(token) < len(instance):
        return instance[int(token)]
    return None


def subschemas_at(root: Mapping[str, Any], value: Any, pointer: str) -> list[dict[str, Any]]:
    """The subschemas that apply to the node at ``pointer`` of ``value``, expanded by
    :func:`expand` (the first is the schema written where the node belongs, before its
    ``$ref`` is followed); ``[]`` when the schema does not describe it. Raises ``LookupError``
    for a local ``$ref`` to nothing."""
    instance = value
    current = expand(root, [root], instance)
    for token in split(pointer):
        instance_child = child(instance, token)
        current = expand(root, children(current, instance, token), instance_child)
        instance = instance_child
    return current
