"""`cardlint render`: chart geometry, the page model, Markdown and HTML output, the command.
The browser tests (a real Chromium opening the page) are in test_render_browser.py."""

from __future__ import annotations

import html.parser
import json
import re
import subprocess
import sys

import pytest

from helpers import EXAMPLES, ROOT, run_cli

pytest.importorskip("jinja2", reason="the render extra (jinja2) is not installed")

from cardlint import lint_text
from cardlint.render import render_text
from cardlint.render.charts import bar_chart, heat_map, line_chart, nice_ticks
from cardlint.render.markdown import inline

EXAMPLE = EXAMPLES / "render" / "fraud-model-card.yaml"
HOSTILE = [
    "<script>window.pwned = 1</script>",
    '<img src="http://evil.invalid/x.png" onerror="window.pwned = 1">',
    '"><svg onload="window.pwned = 1"></svg>',
    "</svg></figure><script>window.pwned = 1</script>",
    "javascript:window.pwned = 1",
    "</style><style>body { display: none }</style>",
    "x' style='background: url(http://evil.invalid/css)'",
    "{{ 7 * 7 }} {% raw %} ]]> <!-- --> <![CDATA[ x ]]>",
    "[click](javascript:alert(1)) ![i](http://evil.invalid/i.png) <a href=x>a</a> | # h",
]


# -- chart geometry --------------------------------------------------------------------------


def test_nice_ticks_cover_the_data_with_round_steps():
    assert nice_ticks(0, 3.1) == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert nice_ticks(-1, 4) == [-1.0, 0.0, 1.0, 2.0, 3.0, 4.0]
    assert nice_ticks(0.1, 0.13) == [0.1, 0.11, 0.12, 0.13]
    assert nice_ticks(0, 0) == [-1.0, -0.5, 0.0, 0.5, 1.0]


def test_bars_stand_on_zero_in_data_order_with_their_names():
    chart = bar_chart([2, 4, -1], ["a", "b"], "recall")
    # Value axis -1..4 over the plot's 240..20: 44 units per 1, zero at y=196.
    assert [t.label for t in chart.y_ticks] == ["-1", "0", "1", "2", "3", "4"]
    assert [t.position for t in chart.y_ticks] == [240.0, 196.0, 152.0, 108.0, 64.0, 20.0]
    assert chart.baseline == 196.0
    geometry = [(b.x, b.y, b.width, b.height) for b in chart.bars]
    assert geometry == [(95.8, 108.0, 111.07, 88.0), (254.47, 20.0, 111.07, 176.0),
                        (413.13, 196.0, 111.07, 44.0)]  # fmt: skip
    assert [b.name for b in chart.bars] == ["a", "b", "#3"]  # a missing name is numbered
    assert [b.value_text for b in chart.bars] == ["2", "4", "-1"]
    assert [b.value_y for b in chart.bars] == [103.0, 15.0, 253.0]  # below a negative bar
    assert chart.y_name == "recall"


def test_a_long_bar_name_is_shortened_under_the_bar_but_kept_whole():
    chart = bar_chart([1.0] * 8, ["a very long segment name indeed"] * 8)
    assert chart.bars[0].name == "a very long segment name indeed"
    assert chart.bars[0].label == "a very…"


def test_axis_names_longer_than_their_axis_are_shortened():
    long = "a name far longer than the axis it is written along " * 3
    assert bar_chart([1], ["a"], long).y_name == "a name far longer than the axis…"
    line = line_chart([(0, 0), (1, 1)], long, long)
    assert line.x_name == line.y_name == "a name far longer than the axis it is…"


def test_a_roc_curve_gets_a_square_plot_with_axes_from_0_to_1():
    chart = line_chart([(0, 0), (0.5, 0.25), (1, 1)], "false positive rate", "true positive rate")
    assert chart.unit_square
    assert [t.label for t in chart.x_ticks] == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    assert [t.label for t in chart.y_ticks] == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    assert (chart.plot.width, chart.plot.height) == (260.0, 260.0)
    assert [(p.x, p.y) for p in chart.points] == [(72.0, 280.0), (202.0, 215.0), (332.0, 20.0)]
    assert chart.path == "M72,280 L202,215 L332,20"
    assert [p.label for p in chart.points] == ["(0, 0)", "(0.5, 0.25)", "(1, 1)"]
    assert (chart.x_name, chart.y_name) == ("false positive rate", "true positive rate")
    # Next to the x axis a label goes above its point, elsewhere below it.
    assert [(p.label_x, p.label_y) for p in chart.points] == [(78.0, 272.0), (208.0, 229.0),
                                                               (338.0, 34.0)]  # fmt: skip


