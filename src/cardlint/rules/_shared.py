"""Helpers shared by the lint rules: where the metrics are, one cached walk over every value,
and what the schema expects at a pointer.

Not a rule (no ``CODE``); the registry never lists it.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar, final

from cardlint.rules.base import Card
from cardlint.schema.walk import subschemas_at

SIMPLE_METRIC_TYPES = ("number", "string", "boolean")

T = TypeVar("T")


@final
class IdentityKey(Generic[T]):
    """A cache key that stands for one object by identity, not by value.

    A card value is a dict (unhashable), and comparing two cards by value would cost a walk
    over both: the per-card caches below (:func:`functools.lru_cache`) are keyed by the very
    object the engine hands every rule, so each rule after the first gets the cached answer.
    The cache holds the key and the key holds the object, so its ``id`` cannot be reused by
    another object while the entry lives.

    >>> card = {"model_overview": {}}
    >>> IdentityKey(card) == IdentityKey(card), IdentityKey(card) == IdentityKey(dict(card))
    (True, False)
    """

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IdentityKey) and other.value is self.value

    def __repr__(self) -> str:
        return f"IdentityKey(<{type(self.value).__name__} at {id(self.value):#x}>)"


def metrics(card: dict[str, Any]) -> tuple[tuple[str, dict[str, Any]], ...]:
    """``(pointer, metric)`` for every metric object under evaluation_details (found once per
    card, however many rules ask)."""
    return _metrics(IdentityKey(card))


@lru_cache(maxsize=4)  # the cache holds the card, so an id cannot be reused while cached
def _metrics(key: IdentityKey[dict[str, Any]]) -> tuple[tuple[str, dict[str, Any]], ...]:
    return tuple(_find_metrics(key.value))


def _find_metrics(card: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    evaluations = card.get("evaluation_details")
    if not isinstance(evaluations, list):
        return
    for i, evaluation in enumerate(evaluations):
        groups = evaluation.get("metric_groups") if isinstance(evaluation, dict) else None
        if not isinstance(groups, list):
            continue
        for j, group in enumerate(groups):
            data = group.get("metric_data") if isinstance(group, dict) else None
            if not isinstance(data, list):
                continue
            for k, metric in enumerate(data):
                if isinstance(metric, dict):
                    yield f"/evaluation_details/{i}/metric_groups/{j}/metric_data/{k}", metric


def training_metrics(card: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(pointer, metric)`` for every training metric object (SageMaker's and the user's)."""
    details = card.get("training_details")
    job = details.get("training_job_details") if isinstance(details, dict) else None
    if not isinstance(job, dict):
        return
    for key in ("training_metrics", "user_provided_training_metrics"):
        items = job.get(key)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    yield f"/training_details/training_job_details/{key}/{i}", item


def is_number(value: Any) -> bool:
    """A JSON number (``True`` is not one, though Python says so)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def fits_metric_type(metric_type: str, value: Any) -> bool:
    """Whether ``value`` has the JSON type a simple metric of ``metric_type`` needs."""
    if metric_type == "number":
        return is_number(value)
    if metric_type == "string":
        return isinstance(value, str)
    if metric_type == "boolean":
        return isinstance(value, bool)
    return True


def as_number(text: str) -> int | float | None:
    """The finite number a string spells in JSON (``" 0.93"`` → 0.93), else ``None``."""
    try:
        number = json.loads(text.strip())
    except ValueError:
        return None
    if not is_number(number) or (isinstance(number, float) and not math.isfinite(number)):
        return None
    return number


def reading(value: Any) -> str:
    """How a message names a parsed scalar: ``a boolean true``, ``a date 2024-03-01``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean {json.dumps(value)}"
    if isinstance(value, datetime.date):
        return f"a date {value.isoformat()}"
    if is_number(value):
        return f"a number {value!r}" if isinstance(value, float) else f"a number {value}"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


