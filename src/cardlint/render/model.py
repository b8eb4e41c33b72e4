"""What a rendered card shows, in order: sections, fields, tables, charts and the findings at
the field each concerns. Both output formats (HTML and Markdown) draw this one model.

Every text taken from the card passes through :func:`card_text` (lone surrogates and control
characters made visible); escaping for the output format happens in the writers.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from cardlint.core.diagnostics import Diagnostic
from cardlint.core.pointer import join
from cardlint.core.text import safe_text
from cardlint.render import charts

SECTIONS: tuple[tuple[str, str], ...] = (
    ("model_overview", "Model overview"),
    ("model_package_details", "Model package details"),
    ("intended_uses", "Intended uses"),
    ("business_details", "Business details"),
    ("training_details", "Training details"),
    ("evaluation_details", "Evaluation details"),
    ("additional_information", "Additional information"),
)
"""The sections in the order SageMaker Studio and its PDF export show them."""

FIELD_ORDER: Mapping[str, tuple[str, ...]] = {
    "model_overview": (
        "model_id",
        "model_name",
        "model_description",
        "model_version",
        "problem_type",
        "algorithm_type",
        "model_creator",
        "model_owner",
        "model_artifact",
        "inference_environment",
    ),
    "intended_uses": (
        "purpose_of_model",
        "intended_uses",
        "factors_affecting_model_efficiency",
        "risk_rating",
        "explanations_for_risk_rating",
    ),
    "business_details": ("business_problem", "business_stakeholders", "line_of_business"),
    "training_details": ("objective_function", "training_observations", "training_job_details"),
    "training_job_details": (
        "training_arn",
        "training_datasets",
        "training_environment",
        "training_metrics",
        "user_provided_training_metrics",
        "hyper_parameters",
        "user_provided_hyper_parameters",
    ),
    "evaluation": (
        "name",
        "evaluation_observation",
        "evaluation_job_arn",
        "datasets",
        "metadata",
        "metric_groups",
    ),
    "additional_information": (
        "ethical_considerations",
        "caveats_and_recommendations",
        "custom_details",
    ),
}

LABELS: Mapping[str, str] = {
    "model_id": "Model ID",
    "model_artifact": "Model artifacts",
    "training_arn": "Training job ARN",
    "evaluation_job_arn": "Evaluation job ARN",
    "model_package_arn": "Model package ARN",
    "image": "Image URI",
    "model_data_url": "Model data URL",
    "hyper_parameters": "Hyper-parameters",
    "user_provided_hyper_parameters": "User-provided hyper-parameters",
    "user_provided_training_metrics": "User-provided training metrics",
}

_KNOWN_KEYS = (
    frozenset(key for keys in FIELD_ORDER.values() for key in keys)
    | frozenset(name for name, _ in SECTIONS)
    | frozenset(
        (
            "function",
            "facet",
            "condition",
            "notes",
            "container_image",
            "metric_data",
            "name",
            "value",
            "type",
            "x_axis_name",
            "y_axis_name",
            *[
                "model_package_name",
                "model_package_group_name",
                "model_package_version",
                "model_package_description",
                "model_package_status",
                "model_approval_status",
                "approval_description",
                "created_by",
                "user_profile_name",
                "domain",
                "task",
                "inference_specification",
                "containers",
                "image",
                "model_data_url",
                "nearest_model_name",
                "source_algorithms",
                "algorithm_name",
            ],
        )
    )
)
_TABLES: Mapping[str, tuple[str, ...]] = {
    "hyper_parameters": ("name", "value"),
    "user_provided_hyper_parameters": ("name", "value"),
    "training_metrics": ("name", "value", "notes"),
    "user_provided_training_metrics": ("name", "value", "notes"),
}
_KEY_VALUE_TABLES = frozenset({"custom_details", "metadata"})
_MAX_DEPTH = 8
_RISK_LEVELS = frozenset({"High", "Medium", "Low", "Unknown"})


def card_text(value: Any) -> str:
    """Any card value as text: strings as they are, numbers and booleans in JSON spelling,
    objects and arrays as JSON."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool) or value is None:
        text = json.dumps(value)
    elif isinstance(value, int | float):
        text = charts.number_text(value) if isinstance(value, float) else str(value)
        if isinstance(value, float) and not charts.is_number(value):
            text = str(value)
    elif isinstance(value, datetime.date):
        text = value.isoformat()
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, indent=1, default=str)
        except (ValueError, TypeError, RecursionError):
            text = str(value)
    return safe_text(text)


