"""Editor set-ups in examples/editors parse real ``--format concise`` output; the strict schema
that editors use flags what the schema can express."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cardlint.check.engine import check_file
from cardlint.rules import STRICT_PATCHES
from cardlint.schema.export import exported_schema
from helpers import EXAMPLES, ROOT, run_cli

EDITORS = EXAMPLES / "editors"
CLI_DIR = Path(sys.executable).parent  # where the installed cardlint command is
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


def byte_col(path: Path, line: int, column: int) -> int:
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    return len(text[: column - 1].encode("utf-8")) + 1


@pytest.fixture
def editor_and_json(tmp_path: Path) -> tuple[list[str], list[dict], Path]:
    """``--format editor`` lines and the JSON diagnostics of a card with non-ASCII text."""
    card = tmp_path / "cards" / "fraud-model-card.yaml"
    card.parent.mkdir()
    card.write_text(UNICODE_CARD, encoding="utf-8")
    text = run_cli("check", "--format", "editor", "cards/fraud-model-card.yaml", cwd=tmp_path)
    data = run_cli("check", "--format", "json", "cards/fraud-model-card.yaml", cwd=tmp_path)
    diagnostics = json.loads(data.stdout)["diagnostics"]
    assert {d["severity"] for d in diagnostics} >= {"error", "warning"}
    return text.stdout.splitlines(), diagnostics, tmp_path


UNICODE_CARD = (
    "# Détection de fraude 😀\n"
    "model_overview:\n"
    "  model_creator: yes\n"
    'intended_uses: {purpose_of_model: "détection 😀 fraude", risk_rating: medium, '
    'intended_uses: "TODO"}\n'
)


def test_editor_format_counts_bytes(editor_and_json):
    lines, diagnostics, root = editor_and_json
    card = root / "cards" / "fraud-model-card.yaml"
    assert lines == [
        f"{d['file']}:{d['line']}:{byte_col(card, d['line'], d['column'])}: {d['severity']}: "
        f"{d['code']} {d['message']}"
        for d in diagnostics
    ]
    # "medium" starts at character 70 and byte 74 of its line.
    s002 = next(line for line in lines if " S002 " in line)
    assert s002.startswith("cards/fraud-model-card.yaml:4:74: error: S002 ")
    raw = card.read_bytes().split(b"\n")[3]
    assert raw[73:79] == b"medium"


def test_neovim_nvim_lint_pattern(editor_and_json):
    lines, diagnostics, root = editor_and_json
    lua = (EDITORS / "neovim" / "cardlint.lua").read_text()
    assert '"check", "--format", "editor", "--exit-zero",' in lua
    pattern = re.search(r'from_pattern\(\s*"((?:[^"\\]|\\.)*)"', lua)
    groups = re.search(r"\{ (\"file\".*?) \}", lua)
    severity_map = re.search(r"\{ (error = .*?) \}", lua)
    assert pattern and groups and severity_map
    names = [g.strip().strip('"') for g in groups[1].split(",")]
    mapped = dict(item.strip().split(" = ") for item in severity_map[1].split(","))
    assert mapped == {
        "error": "severities.ERROR",
        "warning": "severities.WARN",
        "info": "severities.INFO",
    }
    regex = re.compile(lua_to_python(pattern[1]))
    card = root / "cards" / "fraud-model-card.yaml"
    for line, d in zip(lines, diagnostics, strict=True):
        match = regex.match(line)
        assert match, line
        found = dict(zip(names, match.groups(), strict=True))
        assert found == {
            "file": d["file"],
            "lnum": str(d["line"]),
            "col": str(byte_col(card, d["line"], d["column"])),
            "severity": d["severity"],
            "code": d["code"],
            "message": d["message"],
        }


def vim_option(text: str, name: str) -> str:
    """The value of ``setlocal name=...`` with Vim's backslash escapes undone."""
    match = re.search(rf"^\s*setl(?:ocal)? {name}=((?:\\.|\S)*)", text, re.M)
    assert match, name
    return re.sub(r"\\(.)", r"\1", match[1])


VIM_SESSION = """\
edit cards/fraud-model-card.yaml
source {example}
silent make!
call writefile([json_encode(getqflist())], 'quickfix.json')
qall!
"""


def test_vim_example_in_real_vim(editor_and_json):
    """Vim itself (headless, ``vim -Es``) runs the example's :make and reads its quickfix list."""
    vim = shutil.which("vim")
    if vim is None:
        pytest.skip("no vim on PATH (Debian: apt-get install vim)")
    _, diagnostics, root = editor_and_json
    example = EDITORS / "vim" / "cardlint.vim"
    assert vim_option(example.read_text(), "makeprg") == "cardlint check --format editor %"
    (root / "session.vim").write_text(VIM_SESSION.format(example=example), encoding="utf-8")
    env = {**os.environ, "PATH": os.pathsep.join([str(CLI_DIR), os.environ.get("PATH", "")])}
    command = [vim, "-Es", "-N", "-u", "NONE", "-i", "NONE", "-S", "session.vim"]
    proc = subprocess.run(
        command, cwd=root, env=env, capture_output=True, timeout=120, check=False, text=True
    )
    quickfix = json.loads((root / "quickfix.json").read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr
    card = root / "cards" / "fraud-model-card.yaml"
    assert [(q["valid"], q["lnum"], q["col"], q["type"], q["text"]) for q in quickfix] == [
        (
            1,
            d["line"],
            byte_col(card, d["line"], d["column"]),
            d["severity"][0],
            f"{d['code']} {d['message']}",
        )
        for d in diagnostics
    ]
    assert {q["type"] for q in quickfix} >= {"e", "w"}  # warnings arrive as warnings
    s002 = next(q for q in quickfix if q["text"].startswith("S002 "))
    assert (s002["lnum"], s002["col"]) == (4, 74)  # "medium", after "é" (2 bytes), "😀" (4)


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
        Draft202012Validator(exported_schema("model-package", STRICT_PATCHES)), LIMITS_CARD
    )
    loose = _flagged(Draft202012Validator(exported_schema("model-package")), LIMITS_CARD)
    assert loose == set()
    # and no length limit on the 64-character name: SageMaker accepts it (L002 is opt-in)
    assert strict == {
        "/training_details/objective_function/function/function",  # L003: Maximize or Minimize
        "/training_details/training_job_details/training_environment/container_image",  # L001
        "/evaluation_details/0/metric_groups/0/metric_data/0/value",  # a number metric's value
    }


def _pointer(path: object) -> str:
    return "".join(f"/{part}" for part in path)  # type: ignore[attr-defined]


def test_strict_schema_picks_the_metric_shape_by_type():
    strict = Draft202012Validator(exported_schema("model-package", STRICT_PATCHES))
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