def test_other_line_data_gets_round_axes_around_it():
    chart = line_chart([(1, 10), (3, 35)], "epoch", "loss")
    assert not chart.unit_square
    assert [t.label for t in chart.x_ticks] == ["1.0", "1.5", "2.0", "2.5", "3.0"]
    assert [t.label for t in chart.y_ticks] == ["10", "15", "20", "25", "30", "35"]
    assert [(p.x, p.y) for p in chart.points] == [(72.0, 240.0), (544.0, 20.0)]


def test_matrix_cells_row_by_row_with_values_and_axis_names():
    chart = heat_map([[1, 2, 3], [4, 5, 6]], ["p1", "p2", "p3"], ["a1", "a2"])
    cells = [(c.row, c.column, c.x, c.y, c.width, c.height, c.text) for c in chart.cells]
    assert cells == [
        (0, 0, 44.0, 12.0, 120.0, 44.0, "1"),
        (0, 1, 164.0, 12.0, 120.0, 44.0, "2"),
        (0, 2, 284.0, 12.0, 120.0, 44.0, "3"),
        (1, 0, 44.0, 56.0, 120.0, 44.0, "4"),
        (1, 1, 164.0, 56.0, 120.0, 44.0, "5"),
        (1, 2, 284.0, 56.0, 120.0, 44.0, "6"),
    ]
    assert [(t.label, t.position) for t in chart.columns] == [
        ("p1", 104.0),
        ("p2", 224.0),
        ("p3", 344.0),
    ]
    assert [(t.label, t.position) for t in chart.rows] == [("a1", 34.0), ("a2", 78.0)]
    # The smallest value is the lightest, the largest the darkest, with white text on it.
    assert (chart.cells[0].fill, chart.cells[0].text_fill) == ("#f7fbff", "#111111")
    assert (chart.cells[-1].fill, chart.cells[-1].text_fill) == ("#08306b", "#ffffff")
    assert chart.show_values


# -- Markdown --------------------------------------------------------------------------------


def test_markdown_escapes_every_card_text():
    assert inline("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert inline("a | b\nc") == "a \\| b<br>c"
    assert inline("[x](javascript:y) ![i](http://h/i.png)") == (
        "\\[x\\](javascript:y) !\\[i\\](http://h/i.png)"
    )
    assert inline("# not a heading") == "\\# not a heading"
    assert inline("1. not a list") == "1\\. not a list"
    assert inline("- not a list") == "\\- not a list"
    assert (
        inline("*b* _i_ `c` ~s~ $m$ &amp;") == "\\*b\\* \\_i\\_ \\`c\\` \\~s\\~ \\$m\\$ &amp;amp;"
    )


def test_markdown_of_the_example_card():
    text = render_text(EXAMPLE.read_text(), str(EXAMPLE.relative_to(ROOT)), "markdown")
    lines = text.splitlines()
    codes = [(d.code, d.pointer) for d in lint_text(EXAMPLE.read_text(), filename="c.yaml")]
    assert codes == [
        ("S002", "/intended_uses/risk_rating"),
        ("M002", "/evaluation_details/0/metric_groups/0/metric_data/3/x_axis_name"),
        ("G003", "/additional_information/caveats_and_recommendations"),
    ]
    assert lines[:11] == [
        "# Card fraud scoring",
        "Model card preview of examples/render/fraud-model-card.yaml",
        "",
        "## Findings",
        "",
        "**1 error, 2 warnings**",
        # The engine's own messages (other rules' wording is theirs to change), escaped.
        *(
            f"{n}. **{d.severity.value}** `{d.code}` {inline(d.message)} (line {d.span.line}, "
            f"column {d.span.column}, {inline(d.pointer)})"
            for n, d in enumerate(lint_text(EXAMPLE.read_text(), filename="c.yaml"), 1)
        ),
        "",
        "## Model overview",
    ]
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# Card fraud scoring",
        "## Findings",
        "## Model overview",
        "## Intended uses",
        "## Business details",
        "## Training details",
        "### Objective function",
        "#### Function",
        "### Training job details",
        "## Evaluation details",
        "### holdout 2024-04",
        "#### binary classification",
        "## Additional information",
    ]
    # The finding right under the field it concerns.
    at = lines.index("**Risk rating**: **high**")
    assert lines[at + 2].startswith("> **error** `S002` risk\\_rating")
    # A chart is a sentence and a table of its data.
    at = lines.index(
        "**confusion matrix** (heat map): Heat map of a 2 by 2 matrix; rows: actual legit, "
        "actual fraud; columns: predicted legit, predicted fraud."
    )
    assert lines[at + 2 : at + 9] == [
        "_100,000 holdout transactions at threshold 0.73._",
        "",
        "|   | predicted legit | predicted fraud |",
        "|---|---|---|",
        "| actual legit | 98012 | 411 |",
        "| actual fraud | 96 | 1481 |",
        "",
    ]
    at = lines.index("| Name | recall |")
    assert lines[at : at + 6] == [
        "| Name | recall |",
        "|---|---|",
        "| card present | 0.84 |",
        "| online | 0.79 |",
        "| mobile | 0.77 |",
        "| \\#4 | 0.61 |",
    ]
    assert "> **warning** `M002` x\\_axis\\_name has 3 names for 4 bars" in lines[at + 7]


