"""A YAML scalar that YAML 1.1 and YAML 1.2 read differently, though the card passes as read.

What it does:
    PyYAML, which the SageMaker Python SDK and most Python tools use, implements YAML 1.1:
    `yes`/`no`/`on`/`off` are booleans, `010` is octal 8, `1_000` is 1000 and `1:20` is 80
    (base 60). A YAML 1.2 loader (ruamel.yaml, Go and JavaScript tools, many editors) reads
    `yes` as the string "yes", `010` as 10 and `1_000` and `1:20` as strings. The warning
    names both readings and suggests the spelling every reader agrees on (`true`, `8`).
    Replacing a YAML 1.1 boolean with `true`/`false` is a safe fix; replacing a number is
    offered as an unsafe fix, because the author may have meant the YAML 1.2 reading.

    Scalars where a string is expected are reported by Y001 instead (quote them), and
    scalars whose YAML 1.1 reading the schema or another rule already rejects are left to
    that finding.

Why it matters:
    A boolean metric written `value: yes` is true for cardlint and the SDK, and the string
    "yes" for the next tool in the pipeline, which then rejects or misreports the card.

Example (fails)::

    - name: calibrated
      type: boolean
      value: yes

Use instead::

    - name: calibrated
      type: boolean
      value: true
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from cardlint.core.diagnostics import Finding, FixIntent, ReplaceValue, Severity
from cardlint.core.pointer import parent, resolve
from cardlint.loading.document import YamlScalarNote
from cardlint.rules._shared import (
    SIMPLE_METRIC_TYPES,
    expected_types,
    fits_metric_type,
    is_number,
    json_type_of,
    reading,
    schemas_at,
)
from cardlint.rules.base import Card

CODE = "Y002"
NAME = "yaml-version-ambiguity"
SEVERITY = Severity.WARNING
FIXABLE = True

_YAML12_INT = re.compile(r"[-+]?[0-9]+")
_YAML12_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def check(card: Card) -> Iterator[Finding]:
    if card.format != "yaml":
        return
    for note in card.yaml_notes:
        if not _passes_as_read(card, note):
            continue
        value = note.value
        spelling = json.dumps(value)
        other = _yaml12_value(note.text)
        message = (
            f"{note.text} reads as {reading(value)} in YAML 1.1 (PyYAML, the SageMaker SDK) "
            f"but as {reading(other)} in YAML 1.2; write {spelling}"
        )
        if is_number(other) and other != value:
            message += f" (or {json.dumps(other)}, if that was meant)"
        safe = isinstance(value, bool)
        yield Finding(
            CODE,
            note.pointer,
            message,
            fix=FixIntent(
                "safe" if safe else "unsafe",
                f"Write {note.text} as {spelling}",
                (ReplaceValue(note.pointer, value),),
            ),
        )


def _passes_as_read(card: Card, note: YamlScalarNote) -> bool:
    """Whether the YAML 1.1 reading is accepted, so that no other finding covers the scalar."""
    try:
        value = resolve(card.value, note.pointer)
    except LookupError:
        return False
    if value is not note.value and value != note.value:
        return False  # the note is about a key, or the pointer was overwritten by a duplicate
    if isinstance(value, bool | int | float) and note.pointer.endswith("/value"):
        try:
            owner: Any = resolve(card.value, parent(note.pointer))
        except LookupError:
            owner = None
        kind = owner.get("type") if isinstance(owner, dict) else None
        if kind in SIMPLE_METRIC_TYPES and not fits_metric_type(kind, value):
            return False  # M001 (or Y001 for type string) reports it
    schemas = schemas_at(card, note.pointer)
    if schemas == []:
        return False  # a property the schema does not know: S004 reports it
    types = expected_types(schemas) if schemas else None
    return types is None or json_type_of(value) in types or (is_number(value) and "number" in types)


def _yaml12_value(text: str) -> Any:
    """What a YAML 1.2 (core schema) loader makes of a plain scalar PyYAML noted."""
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _YAML12_INT.fullmatch(text):
        return int(text, 10)
    if _YAML12_FLOAT.fullmatch(text):
        return float(text)
    return text
