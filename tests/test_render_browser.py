"""The rendered page in a real browser: Debian's Chromium driven by Playwright, with every
request the page makes recorded and refused.

The page is served at one made-up address by the route handler (the only answer the browser
ever gets), so the page's own Content-Security-Policy is in force as it would be anywhere.

Screenshots of every example card are kept in ``$CARDLINT_ARTIFACTS_DIR/render-screenshots``
or, without that variable, in pytest's temporary directory (``render-screenshots0`` under
``pytest --basetemp`` or ``/tmp/pytest-of-$USER/pytest-N/``); the path is printed with ``-s``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import EXAMPLES
from test_render import EXAMPLE, HOSTILE, hostile_cards

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CARDLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PAGE_URL = "http://card.invalid/page.html"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

jinja2 = pytest.importorskip("jinja2", reason="the render extra (jinja2) is not installed")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"no Chromium at {CHROMIUM} (install Debian's chromium, or set CARDLINT_CHROMIUM)",
        allow_module_level=True,
    )

from cardlint.render import render_file, render_text  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("CARDLINT_ARTIFACTS_DIR")
    if chosen:
        path = Path(chosen) / "render-screenshots"
        path.mkdir(parents=True, exist_ok=True)
    else:
        path = tmp_path_factory.mktemp("render-screenshots")
    print(f"\nscreenshots of the rendered examples: {path}")
    return path


class Opened:
    """A page opened in a fresh context, with what it asked for and what it logged."""

    def __init__(self, browser: Any, html: str) -> None:
        self.requests: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1000, "height": 800})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.html = html
        self.page.goto(PAGE_URL)

    def _route(self, route: Any) -> None:
        if route.request.url == PAGE_URL:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=self.html)
        else:
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text}")

    def assert_quiet(self) -> None:
        assert self.requests == [PAGE_URL]  # the page itself, nothing else
        assert self.console == []
        assert self.errors == []

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    opened: list[Opened] = []

    def open_(html: str) -> Opened:
        opened.append(Opened(browser, html))
        return opened[-1]

    yield open_
    for item in opened:
        item.close()


def _example_cards() -> list[Path]:
    # Folders are judged inside examples/: a checkout under /tmp/ci/ must not lose them all.
    return sorted(
        p
        for p in EXAMPLES.rglob("*")
        if p.suffix in (".json", ".yaml", ".yml")
        and not {"ci", "editors"} & set(p.relative_to(EXAMPLES).parts)
    )


@pytest.mark.parametrize("card", _example_cards(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_opens_quietly_and_is_kept_as_a_screenshot(card, open_page, artifacts):
    opened = open_page(render_file(str(card)))
    name = str(card.relative_to(EXAMPLES)).replace(os.sep, "__") + ".png"
    opened.page.screenshot(path=str(artifacts / name), full_page=True)
    opened.assert_quiet()
    assert (artifacts / name).stat().st_size > 0
    assert opened.page.evaluate("document.querySelectorAll('script').length") == 0


def _texts(locator: Any) -> list[str]:
    return [t.strip() for t in locator.all_text_contents()]


def test_every_chart_has_a_size_and_shows_its_labels_and_values(open_page):
    opened = open_page(render_file(str(EXAMPLE)))
    opened.assert_quiet()
    charts = opened.page.locator("svg.plot")
    assert charts.count() == 3
    for index in range(3):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
        texts = charts.nth(index).locator("text")
        for n in range(texts.count()):  # every label is drawn, not just present
            assert texts.nth(n).is_visible(), texts.nth(n).inner_html()
            text_box = texts.nth(n).bounding_box()
            assert text_box is not None and text_box["width"] > 0
    bar, line, heat = (_texts(charts.nth(i).locator("text")) for i in range(3))
    assert bar == [
        "0.0", "0.2", "0.4", "0.6", "0.8", "1.0",
        "0.84", "card present", "0.79", "online", "0.77", "mobile", "0.61", "#4",
        "recall",
    ]  # fmt: skip
    ticks = ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    assert line[:12] == ticks + ticks
    assert line[12:] == [
        "(0, 0)", "(0.02, 0.55)", "(0.05, 0.74)", "(0.1, 0.85)", "(0.2, 0.93)", "(0.4, 0.97)",
        "(1, 1)", "false positive rate", "true positive rate",
    ]  # fmt: skip
    assert heat == [
        "98012", "411", "96", "1481",
        "actual legit", "actual fraud", "predicted legit", "predicted fraud",
    ]  # fmt: skip
    # The text alternative screen readers get.
    name = charts.nth(2).get_attribute("aria-labelledby")
    assert name == "chart-3-title chart-3-desc"
    assert opened.page.locator("#chart-3-desc").text_content() == (
        "Heat map of a 2 by 2 matrix; rows: actual legit, actual fraud; "
        "columns: predicted legit, predicted fraud."
    )
    # Value labels are readable: white on the darkest cell, dark on the lightest.
    fills = opened.page.eval_on_selector_all(
        "svg.plot .cell text", "els => els.map(e => getComputedStyle(e).fill)"
    )
    assert fills == ["rgb(255, 255, 255)", "rgb(17, 17, 17)", "rgb(17, 17, 17)", "rgb(17, 17, 17)"]


def test_the_stylesheet_applies_under_the_pages_own_policy(open_page):
    opened = open_page(render_file(str(EXAMPLE)))
    opened.assert_quiet()  # a refused stylesheet would be a console error
    colour = opened.page.eval_on_selector("svg.plot .bar rect", "e => getComputedStyle(e).fill")
    assert colour == "rgb(47, 109, 181)"


def test_the_findings_sit_at_their_fields_and_the_summary_links_to_them(open_page):
    opened = open_page(render_file(str(EXAMPLE)))
    summary = _texts(opened.page.locator(".summary li"))
    assert [re.match(r"(\w+) (\w+)", s).groups() for s in summary] == [
        ("error", "S002"),
        ("warning", "M002"),
        ("warning", "G003"),
    ]
    placed = opened.page.locator("#finding-2")
    chart = opened.page.locator("figure#chart-1")
    assert chart.locator("#finding-2").count() == 1
    assert placed.is_visible()
    opened.page.locator(".summary a[href='#finding-3']").click()
    assert opened.page.evaluate("location.hash") == "#finding-3"
    opened.assert_quiet()


def test_a_hostile_card_runs_nothing_and_adds_no_element(open_page):
    bad, good = hostile_cards()
    hostile = open_page(render_text(bad, "card.json"))
    plain = open_page(render_text(good, "card.json"))
    shape = (
        "[...document.querySelectorAll('*')].map(e => [e.tagName, e.getAttributeNames().sort()])"
    )
    assert hostile.page.evaluate(shape) == plain.page.evaluate(shape)
    assert hostile.page.evaluate("window.pwned") is None
    links = hostile.page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    assert links and all(re.fullmatch(r"#finding-\d+", link) for link in links)
    assert hostile.page.evaluate("document.styleSheets.length") == 1
    assert hostile.page.evaluate("getComputedStyle(document.body).display") == "block"
    hostile.assert_quiet()
    text = hostile.page.evaluate("document.body.textContent")
    for payload in HOSTILE:
        assert payload in text


def test_print_to_pdf_gives_pages(browser, artifacts):
    opened = Opened(browser, render_file(str(EXAMPLE)))
    try:
        pdf = opened.page.pdf(format="A4", print_background=True)
        opened.assert_quiet()
    finally:
        opened.close()
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 2 <= pages <= 8
    (artifacts / "fraud-model-card.pdf").write_bytes(pdf)
