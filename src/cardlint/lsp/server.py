"""``cardlint lsp``: the language server (Language Server Protocol over stdio, built on pygls).

A front end like the CLI: every check goes through :func:`cardlint.check.engine.check_text_limited`,
so the size cap and the time limit apply to an editor's text as to a file. What it adds is
the editor's view of the results:

- diagnostics on open, on save and (debounced) on change, for card files only: names matching
  the CLI's include patterns (``*model-card*.json`` and friends), or the patterns given as
  ``initializationOptions.include``; other JSON and YAML files are left alone;
- ranges in LSP terms: 0-based lines, columns in the position encoding agreed at
  ``initialize`` (UTF-16 code units unless the client offers UTF-8 or UTF-32);
- each diagnostic's ``codeDescription`` links to its rule's documentation (:func:`rule_doc_url`);
- hover on a key (or a scalar value) shows that property's schema description and limits
  (:mod:`cardlint.lsp.hover`);
- code actions: every fix as a ``quickfix``, "disable CODE for this line" (a suppression
  comment, YAML only), and ``source.fixAll.cardlint`` for the safe ones;
- pull diagnostics (``textDocument/diagnostic``) for clients that say they take them; those
  clients get no published diagnostics, the others get them pushed;
- the last check of each open document is kept: hover, code actions and pulls on a document
  whose text and settings have not changed reuse it instead of linting again.

pygls is imported only inside :func:`serve`, so ``import cardlint.lsp.server`` (and the CLI)
stay cheap
and work without the ``lsp`` extra installed.
"""

from __future__ import annotations

import asyncio
import fnmatch
import os
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from cardlint.core import codes
from cardlint.core.diagnostics import Diagnostic, RemoveProperty, Severity
from cardlint.core.span import Span, utf16_column
from cardlint.running.files import DEFAULT_INCLUDE

if TYPE_CHECKING:
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer
    from pygls.workspace import TextDocument

    from cardlint.check.result import FileResult
    from cardlint.core.settings import Settings

SOURCE = "cardlint"
FIX_ALL_KIND = "source.fixAll.cardlint"
DEBOUNCE_SECONDS = 0.3
"""Quiet time after the last keystroke before a changed document is linted again."""

DOCS_URL = "https://github.com/cardlint/cardlint/blob/main/src/cardlint/rules/{module}.py"
"""Where a rule's documentation lives: its module, whose docstring *is* the documentation
(``cardlint explain CODE`` prints the same text)."""

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LspUnavailable(Exception):
    """The ``lsp`` extra (pygls) is not installed."""


# --------------------------------------------------------------------------- positions


