"""The editor set-ups for ``cardlint lsp`` start a working server with the command they name."""

from __future__ import annotations

import json
import re
import shutil
import sys
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed")

from cardlint.lsp.positions import Positions
from cardlint.running.files import DEFAULT_INCLUDE, matches
from lsp_client import LspClient

EDITORS = Path(__file__).resolve().parents[1] / "examples" / "editors"
CARD = 'intended_uses: {purpose_of_model: "détection 😀 fraude", risk_rating: medium}\n'


def resolve(command: str) -> str:
    """The command beside this Python (the cardlint under test), else as found on PATH."""
    beside = Path(sys.executable).with_name(command)
    return str(beside) if beside.exists() else shutil.which(command) or str(beside)


def lints_a_card(command: list[str], tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "cardlint.toml").write_text('select = ["S"]\n', encoding="utf-8")
    client = LspClient([resolve(command[0]), *command[1:]])
    try:
        client.initialize()
        uri = (tmp_path / "fraud-model-card.yaml").as_uri()
        client.open(uri, CARD)
        params = client.wait_for("textDocument/publishDiagnostics", uri)
        assert [(d["code"], d["range"]["start"]["character"]) for d in params["diagnostics"]] == [
            ("S002", 70)
        ]
        assert client.stop() == 0
    finally:
        client.close()


def test_vscode_generic_client_settings(tmp_path: Path) -> None:
    settings = json.loads((EDITORS / "vscode" / "lsp-settings.json").read_text(encoding="utf-8"))
    assert sorted(settings["glspc.server.languageId"]) == ["json", "yaml"]
    assert "source.fixAll.cardlint" in settings["editor.codeActionsOnSave"]
    lints_a_card(
        [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]], tmp_path
    )


def test_helix_languages_toml(tmp_path: Path) -> None:
    config = tomllib.loads((EDITORS / "helix" / "lsp-languages.toml").read_text(encoding="utf-8"))
    server = config["language-server"]["cardlint"]
    languages = {entry["name"]: entry["language-servers"] for entry in config["language"]}
    assert languages == {
        "yaml": ["yaml-language-server", "cardlint"],
        "json": ["vscode-json-language-server", "cardlint"],
    }
    lints_a_card([server["command"], *server["args"]], tmp_path)


def test_neovim_lua(tmp_path: Path) -> None:
    lua = (EDITORS / "neovim" / "lsp-cardlint.lua").read_text(encoding="utf-8")
    (cmd,) = re.findall(r"cmd = \{ ([^}]*) \},\n", lua)
    command = re.findall(r'"([^"]+)"', cmd)
    assert command == ["cardlint", "lsp"]
    assert 'pattern = { "json", "yaml" }' in lua
    assert '"source.fixAll.cardlint"' in lua
    # The Lua name filter must let through every name the server lints by default.
    (lua_pattern,) = re.findall(r'name:find\("([^"]+)"\)', lua)
    python_pattern = re.compile(lua_pattern.replace("%-", r"\-"))
    for name in ("fraud-model-card.yaml", "model_card.json", "team.modelcard.yml"):
        assert matches(name, DEFAULT_INCLUDE)
        assert python_pattern.search(name)
    assert not python_pattern.search("package.json")
    lints_a_card(command, tmp_path)


def test_utf8_when_the_client_prefers_it(tmp_path: Path) -> None:
    """Neovim offers UTF-8 first; columns are then bytes, as the client asked."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "cardlint.toml").write_text('select = ["S"]\n', encoding="utf-8")
    client = LspClient()
    try:
        result = client.initialize(general={"positionEncodings": ["utf-8", "utf-16"]})
        assert result["capabilities"]["positionEncoding"] == "utf-8"
        uri = (tmp_path / "fraud-model-card.yaml").as_uri()
        client.open(uri, CARD)
        params = client.wait_for("textDocument/publishDiagnostics", uri)
        (diagnostic,) = params["diagnostics"]
        start = CARD.index("medium")
        assert diagnostic["range"]["start"] == {
            "line": 0,
            "character": len(CARD[:start].encode("utf-8")),
        }
        assert Positions(CARD, "utf-8").at(start) == (0, 73)
        assert client.stop() == 0
    finally:
        client.close()
