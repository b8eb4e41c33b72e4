"""A metric has no `type`, or a type that is not one of the six metric types.

What it does:
    The type picks the metric's shape (number, string, boolean, linear_graph, bar_chart, matrix);
    without it there is no way to say what else is wrong, so this is one finding, not four.
    A case or spelling slip (`Linear_Graph`) is fixed safely.

Why it matters:
    SageMaker cannot render or store a metric of unknown type.

Example (fails)::

    metric_data:
      - name: acc
        type: Number
        value: 0.9
      - name: auc
        value: 0.93

Use instead::

    metric_data:
      - name: acc
        type: number
        value: 0.9
      - name: auc
        type: number
        value: 0.93
"""

from cardlint.core.diagnostics import Severity

CODE = "S008"
NAME = "metric-type"
SEVERITY = Severity.ERROR
FIXABLE = True
