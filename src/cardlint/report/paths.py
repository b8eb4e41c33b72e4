"""Paths as reports show them: relative to the working directory, ``/``-separated."""

from __future__ import annotations

import os
from urllib.parse import quote


def relative_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it, with ``/`` separators.

    >>> relative_path("card.json")
    'card.json'
    """
    if path.startswith("<") or path == "-":
        return path  # <stdin> and friends are names, not paths
    try:
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, "/")
    chosen = absolute if relative.startswith(os.pardir) else relative
    return chosen.replace(os.sep, "/")


def path_uri(path: str) -> str:
    """A URI reference for ``path``: relative when below the working directory, else ``file://``.

    A relative reference whose first segment holds a colon would read as a scheme
    (``co:lon.json``), so colons in relative references are percent-encoded, as RFC 3986
    (section 4.2) asks. File names that are not valid UTF-8 arrive as surrogate escapes; their
    original bytes are percent-encoded, so the URI names the same file.

    >>> path_uri("co:lon-model-card.json")
    'co%3Alon-model-card.json'
    """
    shown = relative_path(path)
    if shown.startswith("/"):
        return "file://" + _quote(shown, "/:")
    if os.name == "nt" and len(shown) > 2 and shown[1] == ":" and shown[2] == "/":  # C:/
        return "file:///" + _quote(shown, "/:")
    return _quote(shown, "/")


def _quote(text: str, safe: str) -> str:
    try:
        return quote(text, safe=safe, errors="surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file system produced: keep its code point
        return quote(text, safe=safe, errors="surrogatepass")
