"""Editor set-ups in examples/editors parse real ``--format concise`` output; the strict schema
that editors use flags what the schema can express."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cardlint.engine import check_file
from cardlint.schema_export import exported_schema
from conftest import EXAMPLES, ROOT, run_cli

EDITORS = EXAMPLES / "editors"
CARD = (
    "model_overview:\n"
    "  model_creator: yes\n"
    "  model_description: TODO\n"
    "intended_uses:\n"
    "  risk_rating: high\n"
)


@pytest.fixture
def concise_and_json(tmp_path: Path) -> tuple[list[str], list[dict]]:
    (tmp_path / "dir:odd").mkdir()
    card = tmp_path / "dir:odd" / "model-card.yaml"
    card.write_text(CARD)
    text = run_cli("check", "--format", "concise", "dir:odd/model-card.yaml", cwd=tmp_path)
    data = run_cli("check", "--format", "json", "dir:odd/model-card.yaml", cwd=tmp_path)
    diagnostics = json.loads(data.stdout)["diagnostics"]
    severities = {d["severity"] for d in diagnostics}
    assert {"error", "warning"} <= severities, "the card should give errors and warnings"
    return text.stdout.splitlines(), diagnostics


def vscode_regex() -> tuple[re.Pattern[str], dict]:
    tasks = json.loads((EDITORS / "vscode" / "tasks.json").read_text())
    pattern = tasks["tasks"][0]["problemMatcher"]["pattern"]
    return re.compile(pattern["regexp"]), pattern


def test_vscode_problem_matcher(concise_and_json):
    lines, diagnostics = concise_and_json
    regex, groups = vscode_regex()
    assert len(lines) == len(diagnostics)
    for line, d in zip(lines, diagnostics, strict=True):
        match = regex.match(line)
        assert match, line
        assert match[groups["file"]] == d["file"]
        assert int(match[groups["line"]]) == d["line"]
        assert int(match[groups["column"]]) == d["column"]
        assert match[groups["code"]] == d["code"]
        assert (match[groups["severity"]] or "error") == d["severity"]
        assert match[groups["message"]] == d["message"]


def lua_to_python(pattern: str) -> str:
    """Translate the Lua pattern subset the nvim-lint snippet uses into a Python regex."""
    classes = {"d": r"\d", "u": "[A-Z]", "a": "[A-Za-z]", "w": "[A-Za-z0-9]", "s": r"\s"}
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "%":
            nxt = pattern[i + 1]
            out.append(classes[nxt] if nxt in classes else re.escape(nxt))
            i += 2
            continue
        if ch == "-":  # Lua's lazy "zero or more"
            out.append("*?")
        elif ch in "^$().*+?[]":
            out.append(ch)
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def test_neovim_nvim_lint_pattern(concise_and_json):
    lines, diagnostics = concise_and_json
    lua = (EDITORS / "neovim" / "cardlint.lua").read_text()
    pattern = re.search(r'from_pattern\(\s*"((?:[^"\\]|\\.)*)"', lua)
    groups = re.search(r"\{ (\"file\".*?) \}", lua)
    assert pattern and groups
    names = [g.strip().strip('"') for g in groups[1].split(",")]
    regex = re.compile(lua_to_python(pattern[1]))
    for line, d in zip(lines, diagnostics, strict=True):
        match = regex.match(line)
        assert match, line
        found = dict(zip(names, match.groups(), strict=True))
        assert (found["file"], int(found["lnum"]), int(found["col"]), found["code"]) == (
            d["file"],
            d["line"],
            d["column"],
            d["code"],
        )
        tag = "" if d["severity"] == "error" else f"[{d['severity']}] "
        assert found["message"] == tag + d["message"]


def vim_option(text: str, name: str) -> str:
    """The value of ``setlocal name=...`` with Vim's backslash escapes undone."""
    match = re.search(rf"^\s*setl(?:ocal)? {name}=((?:\\.|\S)*)", text, re.M)
    assert match, name
    return re.sub(r"\\(.)", r"\1", match[1])


def errorformat_to_python(efm: str) -> str:
    """Translate the errorformat items the Vim file uses into a Python regex."""
    items = {"f": r"(?P<file>.+?)", "l": r"(?P<line>\d+)", "c": r"(?P<col>\d+)", "m": "(?P<m>.*)"}
    out, i = ["^"], 0
    while i < len(efm):
        if efm[i] == "%":
            out.append(items[efm[i + 1]])
            i += 2
        else:
            out.append(re.escape(efm[i]))
            i += 1
    return "".join(out) + "$"


