"""Chart geometry: where the bars, points and cells of a metric go, in SVG user units.

The page draws these with its template (inline SVG, escaped like every other card text); this
module only does arithmetic, so its results can be checked number by number.

Own geometry rather than a chart library, measured on the project's machine (README, "The card
as a page"): matplotlib's SVG backend needs 0.6-0.8 s from a cold start for one bar chart (the
whole render budget is 0.5 s) and styles every element with ``style`` attributes, which a strict
Content-Security-Policy (no ``'unsafe-inline'``) refuses, leaving bars black and lines unstroked;
pygal puts a random id and the date in every chart (not deterministic), adds an inline
``<script>``, writes 18 KB for five bars, and has no heat map.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple, TypeGuard

WIDTH = 560
"""Width of every chart's view box."""

CHAR_WIDTH = 6.6
"""Estimated width of one character of 11 px sans-serif text, for layout."""


class Box(NamedTuple):
    """The plot area inside a chart's view box."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Tick(NamedTuple):
    """A gridline or axis mark: its position along the axis and its label."""

    position: float
    label: str


class Bar(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    value: float
    name: str
    """The full name (from ``x_axis_name``), shown in the bar's tooltip and the data table."""
    label: str
    """The name as shown under the bar (shortened to fit)."""
    value_text: str
    value_y: float
    """Baseline of the value label: above a positive bar, below a negative one."""


class BarChart(NamedTuple):
    width: float
    height: float
    plot: Box
    bars: tuple[Bar, ...]
    y_ticks: tuple[Tick, ...]
    baseline: float
    label_y: float
    y_name: str


class Point(NamedTuple):
    x: float
    y: float
    data_x: float
    data_y: float
    label: str
    label_x: float
    label_y: float
    """Where the label goes: right of the point and below it, or above it near the x axis."""


class LineChart(NamedTuple):
    width: float
    height: float
    plot: Box
    points: tuple[Point, ...]
    path: str
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    x_name: str
    y_name: str
    unit_square: bool
    """True when every value lies in 0-1 (a ROC or precision-recall curve): axes 0-1, square."""
    show_labels: bool


class Cell(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    row: int
    column: int
    value: float
    text: str
    fill: str
    text_fill: str


class HeatMap(NamedTuple):
    width: float
    height: float
    plot: Box
    cells: tuple[Cell, ...]
    columns: tuple[Tick, ...]
    """Column names, centred under each column."""
    rows: tuple[Tick, ...]
    """Row names, centred beside each row."""
    show_values: bool


Chart = BarChart | LineChart | HeatMap


def is_number(value: object) -> TypeGuard[float]:
    """A finite JSON number (booleans are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def is_drawable(value: object) -> bool:
    """A number a chart can place: finite, at most 1e15 in size, and 0 or at least 1e-9
    (beyond that, axis arithmetic loses the difference between values).

    >>> [is_drawable(v) for v in (0, 0.5, -3, 1e300, 1e-12, True, float("nan"))]
    [True, True, True, False, False, False, False]
    """
    return is_number(value) and (value == 0 or 1e-9 <= abs(value) <= 1e15)


def number_text(value: float) -> str:
    """A number as a chart shows it: at most four significant digits.

    >>> [number_text(v) for v in (3, 0.88, 0.123456, 12345.0, -2.5)]
    ['3', '0.88', '0.1235', '12345', '-2.5']
    """
    if (isinstance(value, int) or float(value).is_integer()) and abs(value) < 1e15:
        return str(int(value))
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e5:
        text = f"{value:.4g}"
        if "e" not in text:
            return text
        return f"{value:.0f}"
    return f"{value:.3g}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low``..``high``, about ``count`` intervals.

    >>> nice_ticks(0, 3.1), nice_ticks(0.1, 0.13)
    ([0.0, 1.0, 2.0, 3.0, 4.0], [0.1, 0.11, 0.12, 0.13])
    """
    if high < low:
        low, high = high, low
    if high == low:  # one value: from 0 to it, or around 0
        low, high = (-1.0, 1.0) if low == 0 else (min(0.0, low), max(0.0, high))
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude)
    start = math.floor(low / step + 1e-9) * step
    end = math.ceil(high / step - 1e-9) * step
    steps = round((end - start) / step)
    return [round(start + i * step, 12) + 0.0 for i in range(steps + 1)]


