"""Issue 15, item 12: memory stays bounded for hostile inputs under the size cap.

A 10 MB card ``{"evaluation_details": [1, 1, …]}`` holds 3.5 million items of the wrong type.
One schema error object and one finding per item peaked at 1.1 GB (and an 800 MB source map
of pointer strings). Now the validation stops descending into items of a type that has
failed 100 times on type alone, findings of one kind at sibling items are capped at 100 with
one more that counts the rest, and the source map keeps array items as offset arrays.

That left the parsed values themselves: 10 MB of ``[{}, {}, …]`` peaked at 640 MB, and a YAML
flow sequence at 830 MB to 1.8 GB (PyYAML's node graph). A document may now hold at most
200,000 values (P016), counted on the text or the YAML event stream before anything is built.
The peak is measured on the installed command in a process of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cardlint import lint_text
from cardlint.core.diagnostics import SIBLING_CAP
from cardlint.core.settings import DEFAULT_LIMITS

MAX_SIZE = 10 * 1024 * 1024  # the default --max-file-size


def peak_run(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[bytes], int]:
    """Run the installed command; its output and its peak resident set in MB."""
    exe = Path(sys.executable).with_name("cardlint")
    script = (
        "import resource, subprocess, sys\n"
        "proc = subprocess.run(sys.argv[1:], stdout=sys.stdout, stderr=sys.stderr)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "sys.stderr.write(f'PEAK {peak}\\n')\n"
        "sys.exit(proc.returncode)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(exe), *args],
        cwd=cwd,
        capture_output=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    stderr = proc.stderr.decode()
    return proc, int(stderr.rsplit("PEAK ", 1)[1])


def test_an_array_of_wrong_items_just_under_the_value_limit_is_capped_under_300_mb(
    tmp_path: Path,
) -> None:
    count = DEFAULT_LIMITS.max_values - 2  # the card and the array are values too
    text = '{"evaluation_details": [' + ", ".join(["1"] * count) + "]}"
    (tmp_path / "huge-model-card.json").write_text(text)
    # No time limit: on a busy machine the run must still finish and say everything.
    proc, peak = peak_run(
        "check", "--no-cache", "--timeout", "0", "--format", "json", ".", cwd=tmp_path
    )
    assert proc.returncode == 1, proc.stderr
    diagnostics = json.loads(proc.stdout)["diagnostics"]
    assert {d["code"] for d in diagnostics} == {"S001", "V001"}  # V001: 600 KB of card
    s001 = [(d["pointer"], d["message"]) for d in diagnostics if d["code"] == "S001"]
    assert len(s001) == SIBLING_CAP + 1
    assert s001[0] == (
        "/evaluation_details",
        f"{count - SIBLING_CAP:,} more items of evaluation_details must be an object, not a "
        "number (only the first 100 are reported)",
    )
    assert s001[1] == (
        "/evaluation_details/0",
        "evaluation_details[0] must be an object, not a number 1",
    )
    assert s001[-1][0] == f"/evaluation_details/{SIBLING_CAP - 1}"
    assert peak < 300, f"peak RSS {peak} MB"


P016_MESSAGE = (
    "the document holds more than 200,000 values, far more than a model card can hold "
    "(SageMaker accepts 100,000 characters); keep generated data out of the card"
)


def _fill(head: str, item: str, sep: str, tail: str) -> tuple[str, int]:
    """``head`` + as many ``item`` as fit in the size cap + ``tail``, and the item count."""
    count = (MAX_SIZE - len(head) - len(tail)) // (len(item) + len(sep))
    return head + sep.join([item] * count) + tail, count


@pytest.mark.parametrize(
    ("name", "head", "item", "sep", "tail", "where"),
    [
        # 2.6 million empty objects peaked at 640 MB.
        ("objects-model-card.json", '{"evaluation_details": [', "{}", ", ", "]}", (1, 800_017)),
        ("numbers-model-card.json", '{"evaluation_details": [', "1", ", ", "]}", (1, 600_019)),
        # The YAML node graph: 830 MB for numbers, 1.8 GB for empty mappings.
        ("numbers-model-card.yaml", "evaluation_details: [", "1", ", ", "]\n", (1, 600_013)),
        ("objects-model-card.yaml", "evaluation_details: [", "{}", ", ", "]\n", (1, 800_010)),
        ("block-model-card.yaml", "evaluation_details:\n", "- 1", "\n", "\n", (199_999, 3)),
    ],
)
def test_10_mb_of_values_stops_at_the_value_limit_under_300_mb(
    tmp_path: Path,
    name: str,
    head: str,
    item: str,
    sep: str,
    tail: str,
    where: tuple[int, int],
) -> None:
    text, count = _fill(head, item, sep, tail)
    assert count > DEFAULT_LIMITS.max_values
    (tmp_path / name).write_text(text)
    proc, peak = peak_run(
        "check", "--no-cache", "--timeout", "0", "--format", "json", ".", cwd=tmp_path
    )
    assert proc.returncode == 1, proc.stderr
    diagnostics = json.loads(proc.stdout)["diagnostics"]
    assert [
        (d["code"], d["pointer"], d["line"], d["column"], d["message"]) for d in diagnostics
    ] == [("P016", "", *where, P016_MESSAGE)]
    assert peak < 300, f"peak RSS {peak} MB"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_the_value_limit_is_exact_and_placed_on_the_value_that_crosses_it(fmt: str) -> None:
    limit = DEFAULT_LIMITS.max_values
    # Values besides the items: the card and the array, and in YAML the key's node too.
    others = 2 if fmt == "json" else 3
    opening = '{"evaluation_details": [' if fmt == "json" else "evaluation_details: ["

    def card(items: int) -> str:
        body = ", ".join(["{}"] * items)
        return opening + body + ("]}" if fmt == "json" else "]\n")

    at_limit = lint_text(card(limit - others), filename=f"model-card.{fmt}")
    assert "P016" not in {d.code for d in at_limit}
    [p016] = lint_text(card(limit - others + 1), filename=f"model-card.{fmt}")
    column = len(opening) + 4 * (limit - others) + 1  # the last item, after its ", "
    assert (p016.code, p016.span.line, p016.span.column) == ("P016", 1, column)
    assert p016.message == P016_MESSAGE


def test_findings_of_one_kind_at_sibling_items_are_capped_with_a_count() -> None:
    items = ", ".join(["{}"] * 150)
    found = lint_text(f'{{"evaluation_details": [{items}]}}', filename="model-card.json")
    by_code: dict[str, list[str]] = {}
    for d in found:
        by_code.setdefault(d.code, []).append(d.pointer)
    assert {code: len(p) for code, p in by_code.items()} == {
        "G002": 101,
        "G004": 101,
        "S003": 101,
    }
    # The first hundred items in the card's order, whichever rule walks them.
    for pointers in by_code.values():
        assert pointers[1:] == [f"/evaluation_details/{i}" for i in range(100)]
    [summary] = [d for d in found if d.code == "S003" and d.pointer == "/evaluation_details"]
    assert summary.message == (
        "50 more items of evaluation_details have the same S003 problem "
        "(only the first 100 are reported)"
    )
    assert (summary.span.line, summary.span.column) == (1, 24)


def test_the_json_source_map_places_array_items_exactly() -> None:
    text = '{"a": [1, "x", {"b": [true, null, 2.5e3]}, [3, [4]], "y"]}'
    found = lint_text(
        '{"evaluation_details": [' + ", ".join(["7"] * 101) + ', {"name": 5}]}',
        filename="model-card.json",
    )
    last = [d for d in found if d.pointer == "/evaluation_details/101/name"]
    assert [(d.code, d.span.column, d.span.end_column) for d in last] == [("S001", 337, 338)]
    from cardlint.loading.json_doc import JsonSourceMap

    smap = JsonSourceMap(text)
    spans = {
        p: text[r[0] : r[1]]
        for p in ["/a", "/a/0", "/a/1", "/a/2", "/a/2/b/1", "/a/2/b/2", "/a/3", "/a/3/1/0", "/a/4"]
        if (r := smap.value_range(p)) is not None
    }
    assert spans == {
        "/a": '[1, "x", {"b": [true, null, 2.5e3]}, [3, [4]], "y"]',
        "/a/0": "1",
        "/a/1": '"x"',
        "/a/2": '{"b": [true, null, 2.5e3]}',
        "/a/2/b/1": "null",
        "/a/2/b/2": "2.5e3",
        "/a/3": "[3, [4]]",
        "/a/3/1/0": "4",
        "/a/4": '"y"',
    }
    assert smap.value_range("/a/5") is None
    assert smap.value_range("/a/01") is None