class Positions:
    """Converts between cardlint spans (1-based, characters) and LSP positions.

    LSP lines are 0-based; columns count code units of the negotiated encoding. Lines break at
    ``\\n``, ``\\r\\n`` and ``\\r`` only, as in LSP and in :class:`cardlint.core.span.LineIndex`
    (``str.splitlines`` would also break at U+2028 and friends, and disagree with the client).

    >>> p = Positions("é: 😀x\\n", "utf-16")
    >>> p.character(1, 4), p.character(1, 5)
    (3, 5)
    >>> p.offset(0, 5)
    4
    """

    __slots__ = ("_starts", "encoding", "text")

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def _line(self, row: int) -> str:
        """The text of 0-based line ``row`` without its line break."""
        if row < 0 or row >= len(self._starts):
            return ""
        start = self._starts[row]
        stop = self._starts[row + 1] if row + 1 < len(self._starts) else len(self.text)
        return self.text[start:stop].rstrip("\r\n")

    def _units(self, chars: str) -> int:
        if self.encoding == "utf-8":
            return len(chars.encode("utf-8", "surrogatepass"))
        if self.encoding == "utf-32":
            return len(chars)
        return utf16_column(chars, len(chars) + 1) - 1

    def character(self, line: int, column: int) -> int:
        """The LSP character of a 1-based line and character column."""
        text = self._line(line - 1)
        if self.encoding == "utf-16":
            return utf16_column(text, column) - 1
        return self._units(text[: column - 1]) + max(0, column - 1 - len(text))

    def range(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        """``((line, character), (line, character))`` of a span, both 0-based."""
        return (
            (span.line - 1, self.character(span.line, span.column)),
            (span.end_line - 1, self.character(span.end_line, span.end_column)),
        )

    def at(self, offset: int) -> tuple[int, int]:
        """The 0-based ``(line, character)`` of a character offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        row = bisect_right(self._starts, offset) - 1
        return row, self._units(self.text[self._starts[row] : offset])

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position (clamped to its line and the text)."""
        if line >= len(self._starts):
            return len(self.text)
        text = self._line(max(line, 0))
        units = 0
        for index, char in enumerate(text):
            if units >= character:
                return self._starts[max(line, 0)] + index
            units += self._units(char)
        return self._starts[max(line, 0)] + len(text)


# --------------------------------------------------------------------------- rule documentation


@cache
def _rule_modules() -> Mapping[str, str]:
    """Rule code -> module name, read from the rules package (one module per code)."""
    import pkgutil

    from cardlint import rules

    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(rules.__path__):
        code = info.name.split("_", 1)[0].upper()
        if re.fullmatch(r"[A-Z]\d{3}", code):
            found[code] = info.name
    return found


def rule_doc_url(code: str) -> str | None:
    """The documentation link of a rule code, ``None`` for a code without a rule module.

    >>> rule_doc_url("S002")
    'https://github.com/cardlint/cardlint/blob/main/src/cardlint/rules/s002_schema_enum.py'
    """
    module = _rule_modules().get(code)
    return DOCS_URL.format(module=module) if module else None


# --------------------------------------------------------------------------- the server


@dataclass(slots=True)
class ServerState:
    """What the server remembers between messages (one per server, never shared)."""

    include: tuple[str, ...] | None = None
    """File-name patterns from ``initializationOptions``; ``None``: the configuration's."""
    debounce: float = DEBOUNCE_SECONDS
    config_error: str | None = None
    shutdown_requested: bool = False
    pull: bool = False
    """The client pulls diagnostics (``textDocument/diagnostic``): none are pushed."""
    pending: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    checked: dict[str, Checked] = field(default_factory=dict)
    """The last check of each open document, reused while its text and settings stay."""
    checks: int = 0
    """How many checks ran: each one's result id for pull diagnostics."""
    fixed: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """Per document, the result id of a check and its text with every safe fix applied
    (``None``: nothing to fix), so that code actions on each cursor move do not fix again."""


class Checked(NamedTuple):
    """One check of an open document: what was checked, with what, and what it found."""

    text: str
    settings: Settings
    result: FileResult
    result_id: str


def is_card_file(path: str, include: Sequence[str]) -> bool:
    """Whether a document's file name matches the include patterns (case-insensitive)."""
    name = os.path.basename(path).lower()
    lowered = path.replace(os.sep, "/").lower()
    return any(
        fnmatch.fnmatchcase(name, p.lower()) or fnmatch.fnmatchcase(lowered, p.lower())
        for p in include
    )


def document_settings(
    path: str, include: Sequence[str] | None = None
) -> tuple[Settings | None, str | None]:
    """The settings for a document at ``path``, found as the CLI finds them (the nearest
    ``[tool.cardlint]``, ``cardlint.toml`` or ``.cardlint.toml``), and a configuration error.

    ``None`` settings: not a card file (by ``include``, else the configuration's or the default
    patterns), or excluded by the configuration. A configuration that cannot be read gives the
    default settings and its error message, so the editor still shows problems.
    """
    from cardlint.core.settings import DEFAULT_SETTINGS
    from cardlint.running.config import ConfigError, Overrides, Resolver

    # A fresh resolver each time: an edited configuration applies at the next keystroke.
    resolver = Resolver(DEFAULT_SETTINGS, Overrides())
    try:
        patterns = include or resolver.include_for(os.path.dirname(path) or os.curdir)
        if not is_card_file(path, patterns or DEFAULT_INCLUDE) or resolver.excluded(path):
            return None, None
        return resolver.settings_for(path), None
    except ConfigError as exc:
        if not is_card_file(path, include or DEFAULT_INCLUDE):
            return None, None
        return DEFAULT_SETTINGS, str(exc)


def _severity(severity: Severity) -> lsp.DiagnosticSeverity:
    from lsprotocol import types

    return {
        Severity.ERROR: types.DiagnosticSeverity.Error,
        Severity.WARNING: types.DiagnosticSeverity.Warning,
        Severity.INFO: types.DiagnosticSeverity.Information,
    }[severity]


def _range(positions: Positions, span: Span) -> lsp.Range:
    from lsprotocol import types

    (line, char), (end_line, end_char) = positions.range(span)
    return types.Range(types.Position(line, char), types.Position(end_line, end_char))


def _related(
    diagnostic: Diagnostic, positions: Positions, uri: str | None
) -> list[lsp.DiagnosticRelatedInformation] | None:
    """For a duplicate key, where the key was first defined (the span its fix would remove)."""
    from lsprotocol import types

    intent = diagnostic.fix_intent
    if uri is None or diagnostic.code != codes.DUPLICATE_KEY or intent is None:
        return None
    spans = [a.span for a in intent.actions if isinstance(a, RemoveProperty) and a.span]
    if not spans:
        return None
    location = types.Location(uri=uri, range=_range(positions, spans[0]))
    return [types.DiagnosticRelatedInformation(location=location, message="first defined here")]


def to_lsp_diagnostic(
    diagnostic: Diagnostic, positions: Positions, uri: str | None = None
) -> lsp.Diagnostic:
    """A cardlint diagnostic in LSP terms (``uri``: the document's, for related locations)."""
    from lsprotocol import types

    url = rule_doc_url(diagnostic.code)
    return types.Diagnostic(
        range=_range(positions, diagnostic.span),
        message=diagnostic.message,
        severity=_severity(diagnostic.severity),
        code=diagnostic.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        data={"pointer": diagnostic.pointer},
        related_information=_related(diagnostic, positions, uri),
    )


def _encoding(server: LanguageServer) -> str:
    encoding = server.workspace.position_encoding
    return str(getattr(encoding, "value", encoding) or "utf-16")


def _settings(server: LanguageServer, state: ServerState, path: str) -> Settings | None:
    """The document's settings; a configuration error is shown once (not per keystroke)."""
    from lsprotocol import types

    settings, error = document_settings(path, state.include)
    if error is not None and error != state.config_error:
        server.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=f"cardlint: {error}")
        )
    state.config_error = error
    return settings


