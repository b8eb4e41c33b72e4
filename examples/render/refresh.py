"""Re-render the example (run from the repository root after changing the page):

    .venv/bin/python examples/render/refresh.py

writes fraud-model-card.html and .md with `cardlint render`, and fraud-model-card.png (the
README's screenshot: the evaluation section) with Debian's chromium through Playwright. A
test fails when the .html or .md is not what cardlint renders now (a rule's message changed).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path("examples/render")
CARD = HERE / "fraud-model-card.yaml"
CARDLINT = Path(sys.executable).with_name("cardlint")


def main() -> None:
    for fmt, suffix in (("html", ".html"), ("markdown", ".md")):
        out = CARD.with_suffix(suffix)
        subprocess.run([CARDLINT, "render", CARD, "--format", fmt, "-o", out], check=True)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: the screenshot is left as it is")
        return

    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 900, "height": 800})
        url = CARD.with_suffix(".html").resolve().as_uri()
        # Nothing but the file itself is fetched.
        page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
        page.goto(url)
        section = page.locator("section.card-section", has_text="Evaluation details")
        section.screenshot(path=str(CARD.with_suffix(".png")))
        browser.close()


if __name__ == "__main__":
    main()
