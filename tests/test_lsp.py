"""``cardlint lsp`` driven over real stdio by a small JSON-RPC client (tests/lsp_client.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed")

from cardlint.lsp.diagnostics import rule_doc_url
from cardlint.lsp.documents import is_card_file
from cardlint.lsp.hover import hover_text
from cardlint.lsp.positions import Positions
from lsp_client import LspClient, apply_edits

DIAGNOSTICS = "textDocument/publishDiagnostics"

# A non-ASCII letter and an astral character (two UTF-16 code units) before each finding.
YAML_CARD = (
    "model_overview:\n"
    '  model_creator: "Équipe 😀"\n'
    'intended_uses: {purpose_of_model: "détection 😀 fraude", risk_rating: medium}\n'
)
JSON_CARD = (
    '{"intended_uses": {"purpose_of_model": "😀😀", "risk_rating": "high"},\r\n'
    ' "business_details": {"line_of_business": 7}}\r\n'
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository whose configuration keeps to the families these tests are about, so that
    rules added later elsewhere (governance, limits) do not change the expected lists."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "cardlint.toml").write_text('select = ["P", "S", "Y"]\n', encoding="utf-8")
    return tmp_path


@pytest.fixture
def uri(workspace: Path) -> str:
    return (workspace / "fraud-model-card.yaml").as_uri()


@pytest.fixture
def json_uri(workspace: Path) -> str:
    return (workspace / "fraud-model-card.json").as_uri()


def ranges(params: dict[str, Any]) -> list[tuple[str, int, int, int, int]]:
    return [
        (
            d["code"],
            d["range"]["start"]["line"],
            d["range"]["start"]["character"],
            d["range"]["end"]["line"],
            d["range"]["end"]["character"],
        )
        for d in params["diagnostics"]
    ]


def code_actions(client: LspClient, uri: str, line: int, char: int, only: list[str] | None = None):
    context: dict[str, Any] = {"diagnostics": []}
    if only is not None:
        context["only"] = only
    position = {"line": line, "character": char}
    return client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": position, "end": position},
            "context": context,
        },
    )


def edits_of(action: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    (change,) = action["edit"]["documentChanges"]
    assert change["textDocument"]["uri"] == uri
    return change["edits"]


def test_initialize_advertises_what_the_server_does() -> None:
    server = LspClient()
    try:
        result = server.initialize()
        caps = result["capabilities"]
        assert result["serverInfo"]["name"] == "cardlint"
        assert caps["positionEncoding"] == "utf-16"
        assert caps["textDocumentSync"]["change"] == 1  # full text on every change
        assert caps["textDocumentSync"]["save"] is True
        assert caps["hoverProvider"] is True
        assert caps["codeActionProvider"]["codeActionKinds"] == [
            "quickfix",
            "source.fixAll.cardlint",
        ]
        assert server.stop() == 0
    finally:
        server.close()


def test_open_yaml_card_publishes_utf16_ranges(client: LspClient, uri: str) -> None:
    client.open(uri, YAML_CARD)
    params = client.wait_for(DIAGNOSTICS, uri)
    assert params["version"] == 1
    # "medium" is character 69 of its line; the emoji before it makes that UTF-16 unit 70.
    assert ranges(params) == [("S002", 2, 70, 2, 76)]
    (diagnostic,) = params["diagnostics"]
    assert diagnostic["severity"] == 1
    assert diagnostic["source"] == "cardlint"
    assert diagnostic["message"] == (
        'risk_rating "medium" is not one of High, Medium, Low, Unknown (did you mean "Medium"?)'
    )
    assert diagnostic["codeDescription"]["href"] == (
        "https://github.com/cardlint/cardlint/blob/main/src/cardlint/rules/s002_schema_enum.py"
    )


def test_open_json_card_with_crlf_and_two_astral_characters(
    client: LspClient, json_uri: str
) -> None:
    client.open(json_uri, JSON_CARD, language="json")
    params = client.wait_for(DIAGNOSTICS, json_uri)
    assert ranges(params) == [("S002", 0, 62, 0, 68), ("S001", 1, 42, 1, 43)]


def test_quick_fix_repairs_the_value_and_change_updates_diagnostics(
    client: LspClient, uri: str
) -> None:
    client.open(uri, YAML_CARD)
    client.wait_for(DIAGNOSTICS, uri)
    actions = code_actions(client, uri, 2, 72)
    assert [a["kind"] for a in actions] == ["quickfix", "quickfix", "source.fixAll.cardlint"]
    actions = code_actions(client, uri, 2, 72, only=["quickfix"])
    assert [(a["kind"], a["title"], a["isPreferred"]) for a in actions] == [
        ("quickfix", 'Replace "medium" with "Medium" (S002)', True),
        ("quickfix", "Disable S002 for this line", False),
    ]
    assert actions[0]["diagnostics"][0]["code"] == "S002"
    edits = edits_of(actions[0], uri)
    assert edits == [
        {
            "range": {"start": {"line": 2, "character": 70}, "end": {"line": 2, "character": 76}},
            "newText": "Medium",
        }
    ]
    fixed = apply_edits(YAML_CARD, edits)
    assert fixed.splitlines()[2].endswith("risk_rating: Medium}")
    client.change(uri, fixed, version=2)
    params = client.wait_for(DIAGNOSTICS, uri)
    assert params == {"uri": uri, "diagnostics": [], "version": 2}


def test_no_quick_fix_away_from_the_problem(client: LspClient, uri: str) -> None:
    client.open(uri, YAML_CARD)
    client.wait_for(DIAGNOSTICS, uri)
    assert code_actions(client, uri, 0, 3, only=["quickfix"]) == []


def test_fix_all_applies_every_safe_fix(client: LspClient, json_uri: str) -> None:
    client.open(json_uri, JSON_CARD, language="json")
    client.wait_for(DIAGNOSTICS, json_uri)
    actions = code_actions(client, json_uri, 0, 0, only=["source.fixAll"])
    assert [(a["kind"], a["title"]) for a in actions] == [
        ("source.fixAll.cardlint", "cardlint: fix all safe problems"),
    ]
    fixed = apply_edits(JSON_CARD, edits_of(actions[0], json_uri))
    assert fixed == (
        '{"intended_uses": {"purpose_of_model": "😀😀", "risk_rating": "High"},\r\n'
        ' "business_details": {"line_of_business": "7"}}\r\n'
    )
    client.change(json_uri, fixed, version=2)
    assert client.wait_for(DIAGNOSTICS, json_uri)["diagnostics"] == []


def test_rapid_changes_end_with_the_latest_text(client: LspClient, uri: str) -> None:
    client.open(uri, YAML_CARD)
    client.wait_for(DIAGNOSTICS, uri)
    client.change(uri, "intended_uses:\n  risk_rating: Hig\n", version=2)
    client.change(uri, "intended_uses:\n  risk_rating: High\n  bogus: 1\n", version=3)
    params = client.wait_for(DIAGNOSTICS, uri)
    while params["version"] != 3:  # debouncing may or may not have skipped version 2
        params = client.wait_for(DIAGNOSTICS, uri)
    assert ranges(params) == [("S004", 2, 2, 2, 7)]


def test_save_relints_and_close_clears(client: LspClient, uri: str) -> None:
    client.open(uri, YAML_CARD)
    client.wait_for(DIAGNOSTICS, uri)
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert ranges(client.wait_for(DIAGNOSTICS, uri)) == [("S002", 2, 70, 2, 76)]
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.wait_for(DIAGNOSTICS, uri) == {"uri": uri, "diagnostics": []}


def test_syntax_error_is_a_diagnostic_not_a_crash(client: LspClient, uri: str) -> None:
    client.open(uri, "intended_uses:\n  risk_rating: [High\n")
    params = client.wait_for(DIAGNOSTICS, uri)
    assert [d["code"] for d in params["diagnostics"]] == ["P001"]
    assert client.stop() == 0


def test_an_editor_text_over_the_size_cap_is_one_p009(client: LspClient, uri: str) -> None:
    text = "intended_uses:\n  purpose_of_model: " + "x" * 10 * 1024 * 1024 + "\n"
    client.open(uri, text)
    [p009] = client.wait_for(DIAGNOSTICS, uri)["diagnostics"]
    assert p009["code"] == "P009"
    assert p009["message"] == (
        "file is 10,485,796 bytes; the limit is 10,485,760 bytes (--max-file-size)"
    )
    assert p009["range"]["start"] == {"line": 0, "character": 0}


def test_hover_on_a_key_shows_description_and_limits(client: LspClient, uri: str) -> None:
    client.open(uri, YAML_CARD)
    client.wait_for(DIAGNOSTICS, uri)
    # Character 60 in UTF-16 is inside "risk_rating" (which starts at unit 57 on that line).
    result = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 60}},
    )
    assert result == {
        "contents": {
            "kind": "markdown",
            "value": "**risk_rating** `/intended_uses/risk_rating`\n\n"
            "Risk rating for model card.\n\n"
            "- type: `string`\n"
            "- one of: `High`, `Medium`, `Low`, `Unknown`",
        },
        "range": {"start": {"line": 2, "character": 57}, "end": {"line": 2, "character": 68}},
    }


def test_hover_on_a_metric_key_uses_the_branch_named_by_type(client: LspClient, uri: str) -> None:
    text = (
        "evaluation_details:\n"
        "  - name: eval\n"
        "    metric_groups:\n"
        "      - name: g\n"
        "        metric_data:\n"
        "          - {name: cm, type: matrix, value: [[1]]}\n"
    )
    client.open(uri, text)
    client.wait_for(DIAGNOSTICS, uri)
    result = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 37}},
    )
    assert result["contents"]["value"] == (
        "**value** `/evaluation_details/0/metric_groups/0/metric_data/0/value`\n\n"
        "For a `matrix` metric: a list of rows, each a list of numbers (1 to 20 rows of 1 to 20 "
        "numbers), for example `[[50, 3], [7, 40]]`.\n\n"
        "- type: `array`\n"
        "- at least 1 item\n"
        "- at most 20 items"
    )


def test_hover_on_a_misspelled_metric_type_lists_the_metric_types(
    client: LspClient, uri: str
) -> None:
    text = (
        "evaluation_details:\n"
        "  - name: eval\n"
        "    metric_groups:\n"
        "      - name: g\n"
        "        metric_data:\n"
        "          - {name: roc, type: Linear_Graph, value: [[0.1, 0.5]]}\n"
    )
    client.open(uri, text)
    client.wait_for(DIAGNOSTICS, uri)
    line = text.splitlines()[5]
    hovers = [
        client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 5, "character": line.index(key)}},
        )["contents"]["value"].split("\n\n")[1]
        for key in ("type", "value")
    ]
    types = "`number`, `string`, `boolean`, `linear_graph`, `bar_chart`, `matrix`"
    assert hovers == [
        f"The metric's type; it picks the shape of `value`. One of: {types}.\n"
        "This metric's type is `Linear_Graph`, not one of them.",
        "The shape of `value` depends on the metric's `type`: its type `Linear_Graph` is not a "
        f"metric type, so the shape cannot be told until the type is one of {types}.",
    ]


def test_hover_away_from_any_key_is_empty(client: LspClient, uri: str) -> None:
    client.open(uri, YAML_CARD)
    client.wait_for(DIAGNOSTICS, uri)
    result = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 9, "character": 0}},
    )
    assert result is None


def test_files_that_are_not_cards_are_left_alone(client: LspClient, uri: str) -> None:
    client.open("file:///work/package.json", '{"name": "x"}', language="json")
    client.open(uri, YAML_CARD)
    # Messages arrive in order: had package.json been linted, its diagnostics would come first.
    params = client.wait_for(DIAGNOSTICS)
    assert params["uri"] == uri


def test_include_patterns_from_initialization_options(workspace: Path) -> None:
    server = LspClient()
    try:
        server.initialize({"include": ["*.card.json"]})
        uri = (workspace / "x.card.json").as_uri()
        server.open(uri, '{"bogus": 1}', language="json")
        params = server.wait_for(DIAGNOSTICS)
        assert (params["uri"], ranges(params)) == (uri, [("S004", 0, 1, 0, 8)])
    finally:
        server.close()


def test_configuration_found_from_the_document_applies(client: LspClient, workspace: Path) -> None:
    (workspace / "cards").mkdir()
    (workspace / "cards" / "pyproject.toml").write_text(
        '[tool.cardlint]\nignore = ["S002"]\n\n[tool.cardlint.severity]\nS004 = "warning"\n',
        encoding="utf-8",
    )
    uri = (workspace / "cards" / "a-model-card.yaml").as_uri()
    client.open(uri, "intended_uses:\n  risk_rating: medium\n  bogus: 1\n")
    params = client.wait_for(DIAGNOSTICS, uri)
    assert [(d["code"], d["severity"]) for d in params["diagnostics"]] == [("S004", 2)]


def test_broken_configuration_is_shown_and_defaults_apply(
    client: LspClient, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "cardlint.toml").write_text("select = 3\n", encoding="utf-8")
    uri = (tmp_path / "a-model-card.yaml").as_uri()
    client.open(uri, "intended_uses:\n  bogus: 1\n")
    message = client.wait_for("window/showMessage")
    assert message["type"] == 1
    assert message["message"].startswith("cardlint: ")
    assert "cardlint.toml: select:" in message["message"]
    params = client.wait_for(DIAGNOSTICS, uri)
    assert "S004" in [d["code"] for d in params["diagnostics"]]


def test_exit_without_shutdown_ends_with_status_1() -> None:
    server = LspClient()
    try:
        server.initialize()
        server.notify("exit")
        assert server.wait_exit() == 1
    finally:
        server.close()


def test_without_pygls_the_command_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None; "
        "sys.argv = ['cardlint', 'lsp']; from cardlint.cli.main import run; run()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "pip install 'cardlint[lsp]'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_start_up_does_not_import_pygls() -> None:
    code = (
        "import sys, cardlint.cli.main, cardlint.lsp.server; "
        "print(sorted(m for m in sys.modules if 'pygls' in m or 'lsprotocol' in m))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.strip() == "[]"


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", (3, 5)), ("utf-8", (4, 8)), ("utf-32", (3, 4))],
)
def test_positions_count_units_of_the_negotiated_encoding(encoding: str, expected) -> None:
    positions = Positions("é: 😀x\n", encoding)
    assert (positions.character(1, 4), positions.character(1, 5)) == expected
    assert positions.offset(0, expected[1]) == 4
    assert positions.at(4) == (0, expected[1])


def test_positions_break_lines_as_lsp_does() -> None:
    # U+2028 is no line break in LSP; \r alone and \r\n are.
    positions = Positions("a\u2028b\rc\r\nd", "utf-16")
    assert positions.at(3) == (0, 3)
    assert positions.at(4) == (1, 0)
    assert positions.at(7) == (2, 0)
    assert positions.offset(2, 0) == 7


def test_rule_doc_url_for_every_code_scheme() -> None:
    assert rule_doc_url("P001") == (
        "https://github.com/cardlint/cardlint/blob/main/src/cardlint/rules/p001_syntax_error.py"
    )
    assert rule_doc_url("Z999") is None


def test_hover_text_for_a_property_declared_through_additional_properties() -> None:
    from cardlint.core.resources import load_vendored

    card = {"additional_information": {"custom_details": {"team": "x"}}}
    text = hover_text(
        load_vendored("model-package"), card, "/additional_information/custom_details/team"
    )
    assert text == (
        "**team** `/additional_information/custom_details/team`\n\n"
        "Additional property.\n\n"
        "- type: `string`\n"
        "- at most 1024 characters"
    )


def test_card_file_names_follow_the_cli_patterns() -> None:
    from cardlint.running.files import DEFAULT_INCLUDE

    assert is_card_file("/a/b/Fraud-Model-Card.YAML", DEFAULT_INCLUDE)
    assert not is_card_file("/a/b/package.json", DEFAULT_INCLUDE)


def test_requests_for_a_document_never_opened_answer_nothing(client: LspClient, uri: str) -> None:
    assert code_actions(client, uri, 0, 0) is None
    hover = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
    assert client.request("textDocument/hover", hover) is None
    assert client.stop() == 0


def test_unsafe_fix_is_offered_but_not_preferred_nor_in_fix_all(
    client: LspClient, uri: str
) -> None:
    text = "intended_uses:\n  risk_rating: Low\n  risk_rating: Low\n"
    client.open(uri, text)
    assert ranges(client.wait_for(DIAGNOSTICS, uri)) == [("P002", 2, 2, 2, 13)]
    actions = code_actions(client, uri, 2, 4)
    assert [(a["kind"], a["title"], a["isPreferred"]) for a in actions] == [
        ("quickfix", 'Remove the earlier "risk_rating" (line 2) (P002, unsafe)', False),
        ("quickfix", "Disable P002 for this line", False),
    ]
    assert apply_edits(text, edits_of(actions[0], uri)) == "intended_uses:\n  risk_rating: Low\n"