def label_for(key: str) -> str:
    """A property's heading: ``"model_creator"`` -> ``"Model creator"``; a key the schema
    does not know is shown as written, so a misspelling stays visible."""
    if key in LABELS:
        return LABELS[key]
    if key in _KNOWN_KEYS:
        return key.replace("_", " ").capitalize()
    return card_text(key)


class Row(NamedTuple):
    pointer: str
    cells: tuple[str, ...]


class Node(NamedTuple):
    """One thing on the page. ``kind`` is one of: ``text``, ``badge`` (``value`` is the risk
    level), ``list`` (``items``), ``group`` (``children``, a heading), ``table`` (``columns``,
    ``rows``), ``chart`` (``chart`` geometry, ``columns``/``rows`` hold its data)."""

    kind: str
    label: str
    pointer: str
    value: str = ""
    items: tuple[str, ...] = ()
    children: tuple[Node, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    chart: charts.Chart | None = None
    chart_type: str = ""
    notes: str = ""
    summary: str = ""
    """A chart's text alternative: what it shows, in one or two sentences."""
    ident: str = ""


class Section(NamedTuple):
    key: str
    title: str
    pointer: str
    node: Node


class Placed(NamedTuple):
    """A diagnostic and where the page shows it (``anchor`` links the summary to it)."""

    anchor: str
    diagnostic: Diagnostic
    where: str
    """The card pointer of the field it is shown at (``""``: the card as a whole)."""


class CardView(NamedTuple):
    title: str
    pointer: str
    """Where the card is in the file (``""``: the file is the card)."""
    sections: tuple[Section, ...]
    findings: Mapping[str, tuple[Placed, ...]]
    """Findings by the card pointer of the node they are shown at."""


class PageView(NamedTuple):
    path: str
    cards: tuple[CardView, ...]
    loose: tuple[Placed, ...]
    """Findings that belong to no card (the file as a whole, a host document's fields)."""
    all_findings: tuple[Placed, ...]
    counts: tuple[tuple[str, int], ...]


class _Builder:
    """Turns one card value into nodes, numbering charts for their ids as it goes."""

    def __init__(self, charts_before: int) -> None:
        self.charts = charts_before
        self.pointers: list[str] = [""]

    def section(self, key: str, title: str, value: Any) -> Section:
        pointer = join("", key)
        if key == "evaluation_details" and isinstance(value, list):
            node = self._evaluations(value, pointer)
        else:
            node = self.value(key, value, pointer, 0, key)
        return Section(key, title, pointer, node._replace(label=title))

    def value(self, key: str, value: Any, pointer: str, depth: int, context: str = "") -> Node:
        self.pointers.append(pointer)
        label = label_for(key)
        if depth >= _MAX_DEPTH:
            return Node("text", label, pointer, value=card_text(value))
        if key == "risk_rating" and isinstance(value, str):
            return Node("badge", label, pointer, value=card_text(value))
        if key in _TABLES and _all_objects(value):
            return self._table(label, value, pointer, _TABLES[key])
        if key in _KEY_VALUE_TABLES and isinstance(value, dict) and value:
            return self._key_values(label, value, pointer)
        if key == "metric_data" and isinstance(value, list):
            return self._metrics(value, pointer)
        if key == "metric_groups" and isinstance(value, list):
            groups = tuple(
                self._named_group(item, join(pointer, i), f"Metric group {i + 1}", depth + 1)
                for i, item in enumerate(value)
            )
            return Node("group", "", pointer, children=groups)
        if isinstance(value, dict):
            return Node("group", label, pointer, children=self._fields(value, pointer, depth))
        if isinstance(value, list):
            if all(not isinstance(item, dict | list) for item in value):
                for i in range(len(value)):
                    self.pointers.append(join(pointer, i))
                return Node("list", label, pointer, items=tuple(card_text(v) for v in value))
            return Node(
                "group",
                label,
                pointer,
                children=tuple(
                    self.value(key, item, join(pointer, i), depth + 1)._replace(
                        label=f"{label} {i + 1}"
                    )
                    for i, item in enumerate(value)
                ),
            )
        return Node("text", label, pointer, value=card_text(value))

    def _fields(self, value: Mapping[str, Any], pointer: str, depth: int) -> tuple[Node, ...]:
        order = FIELD_ORDER.get(_context_of(pointer), ())
        keys = [k for k in order if k in value] + [k for k in value if k not in order]
        return tuple(self.value(k, value[k], join(pointer, k), depth + 1) for k in keys)

    def _evaluations(self, value: list[Any], pointer: str) -> Node:
        self.pointers.append(pointer)
        children = tuple(
            self._named_group(item, join(pointer, i), f"Evaluation {i + 1}", 1)
            for i, item in enumerate(value)
        )
        return Node("group", "", pointer, children=children)

    def _named_group(self, item: Any, pointer: str, default: str, depth: int) -> Node:
        """An evaluation or a metric group: headed by its name, which is then not repeated
        as a field (a name that is not a string stays a field, so its finding has a place)."""
        if not isinstance(item, dict):
            return self.value(default, item, pointer, depth)._replace(label=default)
        self.pointers.append(pointer)
        heading = _named(item, default)
        rest = item
        if isinstance(item.get("name"), str):
            self.pointers.append(join(pointer, "name"))
            rest = {k: v for k, v in item.items() if k != "name"}
        return Node("group", heading, pointer, children=self._fields(rest, pointer, depth))

    def _table(
        self, label: str, value: list[dict[str, Any]], pointer: str, columns: tuple[str, ...]
    ) -> Node:
        rows = []
        for i, item in enumerate(value):
            where = join(pointer, i)
            self.pointers.append(where)
            extra = {k: v for k, v in item.items() if k not in columns}
            cells = tuple(card_text(item[c]) if c in item else "" for c in columns)
            if extra:  # unknown properties stay visible next to the row
                cells = (*cells[:-1], _joined(cells[-1], card_text(extra)))
            rows.append(Row(where, cells))
        titles = tuple(c.capitalize() for c in columns)
        return Node("table", label, pointer, columns=titles, rows=tuple(rows))

    def _key_values(self, label: str, value: Mapping[str, Any], pointer: str) -> Node:
        rows = []
        for key, item in value.items():
            where = join(pointer, key)
            self.pointers.append(where)
            rows.append(Row(where, (card_text(key), card_text(item))))
        return Node("table", label, pointer, columns=("Name", "Value"), rows=tuple(rows))

    def _metrics(self, value: list[Any], pointer: str) -> Node:
        """Simple metrics in one table, then one chart per chart metric, in card order.
        A chart metric whose data cannot be drawn is shown as a table of what it holds."""
        simple: list[Row] = []
        drawn: list[Node] = []
        for i, item in enumerate(value):
            where = join(pointer, i)
            self.pointers.append(where)
            node = self._chart(item, where) if isinstance(item, dict) else None
            if node is not None:
                drawn.append(node)
                continue
            if not isinstance(item, dict):
                simple.append(Row(where, ("", card_text(item), "", "")))
                continue
            extra = {k: v for k, v in item.items() if k not in ("name", "type", "value", "notes")}
            notes = card_text(item["notes"]) if "notes" in item else ""
            rows = (
                card_text(item.get("name", "")),
                card_text(item["value"]) if "value" in item else "",
                card_text(item.get("type", "")),
                _joined(notes, _axis_text(extra)),
            )
            simple.append(Row(where, rows))
        children: list[Node] = []
        if simple:
            columns: tuple[str, ...] = ("Name", "Value", "Type", "Notes")
            if not any(row.cells[3] for row in simple):  # no column of empty cells
                columns = columns[:3]
                simple = [row._replace(cells=row.cells[:3]) for row in simple]
            children.append(Node("table", "", pointer, columns=columns, rows=tuple(simple)))
        children.extend(drawn)
        return Node("group", "", pointer, children=tuple(children))

    def _chart(self, item: Mapping[str, Any], pointer: str) -> Node | None:
        """A chart metric whose data can be drawn; ``None`` for anything else."""
        kind = item.get("type")
        data: Any = item.get("value")
        x_name, y_name = item.get("x_axis_name"), item.get("y_axis_name")
        drawn: tuple[charts.Chart, tuple[str, ...], tuple[Row, ...], str]
        at = join(pointer, "value")
        if kind == "bar_chart" and _numbers(data) and data:
            drawn = _bar(data, x_name, y_name, at)
        elif kind == "linear_graph" and _pairs(data) and data:
            drawn = _line(data, x_name, y_name, at)
        elif kind == "matrix" and _matrix(data):
            drawn = _heat(data, x_name, y_name, at)
        else:
            return None
        chart, columns, rows, summary = drawn
        self.charts += 1  # what is said of its data or axis names is shown at the chart
        return Node(
            "chart",
            card_text(item.get("name", "")),
            pointer,
            chart=chart,
            chart_type=str(kind),
            notes=card_text(item["notes"]) if "notes" in item else "",
            columns=columns,
            rows=rows,
            summary=summary,
            ident=f"chart-{self.charts}",
        )


_More = tuple[charts.Chart, tuple[str, ...], tuple[Row, ...], str]
"""A chart, the columns and rows of its data table, and its text alternative."""


def _bar(data: list[float], x_name: Any, y_name: Any, at: str) -> _More:
    y_text = card_text(y_name) if isinstance(y_name, str) else ""
    chart = charts.bar_chart(data, _strings(x_name), y_text)
    rows = tuple(Row(at, (bar.name, charts.number_text(bar.value))) for bar in chart.bars)
    summary = (
        f"Bar chart of {len(data)} value{_s(data)}{f' of {y_text}' if y_text else ''}: "
        + ", ".join(f"{b.name} {b.value_text}" for b in chart.bars[:20])
        + ("…" if len(data) > 20 else "")
    )
    return chart, ("Name", y_text or "Value"), rows, summary


def _line(data: list[list[float]], x_name: Any, y_name: Any, at: str) -> _More:
    x_text = card_text(x_name) if isinstance(x_name, str) else ""
    y_text = card_text(y_name) if isinstance(y_name, str) else ""
    chart = charts.line_chart([(x, y) for x, y in data], x_text, y_text)
    rows = tuple(Row(at, (charts.number_text(x), charts.number_text(y))) for x, y in data)
    summary = (
        f"Line chart of {len(data)} point{_s(data)}"
        f"{f', {y_text} against {x_text}' if x_text and y_text else ''}"
        f"{', both axes from 0 to 1' if chart.unit_square else ''}: "
        + ", ".join(p.label for p in chart.points[:20])
        + ("…" if len(data) > 20 else "")
    )
    return chart, (x_text or "x", y_text or "y"), rows, summary


def _heat(data: list[list[float]], x_name: Any, y_name: Any, at: str) -> _More:
    column_names, row_names = _strings(x_name), _strings(y_name)
    chart = charts.heat_map(data, column_names, row_names)
    width = max(len(r) for r in data)
    columns = ("", *(_name_at(column_names, j) for j in range(width)))
    rows = tuple(
        Row(at, (_name_at(row_names, i), *(charts.number_text(v) for v in r)))
        for i, r in enumerate(data)
    )
    summary = (
        f"Heat map of a {len(data)} by {width} matrix; rows: "
        + ", ".join(_name_at(row_names, i) for i in range(len(data)))
        + "; columns: "
        + ", ".join(_name_at(column_names, j) for j in range(width))
        + "."
    )
    return chart, columns, rows, summary


def _context_of(pointer: str) -> str:
    """The name that picks a field order: the last key of the pointer (an evaluation is
    an item of ``evaluation_details``)."""
    head, _, last = pointer.rpartition("/")
    if last.isdigit() and head == "/evaluation_details":
        return "evaluation"
    return last


def _all_objects(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _numbers(value: Any) -> bool:
    """A list of numbers a chart can draw (others are shown as a table of what they are)."""
    return isinstance(value, list) and all(charts.is_drawable(v) for v in value)


def _pairs(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and _numbers(p) for p in value
    )


def _matrix(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(r, list) and r and _numbers(r) for r in value)
    )


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [card_text(v) for v in value]


def _name_at(names: Sequence[str], index: int) -> str:
    return names[index] if index < len(names) else f"#{index + 1}"


def _named(item: Any, default: str) -> str:
    if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
        return card_text(item["name"])
    return default


def _axis_text(extra: Mapping[str, Any]) -> str:
    return "; ".join(f"{label_for(k)}: {card_text(v)}" for k, v in extra.items())


def _joined(first: str, second: str) -> str:
    return f"{first}; {second}" if first and second else first or second


def _s(items: Sequence[Any]) -> str:
    return "" if len(items) == 1 else "s"


def card_title(value: Mapping[str, Any], default: str) -> str:
    overview = value.get("model_overview")
    if isinstance(overview, dict):
        for key in ("model_name", "model_id"):
            if isinstance(overview.get(key), str) and overview[key].strip():
                return card_text(overview[key])
    details = value.get("model_package_details")
    if isinstance(details, dict) and isinstance(details.get("model_package_name"), str):
        return card_text(details["model_package_name"])
    return default


def build_card(value: Mapping[str, Any], charts_before: int = 0) -> tuple[list[Section], _Builder]:
    """The sections of one card, in SageMaker's order; keys SageMaker does not know come
    last, each as a section of its own."""
    builder = _Builder(charts_before)
    order = [key for key, _ in SECTIONS]
    titles = dict(SECTIONS)
    keys = [k for k in order if k in value] + [k for k in value if k not in titles]
    return [builder.section(k, titles.get(k, card_text(k)), value[k]) for k in keys], builder


def place(
    diagnostics: Sequence[Diagnostic], rendered: Sequence[tuple[Sequence[str], Any]]
) -> Iterator[tuple[int | None, str, Diagnostic]]:
    """For each diagnostic: the index of the card it concerns and the nearest rendered node
    at or above its pointer; ``(None, "", d)`` for what concerns no card.

    ``rendered`` holds, per card, the card pointers of its nodes and the slot that maps a card
    pointer to the file's pointer (:meth:`cardlint.loading.cards.CardSlot.outer_pointer`).
    """
    lookup: dict[str, tuple[int, str]] = {}
    for index, (pointers, slot) in enumerate(rendered):
        for pointer in pointers:
            lookup.setdefault(slot.outer_pointer(pointer), (index, pointer))
    for diagnostic in diagnostics:
        probe = diagnostic.pointer
        while True:
            if probe in lookup:
                index, where = lookup[probe]
                yield index, where, diagnostic
                break
            if not probe:
                yield None, "", diagnostic
                break
            probe = probe[: probe.rfind("/")]