def _open_document(server: LanguageServer, uri: str) -> TextDocument | None:
    """The open document at ``uri``; ``None`` when the client has not opened it (or closed
    it while a check was pending): only the editor's text is linted, never the disk's."""
    from urllib.parse import unquote

    if unquote(uri) not in server.workspace.text_documents:
        return None
    return server.workspace.get_text_document(uri)


def _lint(server: LanguageServer, state: ServerState, uri: str) -> Checked | None:
    """The check of the current text of an open card document (the last one again while the
    text and the settings are the same); ``None`` when it is not a card file."""
    document = _open_document(server, uri)
    if document is None:
        return None
    settings = _settings(server, state, document.path)
    if settings is None:
        state.checked.pop(uri, None)
        return None
    text = document.source
    last = state.checked.get(uri)
    if last is not None and last.settings == settings and last.text == text:
        return last
    from cardlint.check.engine import check_text_limited

    state.checks += 1
    checked = Checked(
        text, settings, check_text_limited(text, document.path, settings), str(state.checks)
    )
    state.checked[uri] = checked
    return checked


def _lsp_diagnostics(server: LanguageServer, uri: str, checked: Checked) -> list[lsp.Diagnostic]:
    positions = Positions(checked.text, _encoding(server))
    return [to_lsp_diagnostic(d, positions, uri) for d in checked.result.diagnostics]


