"""The schema findings translation dispatches through an explicit table of keywords."""

from __future__ import annotations

from cardlint.core import codes
from cardlint.schema import validation
from cardlint.schema.validation import _HANDLERS, _ErrorMapper


def test_every_keyword_handler_is_in_the_table() -> None:
    handlers = {name for name in vars(_ErrorMapper) if name.startswith("_on_")}
    listed = {handler.__name__ for handler in _HANDLERS.values()}
    assert handlers - listed == {"_on_other_keyword"}
    assert listed <= handlers


def test_a_keyword_without_a_handler_is_an_s009() -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer", "minimum": 3}}}
    card = validation.CardSchema.from_document("custom", schema)
    [finding] = list(card.findings({"n": 1}, lambda pointer: None, yaml=False))
    assert (finding.code, finding.pointer) == (codes.CONSTRAINT, "/n")
    assert "minimum" not in _HANDLERS
