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


def test_hover_in_the_cards_of_a_cloudformation_template_with_tags(
    client: LspClient, workspace: Path
) -> None:
    pytest.importorskip("pygls", reason="the lsp extra is not installed")
    uri = (workspace / "churn-model-card-template.yaml").as_uri()
    client.open(uri, TEMPLATE)
    client.wait_for("textDocument/publishDiagnostics", uri)
    lines = TEMPLATE.splitlines()
    # PascalCase content of AWS::SageMaker::ModelCard: named as the template writes it.
    row = next(i for i, line in enumerate(lines) if "RiskRating:" in line)
    answer = hover(client, uri, row, lines[row].index("RiskRating") + 2)
    # (A standalone card's schema, which gives risk_rating no description.)
    assert answer["contents"]["value"] == (
        "**RiskRating** `/Resources/ChurnCard/Properties/Content/IntendedUses/RiskRating`\n\n"
        "- type: `string`\n- one of: `High`, `Medium`, `Low`, `Unknown`"
    )
    start = lines[row].index("RiskRating")
    assert answer["range"] == {
        "start": {"line": row, "character": start},
        "end": {"line": row, "character": start + len("RiskRating")},
    }
    # The card in ModelCardContent, a JSON string in a YAML block scalar.
    row = next(i for i, line in enumerate(lines) if '"risk_rating"' in line)
    answer = hover(client, uri, row, lines[row].index("risk_rating"))
    pointer = "/Resources/ChurnPackage/Properties/ModelCard/ModelCardContent/intended_uses"
    assert answer["contents"]["value"].startswith(f"**risk_rating** `{pointer}/risk_rating`")
    assert RISK in answer["contents"]["value"]
    start = lines[row].index('"risk_rating"')
    assert answer["range"]["start"] == {"line": row, "character": start}
    # Outside the cards (a parameter, a !Ref): nothing to say.
    row = next(i for i, line in enumerate(lines) if "!Ref" in line)
    assert hover(client, uri, row, lines[row].index("!Ref") + 1) is None
    assert hover(client, uri, 1, 3) is None


def test_hover_in_the_card_of_an_api_document(client: LspClient, workspace: Path) -> None:
    pytest.importorskip("pygls", reason="the lsp extra is not installed")
    uri = (workspace / "describe-model-card.json").as_uri()
    client.open(uri, API_DOCUMENT, language="json")
    client.wait_for("textDocument/publishDiagnostics", uri)
    line = API_DOCUMENT.splitlines()[1]
    answer = hover(client, uri, 1, line.index("risk_rating") + 1)
    assert answer["contents"]["value"] == (  # Content holds a standalone card
        "**risk_rating** `/Content/intended_uses/risk_rating`\n\n"
        "- type: `string`\n- one of: `High`, `Medium`, `Low`, `Unknown`"
    )
    start = line.index("risk_rating") - 2  # the key's quote, written \"
    assert answer["range"]["start"] == {"line": 1, "character": start}


def test_hover_on_a_text_over_the_size_cap_answers_nothing_at_once(
    client: LspClient, workspace: Path
) -> None:
    pytest.importorskip("pygls", reason="the lsp extra is not installed")
    uri = (workspace / "big-model-card.yaml").as_uri()
    client.open(uri, "intended_uses:\n  risk_rating: " + "x" * 10 * 1024 * 1024 + "\n")
    [p009] = client.wait_for("textDocument/publishDiagnostics", uri)["diagnostics"]
    assert p009["code"] == "P009"
    assert hover(client, uri, 1, 4) is None
    assert client.stop() == 0


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
