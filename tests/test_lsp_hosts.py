"""``cardlint lsp`` on what is more than a card file: hover in the cards inside a CloudFormation
template and an API document, hover under the size cap, card files by include patterns with
``/`` (matched as the CLI matches them), rule documentation links from the registry, and the
package importable without pygls."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cardlint.lsp.diagnostics import rule_doc_url
from cardlint.lsp.documents import document_settings, is_card_file
from cardlint.rules import REGISTRY
from lsp_client import LspClient

RISK = "Risk rating for model card."
TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  GroupName:
    Type: String
Resources:
  ChurnPackage:
    Type: AWS::SageMaker::ModelPackage
    Properties:
      ModelPackageGroupName: !Ref GroupName
      ModelCard:
        ModelCardStatus: Draft
        ModelCardContent: |
          {"intended_uses": {"risk_rating": "Medium"}}
  ChurnCard:
    Type: AWS::SageMaker::ModelCard
    Properties:
      ModelCardName: !Ref GroupName
      Content:
        IntendedUses:
          RiskRating: Medium
"""
API_DOCUMENT = (
    '{"ModelCardName": "churn", "ModelCardStatus": "Draft",\n'
    ' "Content": "{\\"intended_uses\\": {\\"risk_rating\\": \\"Medium\\"}}"}\n'
)


def hover(client: LspClient, uri: str, line: int, character: int) -> Any:
    position = {"line": line, "character": character}
    return client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_include_patterns_with_a_slash_are_relative_to_the_configuration(workspace: Path) -> None:
    (workspace / "cardlint.toml").write_text('include = ["cards/*.json"]\n', encoding="utf-8")
    (workspace / "cards").mkdir()
    (workspace / "other").mkdir()
    inside = str(workspace / "cards" / "churn.json")
    settings, error = document_settings(inside)
    assert settings is not None and error is None
    assert document_settings(str(workspace / "other" / "churn.json")) == (None, None)
    assert document_settings(str(workspace / "cards" / "churn.yaml")) == (None, None)


def test_client_include_patterns_with_a_slash_are_relative_to_the_workspace(
    workspace: Path,
) -> None:
    (workspace / "cards").mkdir()
    inside = str(workspace / "cards" / "churn.json")
    settings, _ = document_settings(inside, ["cards/*.json"], str(workspace))
    assert settings is not None
    assert document_settings(inside, ["cards/*.json"], None) == (None, None)


def test_card_file_patterns_match_as_the_cli_search_does() -> None:
    assert is_card_file("/repo/cards/a.json", ["cards/*.json"], "/repo")
    assert is_card_file("/repo/cards/deep/a.json", ["cards/**/*.json"], "/repo")
    assert not is_card_file("/repo/cards/deep/a.json", ["cards/*.json"], "/repo")
    assert not is_card_file("/elsewhere/cards/a.json", ["cards/*.json"], "/repo")
    assert not is_card_file("/repo/cards/a.json", ["cards/*.json"])  # no root: names only
    assert is_card_file("/repo/cards/A-Model-Card.JSON", ["*model-card*.json"], "/repo")


def test_every_registered_rule_links_to_its_module() -> None:
    rules = Path(__file__).resolve().parents[1] / "src" / "cardlint" / "rules"
    for code in REGISTRY:
        url = rule_doc_url(code)
        assert url is not None, code
        module = url.rsplit("/", 1)[1]
        assert module.startswith(code.lower() + "_") and (rules / module).is_file(), url
    assert rule_doc_url("Z999") is None


def test_every_lsp_module_imports_without_pygls() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None\n"
        "import pkgutil, importlib, cardlint.lsp\n"
        "for info in pkgutil.iter_modules(cardlint.lsp.__path__):\n"
        "    importlib.import_module('cardlint.lsp.' + info.name)\n"
        "print('ok')"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (proc.returncode, proc.stdout.strip(), proc.stderr) == (0, "ok", "")
