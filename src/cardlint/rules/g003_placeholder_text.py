"""Placeholder text left in the card: TODO, TBD, FIXME, XXX, lorem ipsum, N/A.

What it does:
    Looks for placeholder words in every string of the card, as whole words and ignoring
    case, and reports the first one in each string.

    Option `placeholder-words` (a list of words or phrases) replaces the default list:
    `TODO, TBD, FIXME, XXX, lorem ipsum, N/A`. In a phrase, any run of white space matches any
    other. An empty list turns the rule off. Set it in the configuration file::

        [tool.cardlint.options]
        placeholder-words = ["TODO", "TBD", "FIXME", "to be confirmed"]

Why it matters:
    A card with placeholders is a draft; publishing it tells reviewers and auditors
    something that is not true.

Example (fails)::

    intended_uses:
      intended_uses: TBD

Use instead::

    intended_uses:
      intended_uses: Weekly retention campaign targeting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from cardlint.diagnostics import Finding, Severity
from cardlint.pointer import from_links
from cardlint.rules._shared import compact_json, leaves
from cardlint.rules.base import Card
from cardlint.text import shorten

CODE = "G003"
NAME = "placeholder-text"
SEVERITY = Severity.WARNING
FIXABLE = False

OPTION = "placeholder_words"  # `placeholder-words` in the configuration file
DEFAULT_WORDS = ("TODO", "TBD", "FIXME", "XXX", "lorem ipsum", "N/A")


def check(card: Card) -> Iterator[Finding]:
    words = _words(card.options.get(OPTION, card.options.get("placeholder-words")))
    pattern = _pattern(words)
    if pattern is None:
        return
    # A clean card (the common case) costs a few substring searches of its compact JSON: the
    # first word of every placeholder, lower-cased and escaped as JSON writes it.
    text = compact_json(card)
    lowered = text.lower() if text is not None else None
    if lowered is not None and not any(needle in lowered for needle in _needles(words)):
        return
    for path, value in leaves(card).strings:
        match = pattern.search(value)
        if match is not None:
            yield Finding(
                CODE,
                from_links(path),
                f"placeholder text {shorten(match.group())} in {shorten(value)}; "
                "write the real content or leave the field out",
            )


def _words(option: Any) -> tuple[str, ...]:
    if option is None:
        return DEFAULT_WORDS
    if isinstance(option, str):
        option = option.split(",")
    if isinstance(option, Sequence):
        return tuple(w.strip() for w in option if isinstance(w, str) and w.strip())
    return DEFAULT_WORDS


@lru_cache(maxsize=8)
def _needles(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(json.dumps(word.split()[0].lower(), ensure_ascii=False)[1:-1] for word in words)


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    parts = [r"\s+".join(re.escape(part) for part in word.split()) for word in words]
    alternatives = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
