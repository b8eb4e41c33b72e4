"""One bar chart of five values as SVG, drawn by a chart library, for the render scenario's
comparison (why cardlint draws its own SVG). Prints the SVG to standard output.

    python bench/render_libraries.py matplotlib|pygal
"""

from __future__ import annotations

import io
import sys

NAMES = ["d1", "d2", "d3", "d4", "d5"]
VALUES = [3.1, 2.2, 1.6, 1.2, 1.0]


def matplotlib_svg() -> str:
    import matplotlib

    matplotlib.use("svg")
    matplotlib.rcParams["svg.hashsalt"] = "cardlint"  # fixed ids: deterministic output
    matplotlib.rcParams["svg.fonttype"] = "none"  # labels as text, not paths
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(5.6, 2.9))
    axes.bar(NAMES, VALUES)
    axes.set_ylabel("lift")
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def pygal_svg() -> str:
    import pygal

    chart = pygal.Bar(js=[], disable_xml_declaration=True, width=560, height=290)
    chart.x_labels = NAMES
    chart.add("lift", VALUES)
    return str(chart.render(is_unicode=True))


if __name__ == "__main__":
    sys.stdout.write({"matplotlib": matplotlib_svg, "pygal": pygal_svg}[sys.argv[1]]())