def test_markdown_of_a_hostile_card_holds_no_markup():
    card = {"model_overview": {"model_description": "\n".join(HOSTILE)}}
    text = render_text(json.dumps(card), "card.json", "markdown")
    for bad in ("<script", "<img", "<svg", "<a ", "<style", "](", "\n# h"):
        assert bad not in text.replace("\\](", "")
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;<br>" in text


# -- HTML ------------------------------------------------------------------------------------


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def hostile_twin(value, texts, plain: bool, counter=None):
    """The card with every string (and every free key) replaced by a hostile text, or with
    ``plain``, by a harmless one of the same length; enum values stay as they are."""
    counter = counter if counter is not None else [0]

    def text(original: str) -> str:
        # Numbered, so that two keys of one object stay two keys.
        payload = f"{texts[counter[0] % len(texts)]} {counter[0]:03d}"
        counter[0] += 1
        if not plain:
            return payload
        return "x" * (len(payload) - 4) + payload[-4:]

    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            free = key in ("review_board", "retraining")
            fixed = key in ("risk_rating", "type", "function") and isinstance(item, str)
            new_key = text(key) if free else key
            out[new_key] = item if fixed else hostile_twin(item, texts, plain, counter)
        return out
    if isinstance(value, list):
        return [hostile_twin(item, texts, plain, counter) for item in value]
    if isinstance(value, str):
        return text(value)
    return value


def hostile_cards() -> tuple[str, str]:
    import yaml

    card = yaml.safe_load(EXAMPLE.read_text())
    card["intended_uses"]["risk_rating"] = "High"
    # Every string of the card (and every free key) holds every payload at once.
    everything = ["\n".join(HOSTILE)]
    bad = hostile_twin(card, everything, plain=False)
    good = hostile_twin(card, everything, plain=True)
    return json.dumps(bad, indent=2), json.dumps(good, indent=2)


def test_a_hostile_card_adds_no_element_and_no_attribute():
    bad, good = hostile_cards()
    hostile, plain = _parse(render_text(bad, "card.json")), _parse(render_text(good, "card.json"))
    assert hostile.tags == plain.tags
    assert {tag for tag, _ in hostile.tags}.isdisjoint({"script", "img", "iframe", "object"})
    text = "".join(hostile.text)
    for payload in HOSTILE:  # shown whole somewhere, as text
        assert payload in text


def test_the_page_has_no_script_no_link_out_and_a_strict_policy():
    page = render_text(EXAMPLE.read_text(), "card.yaml")
    tags = _parse(page).tags
    names = {tag for tag, _ in tags}
    assert names.isdisjoint({"script", "img", "iframe", "link", "object", "embed", "form"})
    assert [tag for tag, _ in tags].count("style") == 1
    assert all(not any(a.startswith("on") or a == "style" for a in attrs) for _, attrs in tags)
    hrefs = [attrs for tag, attrs in tags if tag == "a"]
    assert hrefs and all(attrs == ("href",) for attrs in hrefs)
    assert 'href="#finding-1"' in page and "http://" not in page.replace("http://www.w3.org", "")
    assert "default-src &#39;none&#39;; style-src &#39;sha256-" in page


