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

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from cardlint.diagnostics import Finding, Severity
from cardlint.rules._shared import leaves
from cardlint.rules.base import Card
from cardlint.text import shorten

CODE = "G003"
NAME = "placeholder-text"
SEVERITY = Severity.WARNING
FIXABLE = False

OPTION = "placeholder_words"  # `placeholder-words` in the configuration file
DEFAULT_WORDS = ("TODO", "TBD", "FIXME", "XXX", "lorem ipsum", "N/A")


def check(card: Card) -> Iterator[Finding]:
    pattern = _pattern(_words(card.options.get(OPTION, card.options.get("placeholder-words"))))
    if pattern is None:
        return
    strings = leaves(card).strings
    # One search over all strings first: a clean card (the common case) costs one scan.
    if not pattern.search("\x00".join(text for _, text in strings)):
        return
    for pointer, text in strings:
        match = pattern.search(text)
        if match is not None:
            yield Finding(
                CODE,
                pointer,
                f"placeholder text {shorten(match.group())} in {shorten(text)}; "
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
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    parts = [r"\s+".join(re.escape(part) for part in word.split()) for word in words]
    alternatives = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