# -- one walk over the whole card, shared by the rules that need every value ----------------


def compact_json(card: Card) -> str | None:
    """The card as compact JSON (no spaces, characters unescaped, YAML dates as their text),
    or ``None`` when it cannot be written as JSON. Computed once per card, at C speed: the size
    rule measures it and the rules that look at every string search it before walking."""
    return _compact(IdentityKey(card.value))


@lru_cache(maxsize=4)  # the cache holds the card, so an id cannot be reused while cached
def _compact(key: IdentityKey[dict[str, Any]]) -> str | None:
    try:
        return json.dumps(key.value, separators=(",", ":"), ensure_ascii=False, default=str)
    except (ValueError, TypeError, RecursionError):
        return None


Path = tuple[Any, str | int] | None
"""A node's place in the card, as a chain ``(parent_path, key_or_index)``; the root is ``None``.
Cheaper to build than a pointer string for every node; :func:`cardlint.core.pointer.from_links`
turns one into a pointer when a rule reports it."""


class Leaves(NamedTuple):
    """Every string of a card and every empty value, with their paths."""

    strings: tuple[tuple[Path, str], ...]
    empties: tuple[tuple[Path, Any], ...]


def leaves(card: Card) -> Leaves:
    """The card's strings and empty values, computed once per card however many rules ask."""
    return _leaves(IdentityKey(card.value))


@lru_cache(maxsize=4)  # the cache holds the card, so an id cannot be reused while cached
def _leaves(key: IdentityKey[dict[str, Any]]) -> Leaves:
    strings: list[tuple[Path, str]] = []
    empties: list[tuple[Path, Any]] = []
    stack: list[tuple[Path, Any]] = [(None, key.value)]
    pop, push = stack.pop, stack.append
    while stack:
        path, node = pop()
        kind = type(node)
        if kind is str:
            strings.append((path, node))
            if not node or node.isspace():
                empties.append((path, node))
        elif kind is dict:
            if not node:
                empties.append((path, node))
            # Pushed last to first, so that they come off in the card's order: a rule that
            # reports thousands of sibling items keeps the first hundred (cap_siblings).
            for name, child in reversed(node.items()):
                push(((path, name), child))
        elif kind is list:
            if not node:
                empties.append((path, node))
            for index in range(len(node) - 1, -1, -1):
                push(((path, index), node[index]))
    return Leaves(tuple(strings), tuple(empties))


# -- what the schema says at a pointer (used only for the rare nodes a rule may report) ----


def schemas_at(card: Card, pointer: str) -> list[dict[str, Any]] | None:
    """The subschemas that apply to the node at ``pointer`` (``$ref`` resolved, the metric
    union narrowed by the metric's ``type``: :func:`cardlint.schema.walk.subschemas_at`), or
    ``None`` when the schema cannot be read (or the card came without it)."""
    root = card.schema_document
    if root is None:
        return None
    try:
        return subschemas_at(root, card.value, pointer)
    except Exception:  # an unreadable or odd schema: the rule falls back to reporting
        return None


def expected_types(schemas: list[dict[str, Any]]) -> frozenset[str] | None:
    """The JSON types the schemas allow (``None`` when none of them says)."""
    found: set[str] = set()
    for schema in schemas:
        kind = schema.get("type")
        if isinstance(kind, str):
            found.add(kind)
        elif isinstance(kind, list):
            found.update(k for k in kind if isinstance(k, str))
    if "number" in found:
        found.add("integer")
    return frozenset(found) if found else None


def schema_minimum(schemas: list[dict[str, Any]], keyword: str) -> int:
    """The largest ``minLength``/``minItems`` the schemas require (0 when none does)."""
    values = [s.get(keyword) for s in schemas]
    return max((v for v in values if isinstance(v, int) and not isinstance(v, bool)), default=0)


def json_type_of(value: Any) -> str:
    """JSON Schema's name for a parsed value's type (``integer`` for whole numbers)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "date"
