"""What the language server shows on hover: a property's schema description and limits.

:func:`hover_text` is a pure function of the schema, the card's value and a JSON pointer, on
the schema walker (:mod:`cardlint.schema.walk`). :func:`hover_at` finds the card and the key
under the cursor in the document the check parsed (the whole file, or a card inside an API
document or a CloudFormation template, found as the check finds them), and
:func:`hover_answer` makes that the protocol's answer, under the check's time limit.

Metric items are a choice of shapes picked by their ``type`` (the schema's ``anyOf`` of typed
objects): hovering ``type`` lists every metric type, hovering ``value`` describes the shape the
type selects, or says that the shape cannot be told while the type is missing or misspelled.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from cardlint.core.pointer import from_path, join, parent, split
from cardlint.core.span import Span
from cardlint.lsp.positions import Positions, span_range
from cardlint.schema.walk import child as child_value
from cardlint.schema.walk import resolve_ref, subschemas_at, type_enum

if TYPE_CHECKING:
    from lsprotocol import types as lsp

    from cardlint.core.settings import Settings
    from cardlint.loading.cards import CardSlot
    from cardlint.loading.document import Document
    from cardlint.lsp.documents import Checked

_UNANCHORED_LENGTH = re.compile(r"\.\{\d+,\d+\}")

METRIC_SHAPES = {
    "number": "a number, for example `0.93`",
    "string": "a string of at most 63 characters, for example `high`",
    "boolean": "`true` or `false`",
    "linear_graph": "a list of [x, y] pairs of numbers, one pair per point of the line, "
    "for example `[[0.1, 0.62], [0.2, 0.71]]`",
    "bar_chart": "a list of numbers, one per bar, for example `[120, 80, 45]`",
    "matrix": "a list of rows, each a list of numbers (1 to 20 rows of 1 to 20 numbers), "
    "for example `[[50, 3], [7, 40]]`",
}
"""What ``value`` holds for each metric ``type`` (the limits come from the schema)."""

AXIS_SHAPES = {
    "linear_graph": ("the name of the x axis", "the name of the y axis"),
    "bar_chart": ("a list of bar labels, one per bar", "the name of the y axis"),
    "matrix": ("a list of column labels", "a list of row labels"),
}
"""What ``x_axis_name`` and ``y_axis_name`` hold for the chart types."""


class HoverInfo(NamedTuple):
    """What hovering shows: Markdown text and the span of the hovered key or value."""

    markdown: str
    span: Span


def _node_at(schema: Mapping[str, Any], value: Any, pointer: str) -> tuple[Any, Any]:
    """The schema node written where the node at ``pointer`` belongs (its ``$ref`` not yet
    followed, a choice of branches left unpicked) and the instance there; ``(None, None)``
    when the schema does not describe it."""
    try:
        found = subschemas_at(schema, value, pointer)
    except LookupError:  # a $ref to nothing in a schema file: nothing to show
        return None, None
    if not found:
        return None, None
    instance = value
    for token in split(pointer):
        instance = child_value(instance, token)
    return found[0], instance


def schema_for(schema: Mapping[str, Any], value: Any, pointer: str) -> Any:
    """The subschema (``$ref`` resolved, with the referring node's own ``description`` kept)
    that describes the node at ``pointer`` of ``value``; ``None`` when the schema has none.
    """
    node, _ = _node_at(schema, value, pointer)
    resolved = resolve_ref(schema, node)
    if not isinstance(resolved, Mapping):
        return None
    branches = resolved.get("anyOf")
    if isinstance(branches, list) and len(branches) == 1:  # metric values: a one-branch anyOf
        branch = resolve_ref(schema, branches[0])
        if isinstance(branch, Mapping):
            resolved = {**branch, **{k: v for k, v in resolved.items() if k != "anyOf"}}
    # A property's own description ("Risk rating for model card.") beats its $ref target's.
    own = node.get("description") if isinstance(node, Mapping) else None
    return {**resolved, "description": own} if isinstance(own, str) else resolved


def typed_choice(schema: Mapping[str, Any], value: Any, pointer: str) -> list[str] | None:
    """Every ``type`` the object at ``pointer`` may have when the schema picks its shape by
    its ``type`` (metric items: ``number`` … ``matrix``); ``None`` for any other object."""
    node, _ = _node_at(schema, value, pointer)
    node = resolve_ref(schema, node)
    if not isinstance(node, Mapping):
        return None
    for keyword in ("anyOf", "oneOf"):
        branches = node.get(keyword)
        if isinstance(branches, list) and len(branches) > 1:
            kinds = [type_enum(schema, b) for b in branches]
            if all(kinds):
                return [str(kind) for each in kinds for kind in each]
    return None


def _inside_untyped_field(schema: Mapping[str, Any], value: Any, tokens: list[str]) -> bool:
    """Whether ``tokens`` lead inside a field (``value``, an axis name) of an object whose shape
    its ``type`` picks while that type is missing or unknown: the field's own hover says the
    shape cannot be told, so nothing below it is described either."""
    instance = value
    for depth, token in enumerate(tokens[:-2]):
        instance = child_value(instance, token)
        if not isinstance(instance, Mapping):
            continue
        kinds = typed_choice(schema, value, from_path(tokens[: depth + 1]))
        if kinds is not None and instance.get("type") not in kinds:
            return True
    return False


def _plural(count: Any, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _limits(node: Mapping[str, Any], required: bool) -> Iterator[str]:
    """One line per limit the schema declares for a node."""
    kind = node.get("type")
    if isinstance(kind, str):
        yield f"type: `{kind}`"
    elif isinstance(node.get("anyOf"), list):
        kinds = [b.get("type") for b in node["anyOf"] if isinstance(b, Mapping)]
        if all(isinstance(k, str) for k in kinds) and kinds:
            yield "type: " + " or ".join(f"`{k}`" for k in kinds)
    if required:
        yield "required"
    if isinstance(node.get("enum"), list):
        yield "one of: " + ", ".join(f"`{v}`" for v in node["enum"])
    counted = {
        "minLength": ("at least", "character"),
        "maxLength": ("at most", "character"),
        "minItems": ("at least", "item"),
        "maxItems": ("at most", "item"),
        "minContains": ("at least", "item"),
        "maxContains": ("at most", "item"),
    }
    plain = {
        "pattern": "matches `{}`",
        "minimum": "at least {}",
        "maximum": "at most {}",
        "exclusiveMinimum": "greater than {}",
        "exclusiveMaximum": "less than {}",
    }
    for keyword in (
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "minContains",
        "maxContains",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
    ):
        if keyword not in node or isinstance(node[keyword], Mapping | list):
            continue
        if keyword == "pattern" and _UNANCHORED_LENGTH.fullmatch(str(node[keyword])):
            # ".{1,63}" asks for one character; SageMaker accepts longer names (see L002).
            least = int(str(node[keyword])[2:].split(",")[0])
            yield (
                f"at least {_plural(least, 'character')} (the published pattern "
                f"`{node[keyword]}`; SageMaker accepts longer ones)"
            )
        elif keyword in counted:
            words, noun = counted[keyword]
            text = f"{words} {_plural(node[keyword], noun)}"
            yield text + (f" (declared as `{keyword}`)" if "Contains" in keyword else "")
        else:
            yield plain[keyword].format(node[keyword])
    if isinstance(node.get("required"), list) and node["required"]:
        yield "requires: " + ", ".join(f"`{name}`" for name in node["required"])


def _metric_lines(
    schema: Mapping[str, Any], value: Any, tokens: list[str]
) -> tuple[list[str], bool] | None:
    """Lines about a metric's ``type``, ``value`` or axis names, and whether the schema's own
    limits should follow; ``None`` when ``tokens`` is not such a field of a typed object."""
    if not tokens or tokens[-1] not in ("type", "value", "x_axis_name", "y_axis_name"):
        return None
    owner = from_path(tokens[:-1])
    kinds = typed_choice(schema, value, owner)
    if kinds is None:
        return None
    _, instance = _node_at(schema, value, owner)
    kind = instance.get("type") if isinstance(instance, Mapping) else None
    known = isinstance(kind, str) and kind in kinds
    listed = ", ".join(f"`{k}`" for k in kinds)
    field = tokens[-1]
    if field == "type":
        lines = [f"The metric's type; it picks the shape of `value`. One of: {listed}."]
        if not known:
            shown = "missing" if kind is None else f"`{kind}`, not one of them"
            lines.append(f"This metric's type is {shown}.")
        return lines, False
    if not known:
        what = "is missing" if kind is None else f"`{kind}` is not a metric type"
        return [
            f"The shape of `{field}` depends on the metric's `type`: its type {what}, so the "
            f"shape cannot be told until the type is one of {listed}."
        ], False
    assert isinstance(kind, str)
    axes = AXIS_SHAPES.get(kind)
    if field == "value":
        shape = METRIC_SHAPES.get(kind)
        # A chart's limits come from the schema; a single value's union of types would mislead.
        return ([f"For a `{kind}` metric: {shape}."] if shape else []), axes is not None
    if axes is None:
        return [], True
    return [f"For a `{kind}` metric: {axes[0 if field == 'x_axis_name' else 1]}."], True


def hover_text(
    schema: Mapping[str, Any], value: Any, pointer: str, *, shown: str | None = None
) -> str | None:
    """Markdown describing the property at ``pointer``: name, description and limits.

    ``shown``: the pointer to name it by, when the file writes it otherwise (a card inside a
    template: ``/Resources/Card/Properties/Content/IntendedUses/RiskRating``).
    """
    tokens = split(pointer)
    if _inside_untyped_field(schema, value, tokens):
        return None
    node = schema_for(schema, value, pointer)
    if node is None:
        return None
    owner = schema_for(schema, value, parent(pointer)) if tokens else None
    required = (
        isinstance(owner, Mapping)
        and isinstance(owner.get("required"), list)
        and tokens[-1] in owner["required"]
    )
    shown = pointer if shown is None else shown
    shown_tokens = split(shown)
    name = shown_tokens[-1] if shown_tokens else "model card"
    lines = [f"**{name}** `{shown or '/'}`"]
    description = node.get("description")
    if isinstance(description, str) and description:
        lines += ["", description]
    metric = _metric_lines(schema, value, tokens)
    if metric is not None:
        about, with_limits = metric
        lines += ["", *about] if about else []
        if not with_limits:
            return "\n".join(lines)
    limits = list(_limits(node, required))
    if limits:
        lines += ["", *(f"- {limit}" for limit in limits)]
    return "\n".join(lines)


def _contains(span: Span, offset: int) -> bool:
    # The end is inclusive: a cursor just after a word still hovers that word.
    return span.start <= offset <= span.end


def node_at(document: Document, offset: int) -> tuple[str, Span] | None:
    """The pointer and span of the key (or scalar value) under a character offset."""
    stack: list[tuple[str, Any]] = [("", document.value)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            children: Iterator[tuple[str, Any]] = (
                (join(pointer, key), child) for key, child in node.items() if isinstance(key, str)
            )
        elif isinstance(node, list):
            children = ((join(pointer, i), child) for i, child in enumerate(node))
        else:
            continue
        for child_pointer, child in children:
            if isinstance(node, dict):
                key_span = document.locate(child_pointer, "key")
                if _contains(key_span, offset):
                    return child_pointer, key_span
            value_span = document.locate(child_pointer, "value")
            if not _contains(value_span, offset):
                continue
            if isinstance(child, dict | list):
                stack.append((child_pointer, child))
            else:
                return child_pointer, value_span
    return None


def _in_card(document: Document, slot: CardSlot, offset: int) -> tuple[str, Span] | None:
    """The card pointer and the span in the file of what is under ``offset`` in the card of
    ``slot``; ``None`` when the offset is elsewhere (or on nothing)."""
    if slot.inner is not None:  # a card in a JSON string: find the character inside it
        if not _contains(document.locate(slot.root), offset):
            return None
        inner = bisect_right(slot.host.offsets, offset) - 1
        found = node_at(slot.inner, max(inner, 0))
        if found is None:
            return None
        return found[0], slot.host.span(found[1], document.lines)
    found = node_at(document, offset)
    if found is None or slot.written is None:  # the whole file is the card
        return found
    pointer, span = found
    # PascalCase content of a template: back to the card's own (snake_case) pointer.
    card = {outer: inside for inside, outer in slot.written.items()}.get(pointer)
    return None if card is None else (card, span)


def hover_at(document: Document, settings: Settings, offset: int) -> HoverInfo | None:
    """What to show when hovering at ``offset`` of a checked document, if anything: the cards
    are found as the check found them (the whole file, or those inside an API document or a
    template), each described by the schema it was checked against, and named as the file
    writes it (the pointer its diagnostics name)."""
    from cardlint.loading.cards import choose_schema, find_cards
    from cardlint.rules import STRICT_PATCHES
    from cardlint.schema.validation import SchemaError, load_schema

    for slot in find_cards(document, settings.limits):
        found = _in_card(document, slot, offset) if slot.check else None
        if found is None:
            continue
        pointer, span = found
        try:
            schema = load_schema(choose_schema(settings.schema, slot), STRICT_PATCHES).document
        except SchemaError:
            return None
        text = hover_text(schema, slot.value, pointer, shown=slot.outer_pointer(pointer))
        return HoverInfo(text, span) if text else None
    return None


def hover_answer(checked: Checked, encoding: str, line: int, character: int) -> lsp.Hover | None:
    """The protocol's answer to a hover at ``(line, character)`` of a checked document: from
    the document the check parsed (none over the size cap or after the time limit), under the
    same time limit."""
    from lsprotocol import types

    from cardlint.core.timelimit import FileTimeout, time_limit

    document = checked.result.document
    if document is None:  # over the size cap, or the check ran out of time
        return None
    positions = Positions(checked.text, encoding)
    offset = positions.offset(line, character)
    try:
        with time_limit(checked.settings.limits.max_seconds):
            info = hover_at(document, checked.settings, offset)
    except FileTimeout:
        return None
    if info is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=info.markdown),
        range=span_range(positions, info.span),
    )
