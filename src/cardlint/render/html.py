"""The page as one self-contained HTML file, written by a Jinja2 template with autoescaping.

The page holds no script and asks for nothing: its own Content-Security-Policy allows only
its one stylesheet (by hash), so even a browser that met injected markup would neither run nor
load it. Output is deterministic: no time, no random id (chart ids count up from 1).
"""

from __future__ import annotations

import base64
import hashlib
import os
from functools import cache

import jinja2
from markupsafe import Markup

from cardlint.core.version import __version__
from cardlint.render.model import PageView

_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
CHART_NAMES = {"bar_chart": "bar chart", "linear_graph": "line chart", "matrix": "heat map"}
_RISK_CLASSES = {
    "High": "risk-high",
    "Medium": "risk-medium",
    "Low": "risk-low",
    "Unknown": "risk-unknown",
}


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@cache
def stylesheet() -> str:
    with open(os.path.join(_TEMPLATES, "page.css"), encoding="utf-8") as handle:
        return handle.read()


def content_security_policy(css: str) -> str:
    """Nothing but the page's own stylesheet, named by its SHA-256."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def risk_class(level: str) -> str:
    """The badge class of a risk rating; text outside the enum gets a neutral class, so card
    text never becomes a class name."""
    return _RISK_CLASSES.get(level, "risk-other")


def counts_text(page: PageView) -> str:
    parts = [f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in page.counts if n]
    return ", ".join(parts)


def write_html(page: PageView) -> str:
    css = stylesheet()
    template = _environment().get_template("page.html.j2")
    title = page.cards[0].title if len(page.cards) == 1 else page.path
    return template.render(
        page=page,
        title=title,
        css=Markup(css),
        csp=content_security_policy(css),
        version=__version__,
        counts_text=counts_text(page),
        chart_names=CHART_NAMES,
        risk_class=risk_class,
    )