def _publish(server: LanguageServer, state: ServerState, uri: str) -> None:
    from lsprotocol import types

    document = _open_document(server, uri)
    if document is None or state.pull:
        return
    version = document.version
    checked = _lint(server, state, uri)
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
        checked = _lint(server, state, uri)
        if checked is None:  # not a card (or not open): nothing to say about it
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        if params.previous_result_id == checked.result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=checked.result_id)
        return types.RelatedFullDocumentDiagnosticReport(
            items=_lsp_diagnostics(server, uri, checked), result_id=checked.result_id
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        return _hover(server, state, params)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return _code_actions(server, state, params)

    @server.feature(types.SHUTDOWN)
    def shutdown(*_: object) -> None:
        state.shutdown_requested = True
        for uri in list(state.pending):
            _cancel(state, uri)

    server.cardlint_state = state  # type: ignore[attr-defined]
    return server


def _hover(server: LanguageServer, state: ServerState, params: lsp.HoverParams) -> lsp.Hover | None:
    from lsprotocol import types

    from cardlint.lsp.hover import hover_at
    from cardlint.rules import STRICT_PATCHES
    from cardlint.schema.validation import SchemaError, load_schema

    checked = _lint(server, state, params.text_document.uri)
    if checked is None or checked.result.document is None:  # e.g. over the size cap
        return None
    text, settings, document = checked.text, checked.settings, checked.result.document
    name = settings.schema
    if name == "auto":  # the schema the engine would pick for this card
        from cardlint.loading.cards import CardSlot, choose_schema

        value = document.value if isinstance(document.value, dict) else {}
        name = choose_schema(name, CardSlot(value))
    try:
        schema = load_schema(name, STRICT_PATCHES).document
    except SchemaError:
        return None
    positions = Positions(text, _encoding(server))
    offset = positions.offset(params.position.line, params.position.character)
    info = hover_at(document, schema, offset)
    if info is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=info.markdown),
        range=_range(positions, info.span),
    )


def _wanted(only: Sequence[str] | None, kind: str) -> bool:
    """Whether the client asked for actions of ``kind`` (``only`` names kinds or their parents)."""
    return only is None or any(kind == o or kind.startswith(f"{o}.") for o in only)


def _text_edit(positions: Positions, start: int, end: int, content: str) -> lsp.TextEdit:
    from lsprotocol import types

    (line, char), (end_line, end_char) = positions.at(start), positions.at(end)
    return types.TextEdit(
        range=types.Range(types.Position(line, char), types.Position(end_line, end_char)),
        new_text=content,
    )


def _workspace_edit(
    server: LanguageServer, uri: str, version: int | None, edits: list[lsp.TextEdit]
) -> lsp.WorkspaceEdit:
    """Versioned ``documentChanges`` when the client takes them (a stale edit is refused),
    plain ``changes`` otherwise."""
    from lsprotocol import types

    capabilities = server.client_capabilities.workspace
    versioned = bool(
        capabilities
        and capabilities.workspace_edit
        and capabilities.workspace_edit.document_changes
    )
    if versioned:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)]
        )
    return types.WorkspaceEdit(changes={uri: edits})


