"""The page as GitHub-flavoured Markdown, for a job summary (``$GITHUB_STEP_SUMMARY``) or a
pull-request comment: headings, fields, tables, the findings list, and each chart as a table of
its data (GitHub's Mermaid charts could not be checked offline, so none are written).

Markdown has no autoescaping, so every card text goes through :func:`inline` (one place): HTML
is written as entities (``<script>`` stays text, never markup), Markdown's own punctuation is
backslash-escaped and a line break becomes ``<br>``, so a card text can add no heading, link,
image, list or table cell.
"""

from __future__ import annotations

import re

from cardlint.render.model import CardView, Node, PageView, Placed

_CHART_NAMES = {"bar_chart": "bar chart", "linear_graph": "line chart", "matrix": "heat map"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_BLOCK_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)](?:\s|$)))")
_BREAK = re.compile(r"\r\n|\r|\n")


def inline(text: str) -> str:
    """One card text as inert Markdown on one line.

    >>> print(inline("# <b>x</b> | [y](javascript:z)\\n- no list"))
    \\# &lt;b&gt;x&lt;/b&gt; \\| \\[y\\](javascript:z)<br>- no list
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _BLOCK_START.sub(_escape_start, text)
    return _BREAK.sub("<br>", text)


def _escape_start(match: re.Match[str]) -> str:
    """A text placed where a line starts must not open a heading or a list."""
    lead, mark = match.groups()
    if mark.isdigit():  # "1. x" would be a numbered list: escape what follows the number
        return f"{lead}{mark}\\"
    return f"{lead}\\{mark}"


def _heading(level: int, text: str) -> str:
    return f"{'#' * min(level, 6)} {inline(text)}"


def _table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    head = "| " + " | ".join(inline(c) or " " for c in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    body = ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in rows]
    return [head, rule, *body]


def _finding(p: Placed) -> str:
    d = p.diagnostic
    where = f"line {d.span.line}, column {d.span.column}"
    if d.pointer:
        where += f", {inline(d.pointer)}"
    return f"**{d.severity.value}** `{d.code}` {inline(d.message)} ({where})"


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def block(self, *lines: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines.extend(lines)

    def findings(self, card: CardView, pointer: str) -> None:
        here = card.findings.get(pointer, ())
        if here:
            self.block(*(f"> {_finding(p)}  " for p in here))

    def node(self, card: CardView, n: Node, level: int) -> None:
        if n.kind == "group":
            if n.label:
                self.block(_heading(level, n.label))
            self.findings(card, n.pointer)
            for child in n.children:  # a group without a heading adds no level
                self.node(card, child, level + 1 if n.label else level)
        elif n.kind == "table":
            if n.label:
                self.block(f"**{inline(n.label)}**")
            self.block(*_table(n.columns, [r.cells for r in n.rows]))
            self.findings(card, n.pointer)
            for row in n.rows:
                self.findings(card, row.pointer)
        elif n.kind == "chart":
            kind = _CHART_NAMES[n.chart_type]
            self.block(f"**{inline(n.label or 'Chart')}** ({kind}): {inline(n.summary)}")
            if n.notes:
                self.block(f"_{inline(n.notes)}_")
            self.block(*_table(n.columns, [r.cells for r in n.rows]))
            self.findings(card, n.pointer)
        else:
            label = f"**{inline(n.label)}**: " if n.label else ""
            if n.kind == "list":
                if n.items:
                    self.block(label.rstrip(": ") or "-", *(f"- {inline(i)}" for i in n.items))
                else:
                    self.block(f"{label}_empty_")
            elif n.kind == "badge":
                self.block(f"{label}**{inline(n.value)}**")
            else:
                self.block(f"{label}{inline(n.value) if n.value else '_empty_'}")
            self.findings(card, n.pointer)


def write_markdown(page: PageView) -> str:
    out = _Writer()
    title = page.cards[0].title if len(page.cards) == 1 else page.path
    out.block(_heading(1, title), f"Model card preview of {inline(page.path)}")
    out.block("## Findings")
    if not page.all_findings:
        out.block("No findings: the card passes every check cardlint runs.")
    else:
        counts = ", ".join(f"{n} {k}{'' if n == 1 else 's'}" for k, n in page.counts if n)
        out.block(
            f"**{counts}**", *(f"{i}. {_finding(p)}" for i, p in enumerate(page.all_findings, 1))
        )
    if not page.cards:
        out.block("_No model card could be read from this file; the findings above say why._")
    many = len(page.cards) > 1
    for card in page.cards:
        if many:
            out.block(_heading(2, card.title))
        if card.pointer:
            out.block(f"Card at {inline(card.pointer)}")
        out.findings(card, "")
        for section in card.sections:
            out.block(_heading(3 if many else 2, section.title))
            n = section.node
            if n.kind == "group":
                out.findings(card, n.pointer)
                for child in n.children:
                    out.node(card, child, 4 if many else 3)
            else:
                out.node(card, n._replace(label=""), 3)
    return "\n".join(out.lines) + "\n"
