"""``cardlint lsp``: the language server (Language Server Protocol over stdio, built on pygls).

A front end like the CLI: every check goes through :func:`cardlint.check.engine.check_text_limited`,
so the size cap and the time limit apply to an editor's text as to a file. What it adds is
the editor's view of the results:

- diagnostics on open, on save and (debounced) on change, for card files only: names matching
  the CLI's include patterns (``*model-card*.json`` and friends), or the patterns given as
  ``initializationOptions.include``; other JSON and YAML files are left alone;
- ranges in LSP terms: 0-based lines, columns in the position encoding agreed at
  ``initialize`` (UTF-16 code units unless the client offers UTF-8 or UTF-32);
- each diagnostic's ``codeDescription`` links to its rule's documentation;
- hover on a key (or a scalar value) shows that property's schema description and limits,
  in a card file and in the cards inside an API document or a CloudFormation template;
- code actions: every fix as a ``quickfix``, "disable CODE for this line" (a suppression
  comment, YAML only), and ``source.fixAll.cardlint`` for the safe ones;
- pull diagnostics (``textDocument/diagnostic``) for clients that say they take them; those
  clients get no published diagnostics, the others get them pushed;
- the last check of each open document is kept: hover, code actions and pulls on a document
  whose text and settings have not changed reuse it instead of linting again.

The package, along its seams: :mod:`~cardlint.lsp.positions` (spans as LSP positions and
ranges), :mod:`~cardlint.lsp.diagnostics` (a diagnostic in LSP terms, rule documentation
links), :mod:`~cardlint.lsp.documents` (which documents are cards, their settings, the state
and the last check of each), :mod:`~cardlint.lsp.hover`, :mod:`~cardlint.lsp.actions` (code
actions and workspace edits), :mod:`~cardlint.lsp.frames` (guarded framing of stdin), and this
module, which wires them to pygls.

pygls is imported only inside :func:`build_server` and :func:`serve`, so ``import
cardlint.lsp.server`` (and the CLI) stay cheap and work without the ``lsp`` extra installed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING

from cardlint.lsp.diagnostics import SOURCE, to_lsp_diagnostic
from cardlint.lsp.documents import Checked, ServerState, encoding, lint, open_document
from cardlint.lsp.positions import Positions

if TYPE_CHECKING:
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer


class LspUnavailable(Exception):
    """The ``lsp`` extra (pygls) is not installed."""


def _lsp_diagnostics(server: LanguageServer, uri: str, checked: Checked) -> list[lsp.Diagnostic]:
    positions = Positions(checked.text, encoding(server))
    return [to_lsp_diagnostic(d, positions, uri) for d in checked.result.diagnostics]


def _publish(server: LanguageServer, state: ServerState, uri: str) -> None:
    from lsprotocol import types

    document = open_document(server, uri)
    if document is None or state.pull:
        return
    version = document.version
    checked = lint(server, state, uri)
    if checked is None:
        return
    diagnostics = _lsp_diagnostics(server, uri, checked)
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
    )


def _cancel(state: ServerState, uri: str) -> None:
    task = state.pending.pop(uri, None)
    if task is not None:
        task.cancel()


def build_server() -> LanguageServer:
    """A language server with cardlint's features registered (pygls must be importable)."""
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    from cardlint.core.version import __version__
    from cardlint.lsp.actions import FIX_ALL_KIND, code_actions
    from cardlint.lsp.hover import hover_answer

    # Full sync: cards are small, and pygls' incremental edits split lines with
    # str.splitlines, which disagrees with LSP on U+2028, form feeds and friends.
    server = LanguageServer(
        SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
    )
    state = ServerState()

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        # As ruff's server does: a client that pulls diagnostics gets them only when it asks.
        text_document = params.capabilities.text_document
        state.pull = bool(text_document and text_document.diagnostic is not None)
        options = params.initialization_options
        if isinstance(options, Mapping):
            include = options.get("include")
            if isinstance(include, list) and all(isinstance(p, str) for p in include):
                state.include = tuple(include)
            debounce = options.get("debounce")
            if isinstance(debounce, int | float) and not isinstance(debounce, bool):
                state.debounce = max(0.0, float(debounce) / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        _publish(server, state, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        _cancel(state, params.text_document.uri)
        _publish(server, state, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        _cancel(state, uri)

        async def later() -> None:
            await asyncio.sleep(state.debounce)
            state.pending.pop(uri, None)
            _publish(server, state, uri)

        state.pending[uri] = asyncio.ensure_future(later())

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        _cancel(state, uri)
        state.checked.pop(uri, None)
        state.fixed.pop(uri, None)
        if not state.pull:
            server.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier=SOURCE, inter_file_dependencies=False, workspace_diagnostics=False
        ),
    )
    def diagnostic(params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
        uri = params.text_document.uri
        checked = lint(server, state, uri)
        if checked is None:  # not a card (or not open): nothing to say about it
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        if params.previous_result_id == checked.result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=checked.result_id)
        return types.RelatedFullDocumentDiagnosticReport(
            items=_lsp_diagnostics(server, uri, checked), result_id=checked.result_id
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        checked = lint(server, state, params.text_document.uri)
        if checked is None:
            return None
        position = params.position
        return hover_answer(checked, encoding(server), position.line, position.character)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return code_actions(server, state, params)

    @server.feature(types.SHUTDOWN)
    def shutdown(*_: object) -> None:
        state.shutdown_requested = True
        for uri in list(state.pending):
            _cancel(state, uri)

    server.cardlint_state = state  # type: ignore[attr-defined]
    return server


def serve() -> int:
    """Run the server over stdin/stdout until ``exit``; the process status per the protocol:
    0 after ``shutdown``, 1 when the client exits (or vanishes) without asking for it.
    """
    import gc

    # Start-up is mostly importing the protocol types (about 600 attrs classes, 60% of the
    # time to the first diagnostics): no collection can free anything while they are made, so
    # the collector waits, then the whole lot is frozen out of its sight (as the CLI does).
    gc.disable()
    try:
        server = build_server()
    except ImportError as exc:
        raise LspUnavailable(
            f"the language server needs pygls ({exc.name or exc}): pip install 'cardlint[lsp]'"
        ) from None
    finally:
        gc.freeze()
        gc.enable()
    import sys

    from cardlint.lsp.frames import FrameReader

    # pygls trusts Content-Length; the reader hands it only frames that keep the server alive.
    server.start_io(stdin=FrameReader(sys.stdin.buffer))  # type: ignore[arg-type]
    state: ServerState = server.cardlint_state  # type: ignore[attr-defined]
    return 0 if state.shutdown_requested else 1
