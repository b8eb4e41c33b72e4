"""The card as a page: ``cardlint render`` writes one card file as self-contained HTML (inline
CSS and SVG, no script, no request) or as Markdown for a CI job summary, with the findings of
the same check ``cardlint check`` runs shown at the fields they concern.

Needs the ``render`` extra (Jinja2): ``pip install "cardlint[render]"`` (only for HTML, when
called from Python, as in the example). Nothing here is imported by ``cardlint check``.

>>> from cardlint.render import render_text
>>> print(render_text('{"intended_uses": {"risk_rating": "Low"}}', "card.json", "markdown"))
# card.json
Model card preview of card.json
<BLANKLINE>
## Findings
<BLANKLINE>
No findings: the card passes every check cardlint runs.
<BLANKLINE>
## Intended uses
<BLANKLINE>
**Risk rating**: **Low**
<BLANKLINE>
"""

from __future__ import annotations

from typing import Literal

from cardlint.check.result import FileResult
from cardlint.core.settings import DEFAULT_SETTINGS, Settings

OutputFormat = Literal["html", "markdown"]
MISSING_EXTRA = 'cardlint render needs the "render" extra: pip install "cardlint[render]"'


class RenderUnavailable(Exception):
    """The ``render`` extra is not installed (the message says how to install it)."""


def render_result(
    result: FileResult, fmt: OutputFormat = "html", settings: Settings = DEFAULT_SETTINGS
) -> str:
    """The page for a checked file (what :func:`cardlint.check.engine.check_file` returned)."""
    from cardlint.render.page import build_page

    page = build_page(result, settings.limits)
    if fmt == "markdown":
        from cardlint.render.markdown import write_markdown

        return write_markdown(page)
    try:
        from cardlint.render.html import write_html
    except ImportError as exc:
        raise RenderUnavailable(MISSING_EXTRA) from exc
    return write_html(page)


def render_text(
    text: str,
    path: str = "<stdin>",
    fmt: OutputFormat = "html",
    settings: Settings = DEFAULT_SETTINGS,
) -> str:
    """Check then render a card given as text; ``path`` picks the format (``.json``, ``.yaml``)."""
    from cardlint.check.engine import check_text_limited

    return render_result(check_text_limited(text, path, settings), fmt, settings)


def render_file(
    path: str, fmt: OutputFormat = "html", settings: Settings = DEFAULT_SETTINGS
) -> str:
    """Check then render a card file; raises ``OSError`` if it cannot be read."""
    from cardlint.check.engine import check_file

    return render_result(check_file(path, settings), fmt, settings)


def require_extra() -> None:
    """Raise :class:`RenderUnavailable` unless the ``render`` extra is installed."""
    try:
        import jinja2  # noqa: F401
    except ImportError as exc:
        raise RenderUnavailable(MISSING_EXTRA) from exc
