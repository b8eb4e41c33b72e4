"""An empty string, object or array.

What it does:
    Reports strings that are empty or only white space, empty objects and empty arrays,
    anywhere in the card (an empty card too). Values the schema already rejects for being
    empty (a name needs at least one character, a chart at least one point) are left to the
    schema finding.

Why it matters:
    An empty field reads as "nothing to declare" in SageMaker Studio and in reviews; a section
    that is not filled in should be left out until it is.

Example (fails)::

    business_details:
      business_problem: ""
    additional_information: {}

Use instead::

    business_details:
      business_problem: Reduce chargebacks without blocking good customers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cardlint.core.diagnostics import Finding, Severity
from cardlint.core.pointer import from_links, last
from cardlint.rules._shared import (
    compact_json,
    expected_types,
    json_type_of,
    leaves,
    schema_minimum,
    schemas_at,
)
from cardlint.rules.base import Card

CODE = "G002"
NAME = "empty-value"
SEVERITY = Severity.WARNING
FIXABLE = False


# In compact JSON an empty value shows as {} [] or "", and a blank string starts with a quote
# then white space or an escape; a card without any of these (the common case) is never walked.
_BLANK_START = re.compile(r'"[\s\\]')


def _maybe_empty(text: str) -> bool:
    return "{}" in text or "[]" in text or '""' in text or _BLANK_START.search(text) is not None


def check(card: Card) -> Iterator[Finding]:
    text = compact_json(card)
    if text is not None and not _maybe_empty(text):
        return
    for path, value in leaves(card).empties:
        pointer = from_links(path)
        if _schema_reports(card, pointer, value):
            continue
        kind = "object" if isinstance(value, dict) else "array" if isinstance(value, list) else ""
        if not pointer:
            yield Finding(CODE, "", "the card is an empty object", target="container")
            continue
        what = f"an empty {kind}" if kind else "an empty string" if not value else "blank"
        yield Finding(CODE, pointer, f"{_name(pointer)} is {what}; fill it in or leave it out")


def _schema_reports(card: Card, pointer: str, value: Any) -> bool:
    schemas = schemas_at(card, pointer)
    if schemas is None:
        return False  # the schema cannot be read: report
    if not schemas:
        return True  # a property the schema does not know: S004 reports it
    types = expected_types(schemas)
    if types is not None and json_type_of(value) not in types:
        return True
    if isinstance(value, str) and any(_rejects(s.get("pattern"), value) for s in schemas):
        return True  # ".{1,63}": the pattern asks for one character (S006)
    keyword = "minLength" if isinstance(value, str) else "minItems"
    return schema_minimum(schemas, keyword) > (len(value) if isinstance(value, str) else 0)


def _rejects(pattern: Any, value: str) -> bool:
    try:
        return isinstance(pattern, str) and re.search(pattern, value) is None
    except re.error:
        return False


def _name(pointer: str) -> str:
    token = last(pointer)
    if token.isdigit():
        return f"{last(pointer[: pointer.rfind('/')])}[{token}]"
    return token
