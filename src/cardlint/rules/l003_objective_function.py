"""`objective_function` has the wrong shape; the published schema's definition checks nothing.

What it does:
    The published schema writes `function` and `notes` directly under `objective_function`
    instead of under `properties`, so any value passes. cardlint validates with a corrected
    copy of the schema (`strict.py`)::

        objective_function:          # an object, nothing else
          function:                  # optional; an object, nothing else
            function: Minimize       # Maximize or Minimize
            facet: Loss              # at most 63 characters
            condition: ...           # at most 63 characters
          notes: ...                 # optional; at most 1024 characters

    A plain string there is one error that shows the expected shape. A wrong-case or
    near spelling of `Maximize`/`Minimize` (`minimize`, `Minimise`) carries the corrected value,
    and an unknown key gets a did-you-mean.

Why it matters:
    The SageMaker Python SDK cannot write or read another shape (its `ObjectiveFunction` and
    `Function` classes, with `function` one of `ObjectiveFunctionEnum`), and CloudFormation's
    `AWS::SageMaker::ModelCard` schema declares this object; a generic validator passes other
    shapes only because the published definition is malformed.

Example (fails)::

    training_details:
      objective_function:
        function:
          function: Minimise
          facet: LogLoss

Use instead::

    training_details:
      objective_function:
        function:
          function: Minimize
          facet: LogLoss
"""

from __future__ import annotations

from typing import Any

from cardlint.core.diagnostics import Severity
from cardlint.schema.strict import mark

CODE = "L003"
NAME = "objective-function"
SEVERITY = Severity.ERROR
FIXABLE = True

_WHY = "the published schema declares this {what} but its malformed definition checks nothing"
_OUTER_SHAPE = (
    'expected {"function": {"function": "Maximize" or "Minimize", "facet": "...", '
    '"condition": "..."}, "notes": "..."}'
)
_INNER_SHAPE = 'expected {"function": "Maximize" or "Minimize", "facet": "...", "condition": "..."}'


def patch(node: dict[str, Any]) -> None:
    """Replace a malformed ``objective_function`` property schema with the intended one."""
    properties = node.get("properties")
    if not isinstance(properties, dict):
        return
    broken = properties.get("objective_function")
    if not isinstance(broken, dict) or "type" in broken or "properties" in broken:
        return
    properties["objective_function"] = _intended(broken.get("description"))


def _intended(description: Any) -> dict[str, Any]:
    function: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "function": {"type": "string", "enum": ["Maximize", "Minimize"]},
            "facet": {"type": "string", "maxLength": 63},
            "condition": {"type": "string", "maxLength": 63},
        },
    }
    outer: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"function": function, "notes": {"type": "string", "maxLength": 1024}},
    }
    if isinstance(description, str):
        outer = {"description": description, **outer}
    for schema, shape in ((outer, _OUTER_SHAPE), (function, _INNER_SHAPE)):
        mark(schema, "type", CODE, f"{shape}; {_WHY.format(what='shape')}")
        mark(schema, "additionalProperties", CODE, _WHY.format(what="shape"))
    for name, member in (*function["properties"].items(), ("notes", outer["properties"]["notes"])):
        mark(member, "type", CODE, _WHY.format(what="type"))
        keyword = "enum" if name == "function" else "maxLength"
        mark(member, keyword, CODE, _WHY.format(what="limit" if keyword == "maxLength" else "list"))
    return outer
