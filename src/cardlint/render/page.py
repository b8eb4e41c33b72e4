"""A checked file as a page: its cards (one per card the engine found in it) and its findings,
each placed at the field it concerns."""

from __future__ import annotations

import os

from cardlint.check.result import FileResult
from cardlint.core.settings import Limits
from cardlint.loading.cards import find_cards
from cardlint.render.model import (
    CardView,
    PageView,
    Placed,
    build_card,
    card_text,
    card_title,
    place,
)


def build_page(result: FileResult, limits: Limits) -> PageView:
    """The page model of one checked file. The cards are found by the engine's own
    :func:`cardlint.loading.cards.find_cards` in the document the check parsed: nothing is parsed or
    checked twice differently."""
    document = result.document
    slots = []
    if document is not None and isinstance(document.value, dict):
        slots = [slot for slot in find_cards(document, limits) if slot.check]
    built = []
    charts_before = 0
    for slot in slots:
        sections, builder = build_card(slot.value, charts_before)
        charts_before = builder.charts
        built.append((sections, builder.pointers, slot))
    placed_by_card: list[dict[str, list[Placed]]] = [{} for _ in built]
    loose: list[Placed] = []
    everything: list[Placed] = []
    rendered = [(pointers, slot) for _, pointers, slot in built]
    for number, (index, where, diagnostic) in enumerate(place(result.diagnostics, rendered), 1):
        # Shown as text like any card text: a pointer or message may hold a lone surrogate.
        shown = diagnostic._replace(
            message=card_text(diagnostic.message), pointer=card_text(diagnostic.pointer)
        )
        placed = Placed(f"finding-{number}", shown, where)
        everything.append(placed)
        if index is None:
            loose.append(placed)
        else:
            placed_by_card[index].setdefault(where, []).append(placed)
    name = card_text(os.path.basename(result.path) or result.path)
    cards = []
    for number, ((sections, _, slot), found) in enumerate(
        zip(built, placed_by_card, strict=True), 1
    ):
        default = name if len(built) == 1 else f"Card {number}"
        cards.append(
            CardView(
                title=card_title(slot.value, default),
                pointer=card_text(slot.root),
                sections=tuple(sections),
                findings={k: tuple(v) for k, v in found.items()},
            )
        )
    counts = tuple(
        (severity, sum(1 for p in everything if p.diagnostic.severity.value == severity))
        for severity in ("error", "warning", "info")
    )
    return PageView(card_text(result.path), tuple(cards), tuple(loose), tuple(everything), counts)