def _tick_label(value: float, ticks: Sequence[float]) -> str:
    """A tick value with as many decimals as the step needs: 0.25 steps show two."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    digits = next((d for d in range(8) if abs(round(step, d) - step) < 1e-9 * step), 8)
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def fit(text: str, room: float) -> str:
    """``text`` shortened with an ellipsis to about ``room`` units of width."""
    most = max(3, int(room / CHAR_WIDTH))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _scale(low: float, high: float, start: float, end: float) -> tuple[float, float]:
    """Slope and offset mapping data ``low``..``high`` onto ``start``..``end``."""
    slope = (end - start) / (high - low)
    return slope, start - low * slope


def _r(value: float) -> float:
    """Coordinates rounded to 0.01: short output, and the same bytes on every machine."""
    return round(value, 2) + 0.0


def bar_chart(values: Sequence[float], names: Sequence[str], y_name: str = "") -> BarChart:
    """Bars in data order, one per value, named by ``names`` (``#n`` where a name is missing).

    The value axis always includes 0, so a bar's height is proportional to its value.
    """
    left = 56.0 + (16 if y_name else 0)
    plot = Box(left, 20.0, WIDTH - 12.0, 240.0)
    ticks = nice_ticks(min(0.0, *values), max(0.0, *values))
    slope, offset = _scale(ticks[0], ticks[-1], plot.bottom, plot.top)
    slot = plot.width / len(values)
    baseline = offset  # the y of the value 0
    bars = []
    for index, value in enumerate(values):
        name = names[index] if index < len(names) else f"#{index + 1}"
        top = value * slope + offset
        y, height = min(top, baseline), abs(top - baseline)
        bars.append(
            Bar(
                x=_r(plot.left + slot * index + slot * 0.15),
                y=_r(y),
                width=_r(slot * 0.7),
                height=_r(height),
                value=value,
                name=name,
                label=fit(name, slot - 4),
                value_text=number_text(value),
                value_y=_r(top - 5 if value >= 0 else top + 13),
            )
        )
    y_ticks = tuple(
        Tick(_r(t * slope + offset), _tick_label(t, ticks)) for t in ticks
    )  # bottom to top
    return BarChart(
        WIDTH,
        290.0,
        plot,
        tuple(bars),
        y_ticks,
        _r(baseline),
        plot.bottom + 18,
        fit(y_name, plot.height),  # the whole name is in the chart's title and data table
    )


def line_chart(
    points: Sequence[tuple[float, float]], x_name: str = "", y_name: str = ""
) -> LineChart:
    """A line through ``points`` in data order. Data within 0-1 on both axes gets a square
    plot with axes 0-1 (a ROC curve reads as one); other data gets round ticks around it."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    unit = all(0 <= v <= 1 for v in xs + ys)
    if unit:
        x_ticks = y_ticks = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        plot = Box(72.0, 20.0, 72.0 + 260.0, 280.0)
    else:
        x_ticks, y_ticks = nice_ticks(min(xs), max(xs)), nice_ticks(min(ys), max(ys))
        plot = Box(72.0, 20.0, WIDTH - 16.0, 240.0)
    sx, ox = _scale(x_ticks[0], x_ticks[-1], plot.left, plot.right)
    sy, oy = _scale(y_ticks[0], y_ticks[-1], plot.bottom, plot.top)
    placed = tuple(_point(x, y, x * sx + ox, y * sy + oy, plot) for x, y in points)
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x:g},{p.y:g}" for i, p in enumerate(placed))
    return LineChart(
        width=WIDTH,
        height=plot.bottom + 46,
        plot=plot,
        points=placed,
        path=path,
        x_ticks=tuple(Tick(_r(t * sx + ox), _tick_label(t, x_ticks)) for t in x_ticks),
        y_ticks=tuple(Tick(_r(t * sy + oy), _tick_label(t, y_ticks)) for t in y_ticks),
        x_name=fit(x_name, plot.width),
        y_name=fit(y_name, plot.height),
        unit_square=unit,
        show_labels=len(points) <= 8,
    )


def _point(x: float, y: float, at_x: float, at_y: float, plot: Box) -> Point:
    below = at_y + 14 <= plot.bottom - 6
    label = f"({number_text(x)}, {number_text(y)})"
    return Point(
        _r(at_x), _r(at_y), x, y, label, _r(at_x + 6), _r(at_y + 14 if below else at_y - 8)
    )


_LIGHT = (247, 251, 255)
_DARK = (8, 48, 107)


def _shade(share: float) -> str:
    """The fill of a cell: white-blue for the smallest value to dark blue for the largest."""
    return "#" + "".join(
        f"{round(a + (b - a) * share):02x}" for a, b in zip(_LIGHT, _DARK, strict=True)
    )


def heat_map(
    rows: Sequence[Sequence[float]], column_names: Sequence[str], row_names: Sequence[str]
) -> HeatMap:
    """One cell per value, row by row from the top; the shade grows with the value and each
    cell shows its value. Column names go under the columns, row names left of the rows."""
    columns = max(len(r) for r in rows)
    names_room = max((len(n) for n in row_names), default=0) * CHAR_WIDTH
    left = 20 + min(180.0, max(24.0, names_room))
    cell_w = min(120.0, (WIDTH - 12 - left) / columns)
    cell_h = min(44.0, max(14.0, 360.0 / len(rows)))
    plot = Box(left, 12.0, left + cell_w * columns, 12.0 + cell_h * len(rows))
    values = [v for r in rows for v in r]
    low, high = min(values), max(values)
    show = cell_w >= 26 and cell_h >= 14
    cells = []
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            share = 0.0 if high == low else (value - low) / (high - low)
            cells.append(
                Cell(
                    x=_r(plot.left + j * cell_w),
                    y=_r(plot.top + i * cell_h),
                    width=_r(cell_w),
                    height=_r(cell_h),
                    row=i,
                    column=j,
                    value=value,
                    text=fit(number_text(value), cell_w - 4),
                    fill=_shade(share),
                    text_fill="#ffffff" if share > 0.5 else "#111111",
                )
            )
    column_ticks = tuple(
        Tick(
            _r(plot.left + (j + 0.5) * cell_w),
            fit(column_names[j] if j < len(column_names) else f"#{j + 1}", cell_w - 2),
        )
        for j in range(columns)
    )
    row_ticks = tuple(
        Tick(
            _r(plot.top + (i + 0.5) * cell_h),
            fit(row_names[i] if i < len(row_names) else f"#{i + 1}", left - 12),
        )
        for i in range(len(rows))
    )
    return HeatMap(
        _r(plot.right + 12), _r(plot.bottom + 28), plot, tuple(cells), column_ticks, row_ticks, show
    )
