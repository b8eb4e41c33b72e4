"""``cardlint lsp``: suppression-comment actions, duplicate-key related locations, pull
diagnostics, and reuse of the last check of an unchanged document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed")

from lsp_client import LspClient, apply_edits

DIAGNOSTICS = "textDocument/publishDiagnostics"
CARD = (
    "model_overview:\n"
    '  model_creator: "Équipe 😀"\n'
    'intended_uses: {purpose_of_model: "détection 😀 fraude", risk_rating: medium}\n'
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "cardlint.toml").write_text('select = ["P", "S", "Y", "X"]\n', encoding="utf-8")
    return tmp_path


@pytest.fixture
def uri(workspace: Path) -> str:
    return (workspace / "fraud-model-card.yaml").as_uri()


@pytest.fixture
def puller() -> Iterator[LspClient]:
    """A client that says it pulls diagnostics (as VS Code and Neovim 0.10+ do)."""
    server = LspClient()
    server.initialize(
        workspace={"workspaceEdit": {"documentChanges": True}},
        textDocument={"diagnostic": {"dynamicRegistration": False}},
    )
    yield server
    server.close()


def actions_at(client: LspClient, uri: str, line: int, char: int) -> list[dict[str, Any]]:
    position = {"line": line, "character": char}
    return client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": position, "end": position},
            "context": {"diagnostics": [], "only": ["quickfix"]},
        },
    )


def disable_action(actions: list[dict[str, Any]], code: str) -> dict[str, Any] | None:
    found = [a for a in actions if a["title"] == f"Disable {code} for this line"]
    return found[0] if found else None


def edits(action: dict[str, Any]) -> list[dict[str, Any]]:
    (change,) = action["edit"]["documentChanges"]
    return change["edits"]


def pull(client: LspClient, uri: str, previous: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"textDocument": {"uri": uri}}
    if previous is not None:
        params["previousResultId"] = previous
    return client.request("textDocument/diagnostic", params)


def test_disable_for_this_line_adds_a_suppression_comment(client: LspClient, uri: str) -> None:
    client.open(uri, CARD)
    client.wait_for(DIAGNOSTICS, uri)
    action = disable_action(actions_at(client, uri, 2, 72), "S002")
    assert action is not None
    assert action["kind"] == "quickfix" and action["isPreferred"] is False
    assert action["diagnostics"][0]["code"] == "S002"
    fixed = apply_edits(CARD, edits(action))
    assert fixed.splitlines()[2].endswith("risk_rating: medium}  # cardlint: ignore[S002]")
    client.change(uri, fixed, version=2)
    assert client.wait_for(DIAGNOSTICS, uri)["diagnostics"] == []


def test_disable_adds_the_code_to_the_lines_directive(client: LspClient, uri: str) -> None:
    text = "intended_uses:\n  risk_rating: medium  # cardlint: ignore[Y001]\n"
    client.open(uri, text)
    codes = [d["code"] for d in client.wait_for(DIAGNOSTICS, uri)["diagnostics"]]
    assert codes == ["S002", "X004"]
    actions = actions_at(client, uri, 1, 16)
    action = disable_action(actions, "S002")
    assert action is not None
    assert disable_action(actions, "X004") is None  # a stale directive is removed, not silenced
    fixed = apply_edits(text, edits(action))
    assert fixed == "intended_uses:\n  risk_rating: medium  # cardlint: ignore[Y001, S002]\n"


def test_no_disable_where_a_comment_would_change_the_card(client: LspClient, uri: str) -> None:
    # The value starts on a line that a plain multi-line scalar continues: a comment there
    # would cut the scalar, so no action is offered.
    text = "intended_uses:\n  risk_rating: medium\n    and more\n"
    client.open(uri, text)
    assert [d["code"] for d in client.wait_for(DIAGNOSTICS, uri)["diagnostics"]] == ["S002"]
    assert disable_action(actions_at(client, uri, 1, 16), "S002") is None


def test_no_disable_in_json(client: LspClient, workspace: Path) -> None:
    uri = (workspace / "fraud-model-card.json").as_uri()
    client.open(uri, '{"intended_uses": {"risk_rating": "medium"}}\n', language="json")
    assert [d["code"] for d in client.wait_for(DIAGNOSTICS, uri)["diagnostics"]] == ["S002"]
    actions = actions_at(client, uri, 0, 36)
    assert [a["title"] for a in actions] == ['Replace "medium" with "Medium" (S002)']


@pytest.mark.parametrize(
    ("name", "text", "first"),
    [
        (
            "fraud-model-card.yaml",
            "intended_uses:\n  risk_rating: Low\n  explanations_for_risk_rating: x\n"
            "  risk_rating: Low\n",
            {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 13}},
        ),
        (
            "fraud-model-card.json",
            '{"intended_uses": {"risk_rating": "Low",\n "risk_rating": "Low"}}\n',
            {"start": {"line": 0, "character": 19}, "end": {"line": 0, "character": 32}},
        ),
    ],
)
def test_duplicate_key_points_at_the_first_occurrence(
    client: LspClient, workspace: Path, name: str, text: str, first: dict[str, Any]
) -> None:
    uri = (workspace / name).as_uri()
    client.open(uri, text, language=name.rpartition(".")[2])
    (p002,) = client.wait_for(DIAGNOSTICS, uri)["diagnostics"]
    assert p002["code"] == "P002"
    assert p002["relatedInformation"] == [
        {"location": {"uri": uri, "range": first}, "message": "first defined here"}
    ]


def test_pull_diagnostics_instead_of_published_ones(puller: LspClient, uri: str) -> None:
    puller.open(uri, CARD)
    report = pull(puller, uri)
    assert report["kind"] == "full"
    assert [(d["code"], d["range"]["start"]) for d in report["items"]] == [
        ("S002", {"line": 2, "character": 70})
    ]
    # A client that pulls gets nothing pushed: the reply came after didOpen was handled.
    assert [m for m in puller._backlog if m.get("method") == DIAGNOSTICS] == []
    # Nothing changed: the same result, said in a word.
    assert pull(puller, uri, report["resultId"]) == {
        "kind": "unchanged",
        "resultId": report["resultId"],
    }
    fixed = CARD.replace("medium", "Medium")
    puller.change(uri, fixed, version=2)
    again = pull(puller, uri, report["resultId"])
    assert again["kind"] == "full" and again["items"] == []
    assert again["resultId"] != report["resultId"]
    assert puller.stop() == 0


def test_pull_on_a_file_that_is_not_a_card_is_empty(puller: LspClient, workspace: Path) -> None:
    uri = (workspace / "package.json").as_uri()
    puller.open(uri, '{"name": "x"}\n', language="json")
    assert pull(puller, uri) == {"kind": "full", "items": []}


def test_server_advertises_pull_diagnostics() -> None:
    client = LspClient()
    try:
        caps = client.initialize()["capabilities"]
        assert caps["diagnosticProvider"] == {
            "identifier": "cardlint",
            "interFileDependencies": False,
            "workspaceDiagnostics": False,
        }
        assert client.stop() == 0
    finally:
        client.close()


def test_hover_and_code_actions_reuse_the_last_check(puller: LspClient, uri: str) -> None:
    """The result id counts checks: hover and code actions on an unchanged document leave it
    as it was, so they did not lint again."""
    puller.open(uri, CARD)
    report = pull(puller, uri)
    hover = {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 60}}
    assert puller.request("textDocument/hover", hover) is not None
    assert actions_at(puller, uri, 2, 72)
    assert pull(puller, uri, report["resultId"])["kind"] == "unchanged"
    # A changed configuration is a new check, though the text is the same.
    (Path(uri.removeprefix("file://")).parent / "cardlint.toml").write_text(
        'select = ["P"]\n', encoding="utf-8"
    )
    after = pull(puller, uri, report["resultId"])
    assert after["kind"] == "full" and after["items"] == []
