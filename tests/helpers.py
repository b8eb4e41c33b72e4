"""Shared test helpers: run the installed command, lint text, compare findings exactly.

Tests import these as ``from helpers import run_cli`` (pyproject's ``[tool.pytest.ini_options]
pythonpath = ["tests"]`` puts this folder on ``sys.path``); fixtures stay in conftest.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def repo(tmp_path: Path, files: dict[str, str]) -> Path:
    """A git work tree (a bare ``.git`` folder is enough for cardlint) holding ``files``."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def cardlint_command() -> list[str]:
    """The installed ``cardlint`` next to the interpreter running the tests (never one found
    on PATH, which may belong to another installation)."""
    exe = Path(sys.executable).with_name("cardlint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cardlint"]


def run_cli(
    *args: str,
    stdin: str | bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``cardlint`` command as a subprocess (the real entry point)."""
    merged = {**os.environ, "NO_COLOR": "1", **(env or {})}
    command = cardlint_command()
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [*command, *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env=merged,
        timeout=120,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def json_findings(*args: str, **kwargs: object) -> list[tuple[str, str, int, int]]:
    proc = run_cli("check", "--format", "json", *args, **kwargs)  # type: ignore[arg-type]
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(proc.stdout)
    return [(d["code"], d["pointer"], d["line"], d["column"]) for d in doc["diagnostics"]]


def findings(
    text: str, filename: str = "card.json", **kwargs: object
) -> list[tuple[str, str, int, int]]:
    from cardlint import lint_text

    return [
        (d.code, d.pointer, d.span.line, d.span.column)
        for d in lint_text(text, filename=filename, **kwargs)  # type: ignore[arg-type]
    ]
