"""RFC 6901 JSON pointers: building, splitting and showing them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def escape(token: str | int) -> str:
    """Escape one reference token: ``~`` becomes ``~0`` and ``/`` becomes ``~1``."""
    text = str(token)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def join(pointer: str, token: str | int) -> str:
    """Append one token to a pointer: ``join("/a", "b/c") == "/a/b~1c"``."""
    return f"{pointer}/{escape(token)}"


def from_path(path: Iterable[str | int]) -> str:
    """Build a pointer from a sequence of keys and indexes (``jsonschema``'s ``absolute_path``)."""
    return "".join(f"/{escape(token)}" for token in path)


def from_links(path: Any) -> str:
    """Build a pointer from a chain of ``(parent, token)`` links whose root is ``None``: what a
    walk over a card keeps per node, since a link is cheaper to make than a pointer string and
    only the few that are reported need spelling out."""
    tokens: list[str] = []
    while path is not None:
        path, token = path
        tokens.append(escape(token))
    return "".join(f"/{token}" for token in reversed(tokens))


def split(pointer: str) -> list[str]:
    """The unescaped tokens of a pointer: ``split("/a/b~1c") == ["a", "b/c"]``."""
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def parent(pointer: str) -> str:
    """The pointer of the containing node (the root's parent is the root)."""
    return pointer[: pointer.rfind("/")] if pointer else ""


def last(pointer: str) -> str:
    """The last unescaped token, or ``""`` for the root."""
    tokens = split(pointer)
    return tokens[-1] if tokens else ""


def resolve(value: object, pointer: str) -> object:
    """The value at ``pointer`` inside ``value``; raises ``LookupError`` when absent."""
    node = value
    for token in split(pointer):
        if isinstance(node, dict):
            node = node[token]
        elif isinstance(node, list):
            if not token.isdigit():
                raise LookupError(pointer)
            node = node[int(token)]
        else:
            raise LookupError(pointer)
    return node