def test_vim_errorformat(concise_and_json):
    lines, diagnostics = concise_and_json
    text = (EDITORS / "vim" / "cardlint.vim").read_text()
    assert vim_option(text, "makeprg") == "cardlint check --format concise %"
    efm = vim_option(text, "errorformat")
    assert "," not in efm  # one pattern: the translation below covers it whole
    regex = re.compile(errorformat_to_python(efm))
    for line, d in zip(lines, diagnostics, strict=True):
        match = regex.match(line)
        assert match, line
        assert (match["file"], int(match["line"]), int(match["col"])) == (
            d["file"],
            d["line"],
            d["column"],
        )
        assert match["m"].startswith(d["code"]) and match["m"].endswith(d["message"])


def test_schema_command_prints_the_vendored_schema():
    proc = run_cli("schema")
    assert proc.returncode == 0
    vendored = json.loads((ROOT / "schemas" / "model-package-card.schema.json").read_text())
    assert json.loads(proc.stdout) == vendored
    assert run_cli("schema", "nope").returncode == 2


# Codes for defects a JSON Schema can express; the strict schema must flag each one.
SCHEMA_EXPRESSIBLE = re.compile(r"S00[1-9]|L00[1-3]|M001|Y001")


def _cards() -> list[Path]:
    dirs = ("bad", "fixable", "rules")
    return sorted(p for d in dirs for p in (EXAMPLES / d).glob("*") if p.suffix != ".md")


def _flagged(validator: Draft202012Validator, value: object) -> set[str]:
    return {_pointer(e.absolute_path) for e in validator.iter_errors(value)}


def test_strict_schema_flags_the_examples_defects():
    proc = run_cli("schema", "--strict")
    assert proc.returncode == 0
    strict = Draft202012Validator(json.loads(proc.stdout))
    checked = 0
    for path in _cards():
        result = check_file(str(path))
        value = result.document.value if result.document is not None else None
        if not isinstance(value, dict):
            continue
        flagged = _flagged(strict, value)
        for d in result.diagnostics:
            if SCHEMA_EXPRESSIBLE.fullmatch(d.code):
                checked += 1
                near = {d.pointer, d.pointer.rpartition("/")[0]}
                assert near & flagged, f"{path.name}: {d.code} at {d.pointer} not flagged"
    assert checked > 15


LIMITS_CARD = {
    "training_details": {
        "objective_function": {"function": {"function": "Minimise"}},
        "training_job_details": {
            "training_environment": {"container_image": [f"img:{i}" for i in range(16)]}
        },
    },
    "evaluation_details": [
        {
            "name": "x" * 64,
            "metric_groups": [
                {"name": "g", "metric_data": [{"name": "m", "type": "number", "value": "0.9"}]}
            ],
        }
    ],
}


def test_strict_schema_catches_what_the_published_one_misses():
    strict = _flagged(
        Draft202012Validator(exported_schema("model-package", strict=True)), LIMITS_CARD
    )
    loose = _flagged(Draft202012Validator(exported_schema("model-package")), LIMITS_CARD)
    assert loose == set()
    assert strict == {
        "/training_details/objective_function/function/function",  # L003: Maximize or Minimize
        "/training_details/training_job_details/training_environment/container_image",  # L001
        "/evaluation_details/0/name",  # L002: at most 63 characters
        "/evaluation_details/0/metric_groups/0/metric_data/0/value",  # a number metric's value
    }


def _pointer(path: object) -> str:
    return "".join(f"/{part}" for part in path)  # type: ignore[attr-defined]


def test_strict_schema_picks_the_metric_shape_by_type():
    strict = Draft202012Validator(exported_schema("model-package", strict=True))
    metric = {"name": "m", "type": "bar_chart", "value": [[1, 2], [3, 4]]}
    card = {
        "evaluation_details": [
            {"name": "e", "metric_groups": [{"name": "g", "metric_data": [metric]}]}
        ]
    }
    errors = list(strict.iter_errors(card))
    # one error, from the bar_chart shape only (no "not valid under any of the given schemas")
    assert [(_pointer(e.absolute_path), e.validator) for e in errors] == [
        ("/evaluation_details/0/metric_groups/0/metric_data/0/value", "anyOf"),
    ]
    assert (
        errors[0].schema
        == exported_schema("model-package")["definitions"]["bar_chart_metric"]["properties"][
            "value"
        ]
    )
    metric.update(type="number", value="0.9")
    assert [e.message for e in strict.iter_errors(card)] == ["'0.9' is not of type 'number'"]
