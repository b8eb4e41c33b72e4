"""Small text helpers shared by messages and reporters."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from typing import Any

MAX_SHOWN = 60
_MAX_SUGGESTABLE = 200
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def shorten(value: Any, limit: int = MAX_SHOWN) -> str:
    """Show a value in a message: JSON spelling, never longer than about ``limit`` characters.

    >>> shorten("x" * 2100)
    '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (2100 characters)'
    >>> len(shorten("x" * 2100).split(" (")[0])
    60
    """
    if isinstance(value, str):
        shown = safe_text(json.dumps(value[: limit + 1], ensure_ascii=False))
        if len(value) > limit:
            return f'{shown[: limit - 2]}…" ({len(value)} characters)'
        return shown
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        kind = "object" if isinstance(value, dict) else "array"
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, TypeError, RecursionError):
            text = ""
        text = safe_text(text)
        if not text or len(text) > limit:
            return f"an {kind} of {len(value)} item{'s' if len(value) != 1 else ''}"
        return text
    return safe_text(json.dumps(value, default=str))


# What no line a person reads may carry raw: C0 controls but tab and line feed, DEL, C1 controls
# (NEL among them), the line and paragraph separators, the bidirectional embeddings, overrides
# and isolates (which reorder what a terminal or a review shows), and lone surrogates (which
# UTF-8 cannot encode).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_LINE_UNSAFE = re.compile(f"[\t\n{_UNSAFE.pattern[1:-1]}]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0xA0 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``text`` with what no output stream should carry spelled out as escapes: control
    characters (tab and line feed kept), DEL, C1 controls, U+2028/U+2029, bidirectional
    controls and lone surrogates.

    >>> safe_text("a\\x1b[2Jb\\u202ec\\ud800")
    'a\\\\x1b[2Jb\\\\u202ec\\\\ud800'
    """
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def one_line(text: str) -> str:
    """``text`` safe for one line of a line-oriented stream (a terminal, a CI log): as
    :func:`safe_text`, and tab and line feed escaped too. Every line cardlint prints about a
    name, a key or a value goes through it.

    >>> one_line("a\\nb\\rc")
    'a\\\\nb\\\\x0dc'
    """
    return _LINE_UNSAFE.sub(_escape, text) if _LINE_UNSAFE.search(text) else text


# What json.dumps(ensure_ascii=False) leaves raw although a reader may trip on it; in its
# output they can only stand inside strings, where a \\u escape means the same character.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(value: Any, *, indent: int | None = None, ascii_only: bool = False) -> str:
    """``value`` as JSON text that carries no raw control, separator, bidirectional or lone
    surrogate character: JSON escapes only, so every JSON parser reads it back exactly.

    >>> json_text({"k\\x9b": "\\u202e"})
    '{"k\\\\u009b": "\\\\u202e"}'
    """
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value (YAML dates are reported as dates)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, datetime.date):
        return "date"
    return type(value).__name__


def with_article(kind: str) -> str:
    """``an array``, ``a string``; ``null`` stays ``null``."""
    if kind == "null":
        return kind
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def a_type(value: Any) -> str:
    """A value's JSON type with its article, for messages: ``an array``, ``null``."""
    return with_article(json_type(value))


def describe(value: Any) -> str:
    """A value's type and the value, for messages: ``a string "x"``, ``a number 3``, ``null``;
    a long object or array only by its size (``an object of 2 items``), never twice its type.

    >>> describe({"text": "x" * 70, "owner": "y"})
    'an object of 2 items'
    """
    if value is None:
        return "null"
    shown = shorten(value)
    if isinstance(value, dict | list) and shown.startswith(("an object of ", "an array of ")):
        return shown
    return f"{a_type(value)} {shown}"


def normalise_name(name: str) -> str:
    """``modelCreator``, ``Model-Creator`` and ``model creator`` all become ``model_creator``."""
    name = _CAMEL.sub("_", name.strip())
    return re.sub(r"[\s\-_.]+", "_", name).lower()


def suggest(name: str, choices: Iterable[str]) -> tuple[str | None, bool]:
    """The best replacement for ``name`` among ``choices`` and whether it is certain.

    Certain means equal after normalising case, separators and camelCase; otherwise the
    closest spelling by ``difflib`` (cutoff 0.75), or ``None``.
    """
    options = list(choices)
    if len(name) > _MAX_SUGGESTABLE:
        # No misspelling is that long, and difflib is quadratic: a 5 MB key took seconds.
        return None, False
    key = normalise_name(name)
    exact = [c for c in options if normalise_name(c) == key]
    if len(exact) == 1:
        return exact[0], True
    import difflib

    close = difflib.get_close_matches(key, [normalise_name(c) for c in options], n=1, cutoff=0.75)
    if close:
        for choice in options:
            if normalise_name(choice) == close[0]:
                return choice, False
    return None, False


def or_list(items: Iterable[str]) -> str:
    """``a, b or c`` for messages."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"