def _fix_all_edit(positions: Positions, before: str, after: str) -> lsp.TextEdit:
    """One edit that turns ``before`` into ``after``, spanning only what differs (so the
    editor keeps the cursor and folds outside it)."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while (
        end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]
    ):
        end_before, end_after = end_before - 1, end_after - 1
    return _text_edit(positions, start, end_before, after[start:end_after])


def _code_actions(
    server: LanguageServer, state: ServerState, params: lsp.CodeActionParams
) -> list[lsp.CodeAction] | None:
    from lsprotocol import types

    uri = params.text_document.uri
    checked = _lint(server, state, uri)
    if checked is None:
        return None
    result, text = checked.result, checked.text
    version = server.workspace.get_text_document(uri).version  # open: _lint checked
    positions = Positions(text, _encoding(server))
    only = params.context.only
    actions: list[types.CodeAction] = []
    if _wanted(only, types.CodeActionKind.QuickFix):
        from cardlint.fixing.fixer import single_fix_problem

        first = positions.offset(params.range.start.line, params.range.start.character)
        last = positions.offset(params.range.end.line, params.range.end.character)
        here = [d for d in result.diagnostics if d.span.start <= last and d.span.end >= first]
        for diagnostic in here:
            fix = diagnostic.fix
            if fix is None or not fix.edits:
                continue
            # Verified as --fix verifies what it writes: a fix that would not parse again or
            # would change another value is not offered.
            if single_fix_problem(result, diagnostic, checked.settings) is not None:
                continue
            edits = [_text_edit(positions, e.span.start, e.span.end, e.content) for e in fix.edits]
            unsafe = fix.applicability != "safe"
            actions.append(
                types.CodeAction(
                    title=f"{fix.message} ({diagnostic.code}{', unsafe' if unsafe else ''})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[to_lsp_diagnostic(diagnostic, positions, uri)],
                    edit=_workspace_edit(server, uri, version, edits),
                    is_preferred=not unsafe,
                )
            )
        actions += _disable_actions(server, uri, version, checked, positions, here)
    if _wanted(only, FIX_ALL_KIND):
        fixed = _fixed_text(state, uri, checked)
        if fixed is not None:
            edit = _fix_all_edit(positions, text, fixed)
            actions.append(
                types.CodeAction(
                    title="cardlint: fix all safe problems",
                    kind=FIX_ALL_KIND,
                    edit=_workspace_edit(server, uri, version, [edit]),
                )
            )
    return actions


def _fixed_text(state: ServerState, uri: str, checked: Checked) -> str | None:
    """The checked text with every safe fix applied, ``None`` when there is nothing to fix
    (or the fixes cannot be made); computed once per check."""
    known = state.fixed.get(uri)
    if known is not None and known[0] == checked.result_id:
        return known[1]
    from cardlint.fixing.fixer import fix_result

    outcome = fix_result(checked.result, checked.settings)
    fixed = outcome.text if outcome.changed and outcome.abandoned is None else None
    state.fixed[uri] = (checked.result_id, fixed)
    return fixed


def _disable_actions(
    server: LanguageServer,
    uri: str,
    version: int | None,
    checked: Checked,
    positions: Positions,
    diagnostics: Sequence[Diagnostic],
) -> list[lsp.CodeAction]:
    """ "Disable CODE for this line": a ``# cardlint: ignore[CODE]`` comment (YAML only)."""
    from lsprotocol import types

    from cardlint.check.suppressions import suppression_edit

    document = checked.result.document
    if document is None or document.format != "yaml":
        return []
    actions = []
    seen: set[tuple[int, str]] = set()
    for diagnostic in diagnostics:
        if (diagnostic.span.line, diagnostic.code) in seen:
            continue
        seen.add((diagnostic.span.line, diagnostic.code))
        edit = suppression_edit(document, diagnostic.span, diagnostic.code, checked.settings.limits)
        if edit is None:
            continue
        text_edit = _text_edit(positions, *edit)
        actions.append(
            types.CodeAction(
                title=f"Disable {diagnostic.code} for this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[to_lsp_diagnostic(diagnostic, positions, uri)],
                edit=_workspace_edit(server, uri, version, [text_edit]),
                is_preferred=False,
            )
        )
    return actions


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
