"""The strict schema: a corrected copy of a vendored schema.

The published model-package schema declares array limits it cannot enforce (``maxContains``
without ``contains``, ``maxItems`` inside ``items``) that the SageMaker Python SDK and
CloudFormation do enforce, and an ``objective_function`` whose malformed definition checks
nothing. Its unanchored ``.{1,63}`` name patterns are kept as published: SageMaker accepts longer
names, so they are not limits (the opt-in rule L002 measures them). :func:`strict_schema` returns a
copy with each of those corrected; every corrected keyword carries an annotation::

    "x-cardlint": {"maxItems": {"code": "L001", "why": "the published schema ..."}}

The schema mapping validates with this copy, in one pass, and reports an error raised by an
annotated keyword under the annotated code with the ``why`` appended, so a user learns why a
generic validator passed the card. The corrections themselves live in the ``L`` rule modules,
beside their documentation: each such module defines ``patch``, the rule registry collects them
(:data:`cardlint.rules.STRICT_PATCHES`), and the callers above the schema layer pass them in.
This module never imports a rule.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from typing import Any

ANNOTATION = "x-cardlint"

Patch = Callable[[dict[str, Any]], None]
"""A correction: changes one schema object in place (and :func:`mark` s what it changed)."""

# Keywords whose value is one subschema, and those whose value is a list or a map of them.
_ONE = ("items", "additionalProperties", "contains", "not", "if", "then", "else", "propertyNames")
_LIST = ("anyOf", "allOf", "oneOf", "prefixItems")
_MAP = ("properties", "patternProperties", "definitions", "$defs", "dependentSchemas")


def strict_schema(name: str, patches: Sequence[Patch]) -> dict[str, Any]:
    """A fresh copy of the vendored schema ``name`` (``model-package``) with ``patches``.

    >>> from cardlint.rules import STRICT_PATCHES
    >>> strict_schema("model-package", STRICT_PATCHES)["properties"]["model_overview"][
    ...     "properties"]["model_artifact"]["maxItems"]
    15
    """
    from cardlint.core.resources import load_vendored

    return correct(load_vendored(name), patches)


def correct(schema: dict[str, Any], patches: Sequence[Patch]) -> dict[str, Any]:
    """A deep copy of ``schema`` with each of ``patches`` applied to every schema object in it,
    in order; the argument is left untouched."""
    fixed = copy.deepcopy(schema)
    for node in subschemas(fixed):
        for patch in patches:
            patch(node)
    return fixed


def subschemas(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every schema object inside ``schema``, parents before children (so a patch may change
    a child before it is visited)."""
    stack = [schema]
    while stack:
        node = stack.pop()
        yield node
        for key in _ONE:
            child = node.get(key)
            if isinstance(child, dict):
                stack.append(child)
        for key in _LIST:
            children = node.get(key)
            if isinstance(children, list):
                stack.extend(c for c in children if isinstance(c, dict))
        for key in _MAP:
            children = node.get(key)
            if isinstance(children, dict):
                stack.extend(c for c in children.values() if isinstance(c, dict))


def mark(node: dict[str, Any], keyword: str, code: str, why: str) -> None:
    """Annotate ``keyword`` of ``node`` as a correction reported under ``code``."""
    node.setdefault(ANNOTATION, {})[keyword] = {"code": code, "why": why}


def annotation(schema: Any, keyword: str) -> tuple[str, str] | None:
    """``(code, why)`` when ``keyword`` of ``schema`` is a correction, else ``None``."""
    if not isinstance(schema, dict):
        return None
    marks = schema.get(ANNOTATION)
    found = marks.get(keyword) if isinstance(marks, dict) else None
    if not isinstance(found, dict):
        return None
    return str(found.get("code", "")), str(found.get("why", ""))
