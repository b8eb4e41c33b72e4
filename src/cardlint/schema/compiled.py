"""A compiled validity check for the common case: a card with no schema defect.

python-jsonschema stays the reference: it produces every schema finding and message. This
module only answers "is this card valid?", about 30 times faster (jsonschema-rs, a compiled
validator), so that valid cards never pay for python-jsonschema, nor even for importing it.

The answer may only err on the safe side. ``True`` must mean the reference finds nothing;
``False`` just sends the card to the reference, which then reports what it finds (maybe
nothing). So the check is built only when it can agree with the reference:

- formats are annotations in both (python-jsonschema is used without a format checker);
- no ``$ref`` is ever fetched: a schema that needs a remote document gets no compiled check;
- regular expressions: jsonschema-rs follows ECMA 262 and python-jsonschema uses Python's
  ``re``. ``.``, ``$``, ``\\s`` and ``\\S`` are handed to jsonschema-rs spelled out as Python
  reads them; for ``\\d`` and ``\\w`` Python is the more permissive (a card the compiled check
  rejects goes to the reference, which may find nothing); a schema whose patterns use
  ``\\D``, ``\\W``, ``\\b``, inline flags, Python-only anchors or ``\\s`` inside a class gets
  no compiled check;
- a value that is not plain JSON (a YAML date, a non-string key) makes the compiled check
  raise, which counts as "not known valid".

``tests/test_perf_compiled.py`` checks that both agree on every example and on generated cards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ValidityCheck = Callable[[Any], bool]

# Regex escapes whose meaning differs between Python's re and ECMA 262 in the direction that
# would make the compiled check accept what the reference rejects.
_RISKY_ESCAPES = frozenset("DWbBpPAZzGkc")

_DATA_KEYWORDS = frozenset({"enum", "const", "default", "examples"})

PYTHON_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""What ``\\s`` matches in a Python ``str`` pattern (tests/test_perf_compiled.py checks it)."""


def compile_check(schema: dict[str, Any]) -> ValidityCheck | None:
    """A fast ``card -> bool`` for ``schema``, or ``None`` when none can be trusted.

    >>> check = compile_check({"type": "object", "required": ["name"]})
    >>> check({"name": "x"}), check({})
    (True, False)
    """
    translated = _translate_patterns(schema)
    if translated is None:
        return None
    try:
        import jsonschema_rs
    except ImportError:  # an optional speed-up: without it every card goes to the reference
        return None
    try:
        validator = jsonschema_rs.validator_for(
            translated, validate_formats=False, retriever=_refuse_retrieval
        )
    except Exception:  # a schema it cannot build (remote $ref, unknown draft): no fast path
        return None
    is_valid = validator.is_valid

    def check(card: Any) -> bool:
        try:
            return bool(is_valid(card))
        except Exception:  # not plain JSON (a YAML date, a non-string key): ask the reference
            return False

    return check


def _refuse_retrieval(uri: str) -> Any:
    raise LookupError(f"cardlint never fetches schemas: {uri}")


def python_regex_for_ecma(pattern: str) -> str | None:
    """``pattern`` respelled so that ECMA 262 reads it as Python's ``re`` does, or ``None``.

    >>> python_regex_for_ecma(r"^\\S{1,5}$") == "^[^" + PYTHON_WHITESPACE + "]{1,5}(?=\\n?$)"
    True
    >>> python_regex_for_ecma("^.{1,63}$")
    '^[^\\n]{1,63}(?=\\n?$)'

    >>> python_regex_for_ecma(r"\\bword") is None
    True
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            if escaped in _RISKY_ESCAPES or (in_class and escaped in "sS"):
                return None
            if escaped == "s":
                out.append(f"[{PYTHON_WHITESPACE}]")
            elif escaped == "S":
                out.append(f"[^{PYTHON_WHITESPACE}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "(" and pattern.startswith("(?", i):
            return None  # inline flags, lookarounds, named groups: spelled differently
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            i += 1
            for prefix in ("^]", "]", "^"):  # a leading ] is a literal inside a class
                if pattern.startswith(prefix, i):
                    out.append(prefix)
                    i += len(prefix)
                    break
            continue
        if char == "]" and in_class:
            in_class = False
        elif char == "." and not in_class:
            char = "[^\n]"  # ECMA's dot also stops at \r, U+2028 and U+2029
        elif char == "$" and not in_class:
            char = "(?=\n?$)"  # Python's $ also matches before a final newline
        out.append(char)
        i += 1
    return "".join(out)


def _translate_patterns(node: Any) -> Any:
    """A copy of the schema ``node`` with every ``pattern`` and ``patternProperties`` key
    respelled for ECMA 262, or ``None`` when one cannot be.

    Goes through every object, examples included: a false alarm only costs speed.
    """
    if isinstance(node, list):
        items = [_translate_patterns(item) for item in node]
        return (
            None
            if any(i is None and o is not None for i, o in zip(items, node, strict=True))
            else items
        )
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    translated: Any
    for key, value in node.items():
        if key in _DATA_KEYWORDS:  # instances, not schemas: left exactly as written
            out[key] = value
            continue
        if key == "pattern" and isinstance(value, str):
            translated = python_regex_for_ecma(value)
        elif key == "patternProperties" and isinstance(value, dict):
            patterns: dict[str, Any] = {}
            for regex, sub in value.items():
                spelled = python_regex_for_ecma(regex) if isinstance(regex, str) else None
                inner = _translate_patterns(sub)
                if spelled is None or (inner is None and sub is not None):
                    return None
                patterns[spelled] = inner
            translated = patterns
        else:
            translated = _translate_patterns(value)
        if translated is None and value is not None:
            return None
        out[key] = translated
    return out
