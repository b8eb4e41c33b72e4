"""Placeholder text left in the card: TODO or TBD in a sentence, or a value that is only a stand-in.

What it does:
    Reports two kinds of placeholder, once per string, with the column at the placeholder:

    - a placeholder word anywhere in a string, as a whole word and ignoring case:
      `TODO, TBD, FIXME, XXX, lorem ipsum` ("Churn model. TODO: add the Q3 results");
    - a whole value that only stands in for one: `Your Name`, `NA`, `N/A`, `None`, `-`, `?`,
      `TBA`, a fill-in in angle or square brackets or braces (`<model owner>`,
      `[insert description]`, `{{ owner }}`), and the sample sentences of the SageMaker model
      card templates and examples ("The business problem that your model is used to solve.",
      "Services that the business is offering.", "Your model ethical consideration.").

    Words such as `N/A` or `None` inside normal prose are not placeholders ("Rows with N/A
    values were imputed."), and the values of metrics and hyper-parameters and the objective
    function's `facet` and `condition` are left alone (`None` is a real hyper-parameter value).

    Option `placeholder-words` (a list of words or phrases) replaces the default word list. In a
    phrase, any run of white space matches any other. An empty list turns the rule off. Set it
    in the configuration file::

        [tool.cardlint.options]
        placeholder-words = ["TODO", "TBD", "FIXME", "to be confirmed"]

Why it matters:
    A card with placeholders is a draft; publishing it tells reviewers and auditors
    something that is not true. SageMaker accepts it, so this is a warning.

Example (fails)::

    model_overview:
      model_creator: Your Name
    intended_uses:
      intended_uses: Weekly retention campaigns. TODO add exclusions

Use instead::

    model_overview:
      model_creator: Churn analytics team
    intended_uses:
      intended_uses: Weekly retention campaigns; not for pricing decisions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from cardlint.core.diagnostics import Finding, Severity
from cardlint.core.pointer import from_links
from cardlint.core.text import shorten
from cardlint.rules._shared import Path, compact_json, leaves
from cardlint.rules.base import Card

CODE = "G003"
NAME = "placeholder-text"
SEVERITY = Severity.WARNING
FIXABLE = False

OPTION = "placeholder_words"  # `placeholder-words` in the configuration file
DEFAULT_WORDS = ("TODO", "TBD", "FIXME", "XXX", "lorem ipsum")

_STAND_INS = frozenset(
    {
        "your name",
        "na",
        "n/a",
        "n.a.",
        "none",
        "-",
        "--",
        "---",
        "?",
        "??",
        "???",
        "tba",
        "tbc",
        "tbd",
        "todo",
        "fixme",
        "xxx",
        "placeholder",
        "insert here",
        "to be added",
        "to be determined",
        "to be completed",
    }
)
"""Whole values (case and surrounding white space ignored) that only stand in for content."""

_TEMPLATE_SENTENCES = frozenset(
    {
        # The sample content of the SageMaker Python SDK's model card examples and tests,
        # which people copy into real cards.
        "the business problem that your model is used to solve",
        "the stakeholders who have the interest in the business that your model is used for",
        "the stakeholders who have the interest in the business",
        "services that the business is offering",
        "your model ethical consideration",
        "your model's caveats and recommendations",
        'your model"s caveats and recommendations',
    }
)

_FILL_IN = re.compile(r"<[^<>]+>|\[[^\[\]]+\]|\{\{[^{}]*\}\}|\$\{[^{}]+\}")
"""A fill-in: ``<model owner>``, ``[insert description]``, ``{{ owner }}``, ``${OWNER}``."""

_MAYBE = re.compile(
    '"\\s*(?:(?:'
    + "|".join(re.escape(v) for v in sorted(_STAND_INS, key=len, reverse=True))
    + ')\\.?\\s*"|<|\\[|\\{\\{|\\$\\{|the business problem that|the stakeholders who|'
    "services that the business|your model)"
)
"""On the lower-cased compact JSON: whether any string may be a stand-in (else no walk)."""

# Metric and hyper-parameter values, and the objective function's short technical fields:
# "None", "-" or "none" there are data (a hyper-parameter left at None, no condition).
_SKIPPED_KEYS = frozenset({"value", "condition", "facet"})


def check(card: Card) -> Iterator[Finding]:
    words = _words(card.options.get(OPTION, card.options.get("placeholder-words")))
    pattern = _pattern(words)
    if pattern is None:
        return
    text = compact_json(card)
    lowered = text.lower() if text is not None else None
    # A clean card (the common case) costs a few substring searches of its compact JSON.
    maybe_word = lowered is None or any(needle in lowered for needle in _needles(words))
    if not maybe_word and lowered is not None and _MAYBE.search(lowered) is None:
        return
    for path, value in leaves(card).strings:
        found = _stand_in(path, value)
        if found is None and maybe_word:
            match = pattern.search(value)
            if match is not None:
                found = (match.start(), match.group(), "")
        if found is None:
            continue
        offset, part, kind = found
        what = kind or f"placeholder text {shorten(part)} in {shorten(value)}"
        yield Finding(
            CODE,
            from_links(path),
            f"{what}; write the real content or leave the field out",
            part=(offset, part),
        )


def is_placeholder(value: str) -> bool:
    """Whether the whole of ``value`` stands in for content (the V rules leave it to G003)."""
    return _stand_in(None, value) is not None


def _stand_in(path: Path, value: str) -> tuple[int, str, str] | None:
    """``(offset, text, message start)`` when the whole value is a stand-in, else ``None``."""
    if path is not None and path[1] in _SKIPPED_KEYS:
        return None
    core = value.strip()
    if not core or len(core) > 120:
        return None
    offset = value.find(core)
    folded = " ".join(core.casefold().split())
    if folded in _STAND_INS or folded.rstrip(".") in _STAND_INS or _FILL_IN.fullmatch(core):
        return offset, core, f"{shorten(core)} is a placeholder, not a value"
    if folded.rstrip(".") in _TEMPLATE_SENTENCES:
        return offset, core, f"{shorten(core)} is sample text from a model card template"
    return None


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