def test_sections_come_in_sagemakers_order_and_findings_sit_in_place():
    # The card's own order is shuffled: the page still follows SageMaker's.
    card = {
        "additional_information": {"caveats_and_recommendations": "none"},
        "evaluation_details": [{"name": "e", "metric_groups": []}],
        "intended_uses": {"risk_rating": "high"},
        "model_overview": {"model_creator": "team"},
        "zzz": 1,
    }
    page = render_text(json.dumps(card), "card.json")
    order = [page.index(f"<h2>{t}</h2>") for t in (
        "Model overview", "Intended uses", "Evaluation details", "Additional information", "zzz"
    )]  # fmt: skip
    assert order == sorted(order)
    intended = page[page.index("<h2>Intended uses</h2>") : page.index("<h2>Evaluation details")]
    assert '<span class="badge risk-other">high</span>' in intended
    assert re.search(
        r'id="finding-\d"><span class="sev">error</span> <span class="code">S002</span>', intended
    )
    unknown = page[page.index("<h2>zzz</h2>") :]
    assert '<span class="code">S004</span>' in unknown


def test_a_clean_card_says_so():
    page = render_text((EXAMPLES / "good" / "churn-model-card.yaml").read_text(), "c.yaml")
    assert "No findings: the card passes every check cardlint runs." in page
    assert 'class="finding' not in page


def test_an_unreadable_card_is_a_page_of_its_findings():
    page = render_text('{"model_overview": ', "card.json")
    assert '<span class="code">P001</span>' in page
    assert "No model card could be read from this file" in page


def test_every_card_of_a_template_gets_its_own_part():
    path = EXAMPLES / "embedded" / "model-package-template.yaml"
    page = render_text(path.read_text(), str(path))
    assert page.count('<article class="card">') == 2
    assert page.count('<p class="origin">Card at /Resources/') == 2


# -- the command -----------------------------------------------------------------------------


def test_render_writes_the_same_bytes_every_time(tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert run_cli("render", str(EXAMPLE), "-o", str(first)).returncode == 0
    proc = run_cli("render", str(EXAMPLE), "--output-file", str(second))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b'<!DOCTYPE html>\n<html lang="en">')
    assert b"chart-3" in first.read_bytes() and b"chart-4" not in first.read_bytes()


def test_render_to_stdout_as_markdown_exits_0_with_findings():
    proc = run_cli("render", str(EXAMPLE), "--format", "markdown")
    assert proc.returncode == 0
    assert proc.stdout.startswith("# Card fraud scoring\n")
    assert proc.stderr == ""


def test_render_reads_stdin():
    proc = run_cli(
        "render", "-", "--stdin-filename", "card.yaml", stdin="intended_uses:\n  risk_rating: Low\n"
    )
    assert proc.returncode == 0
    assert '<span class="badge risk-low">Low</span>' in proc.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml"], "cardlint: error: missing.yaml: No such file or directory\n"),
        (["."], "cardlint: error: .: is a directory; render takes one card file\n"),
    ],
)
def test_render_usage_errors_are_one_line_and_exit_2(tmp_path, args, message):
    proc = run_cli("render", *args, cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", message)


def test_render_never_leaves_a_half_written_page(tmp_path):
    target = tmp_path / "missing-dir" / "page.html"
    proc = run_cli("render", str(EXAMPLE), "-o", str(target))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"cardlint: error: cannot write {target}: ")
    assert list(tmp_path.iterdir()) == []


def test_render_follows_the_configuration(tmp_path):
    (tmp_path / ".cardlint.toml").write_text('ignore = ["S002"]\n')
    (tmp_path / "card.yaml").write_text("intended_uses:\n  risk_rating: high\n")
    proc = run_cli("render", "card.yaml", "--format", "markdown", cwd=tmp_path)
    assert "No findings" in proc.stdout
    proc = run_cli("render", "card.yaml", "--format", "markdown", "--isolated", cwd=tmp_path)
    assert "`S002`" in proc.stdout


def test_without_the_extra_render_names_it_in_one_line():
    code = (
        "import sys; sys.modules['jinja2'] = None; "
        f"sys.argv = ['cardlint', 'render', {str(EXAMPLE)!r}]; "
        "from cardlint.cli.main import run; run()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        'cardlint: error: cardlint render needs the "render" extra: '
        'pip install "cardlint[render]"\n'
    )


