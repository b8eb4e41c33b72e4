"""cardlint: an offline validator and linter for Amazon SageMaker model cards.

>>> from cardlint import lint_text
>>> [(d.code, d.pointer) for d in lint_text('{"model_overview": {"modelCreator": "x"}}',
...                                           filename="card.json")]
[('S004', '/model_overview/modelCreator')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cardlint.core.version import __version__

if TYPE_CHECKING:
    from cardlint.core.diagnostics import Diagnostic
    from cardlint.running.api import lint_paths, lint_text

__all__ = ["Diagnostic", "__version__", "lint_paths", "lint_text"]


def __getattr__(name: str) -> Any:
    # Lazy: `import cardlint` stays cheap; the engine (and jsonschema) load on first use.
    if name in ("lint_text", "lint_paths"):
        from cardlint.running import api

        return getattr(api, name)
    if name == "Diagnostic":
        from cardlint.core.diagnostics import Diagnostic

        return Diagnostic
    raise AttributeError(name)
