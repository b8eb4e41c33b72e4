"""The effective configuration of one run: schema, selected codes, severities, options, limits."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from cardlint.core import codes
from cardlint.core.diagnostics import Severity


class Limits(NamedTuple):
    """Resource limits applied to every file (documented in the README)."""

    max_file_size: int = 10 * 1024 * 1024
    max_depth: int = 64
    max_alias_expansion: int = 10_000
    max_values: int = 200_000
    max_seconds: float = 20.0


DEFAULT_LIMITS = Limits()


EMPTY: Mapping[str, Any] = MappingProxyType({})
"""The default of every mapping setting: read-only, so one object can serve them all."""

ALWAYS_ON = frozenset({codes.SYNTAX, codes.UNDECODABLE, codes.FILE_TOO_LARGE, codes.INTERNAL_ERROR})
"""Codes that cannot be ignored: without them a broken file would pass silently."""


def _match_length(code: str, prefixes: tuple[str, ...]) -> int:
    best = -1
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


class Settings(NamedTuple):
    """Everything that changes what a file's diagnostics are (part of the cache key).

    Selection follows ruff: the longest matching prefix among ``select``/``extend_select``
    and ``ignore`` decides, and ``ignore`` wins a tie. An opt-in code (:data:`codes.OPT_IN`)
    needs a selector other than ``ALL``.
    """

    schema: str = "auto"
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = EMPTY
    options: Mapping[str, Any] = EMPTY
    limits: Limits = DEFAULT_LIMITS
    fail_on: Severity = Severity.ERROR

    def is_enabled(self, code: str) -> bool:
        if code in ALWAYS_ON:
            return True
        chosen = _match_length(code, self.select + self.extend_select)
        if chosen <= 0 and code in codes.OPT_IN:
            return False
        return chosen >= 0 and chosen > _match_length(code, self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)

    def fails(self, severity: Severity) -> bool:
        return severity.rank >= self.fail_on.rank


DEFAULT_SETTINGS = Settings()