def test_check_imports_nothing_of_render():
    code = (
        "import sys; from cardlint.cli.main import main\n"
        f"try: main(['check', '--no-cache', {str(EXAMPLE)!r}])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('jinja2', 'markupsafe', "
        "'cardlint.render'))))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_the_rendered_examples_are_todays(monkeypatch):
    # examples/render holds the page and the Markdown of the example card, and the README
    # shows a screenshot of the page: all three stay what the code renders now.
    monkeypatch.chdir(ROOT)
    path = str(EXAMPLE.relative_to(ROOT))
    for suffix, fmt in ((".html", "html"), (".md", "markdown")):
        kept = EXAMPLE.with_suffix(suffix).read_text(encoding="utf-8")
        assert kept == render_text(EXAMPLE.read_text(), path, fmt), (
            f"{EXAMPLE.with_suffix(suffix).name} is not what cardlint renders now: "
            "run `python examples/render/refresh.py`"
        )
    assert EXAMPLE.with_suffix(".png").stat().st_size > 10_000


def test_the_github_preview_example_renders_the_changed_cards(tmp_path):
    import os
    import shutil

    import yaml

    workflow = yaml.safe_load((EXAMPLES / "ci" / "github-actions-preview.yml").read_text())
    steps = workflow["jobs"]["preview"]["steps"]
    assert steps[2]["run"] == 'pip install "cardlint[render]"'
    script = next(s["run"] for s in steps if s.get("name") == "Render the changed cards")
    upload = next(s for s in steps if s.get("name") == "Upload the HTML previews")
    repo = tmp_path / "repo"
    (repo / "cards").mkdir(parents=True)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "ci@example.com")
    git("config", "user.name", "ci")
    (repo / "cards" / "old-model-card.yaml").write_text("intended_uses:\n  risk_rating: Low\n")
    (repo / "README.md").write_text("x\n")
    git("add", ".")
    git("commit", "-qm", "base")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    (repo / "cards" / "new-model-card.yaml").write_text("intended_uses:\n  risk_rating: high\n")
    (repo / "README.md").write_text("y\n")
    git("add", ".")
    git("commit", "-qm", "change")
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}",
    }
    proc = subprocess.run(
        # GitHub runs a `run:` step with `bash -e` when no shell is named.
        [shutil.which("bash") or "bash", "-e", "-c", script],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    text = summary.read_text()
    assert text.startswith("# new-model-card.yaml\nModel card preview of cards/new-model-card.yaml")
    assert '1. **error** `S002` risk\\_rating "high"' in text
    assert "old-model-card" not in text  # unchanged: not rendered
    previews = repo / upload["with"]["path"]
    assert [p.name for p in previews.iterdir()] == ["cards_new-model-card.yaml.html"]
    assert (previews / "cards_new-model-card.yaml.html").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "card",
    [
        "",
        "[]",
        '{"model_overview": []}',
        '{"evaluation_details": [1, "x", null, {"name": 3, "metric_groups": {"a": 1}}]}',
        '{"intended_uses": {"risk_rating": ["High"]}, "training_details": {"training_job_details":'
        ' {"hyper_parameters": [{"name": "a"}, {"value": 3, "x": [1]}], "training_metrics": 1}}}',
        '{"additional_information": {"custom_details": {"\\ud800": "\\u0001\\u007f"}}}',
    ],
)
def test_any_card_renders_without_a_traceback(card):
    for fmt in ("html", "markdown"):
        page = render_text(card, "card.json", fmt)  # type: ignore[arg-type]
        page.encode("utf-8")  # a lone surrogate is shown escaped, never written


def test_numbers_a_chart_cannot_place_are_shown_as_a_table():
    metrics = [
        {"name": "huge", "type": "bar_chart", "value": [1e308, -1e308]},
        {"name": "tiny", "type": "bar_chart", "value": [1e-300, 2e-300]},
        {"name": "wide", "type": "linear_graph", "value": [[0, 1e20], [1, -1e20]]},
        {"name": "one", "type": "bar_chart", "value": [0]},
        {"name": "flat", "type": "linear_graph", "value": [[1, 1], [1, 1]]},
    ]
    card = {"evaluation_details": [{"metric_groups": [{"metric_data": metrics}]}]}
    page = render_text(json.dumps(card), "card.json")
    assert page.count('<figure class="chart"') == 2  # "one" and "flat"
    assert "<td>huge</td><td>[\n 1e+308,\n -1e+308\n]</td><td>bar_chart</td>" in page
