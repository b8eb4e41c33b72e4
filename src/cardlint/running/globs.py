"""Matching a relative path against a configuration's ``exclude`` or ``include`` pattern.

Its own module because both the configuration (``exclude``) and the file planner (``include``
with a ``/``) match paths this way, and neither should import the other for it.
"""

from __future__ import annotations

import fnmatch


def glob_match(relative: str, pattern: str) -> bool:
    """Match a ``/``-separated relative path as ``.gitignore`` does, roughly.

    A pattern without ``/`` matches the file name or any directory name on the way; a pattern
    with ``/`` matches from the configuration's directory; a directory pattern covers what is
    below it; ``**/`` matches any number of directories.

    >>> glob_match("cards/legacy/a.yaml", "legacy")
    True
    >>> glob_match("cards/legacy/a.yaml", "cards/*.yaml")
    False
    >>> glob_match("cards/legacy/a.yaml", "cards/**/*.yaml")
    True
    """
    pattern = pattern.strip()
    while pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/")
    parts = relative.split("/")
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in parts)
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    candidates = [pattern]
    if pattern.startswith("**/"):
        candidates.append(pattern[3:])
    candidates.extend(c.replace("/**/", "/") for c in list(candidates) if "/**/" in c)
    # fnmatch's * crosses "/", which is what ** means; a lone * should not, so check depth.
    return any(
        fnmatch.fnmatchcase(prefix, c) and ("**" in c or prefix.count("/") == c.count("/"))
        for c in candidates
        for prefix in prefixes
    )
