"""Where the card is inside a document.

Today a file is one card: its whole value. Cards embedded in API documents and CloudFormation
templates (a later issue) are found here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cardlint.document import Document


@dataclass(frozen=True, slots=True)
class CardSlot:
    """A card inside a document: its value and the pointer of its root in the document."""

    value: dict[str, Any]
    root: str = ""


def find_cards(document: Document) -> list[CardSlot]:
    """The cards a parsed document holds (the whole value when it is an object)."""
    if isinstance(document.value, dict):
        return [CardSlot(document.value)]
    return []
