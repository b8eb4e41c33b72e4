"""Code actions: each fix as a ``quickfix``, "disable CODE for this line" (a suppression
comment, YAML only), and ``source.fixAll.cardlint`` for every safe fix at once; all as
workspace edits over the editor's text.

The protocol types are imported inside the functions that build them, so importing this
module needs no pygls.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cardlint.core.diagnostics import Diagnostic
from cardlint.lsp.diagnostics import to_lsp_diagnostic
from cardlint.lsp.documents import Checked, ServerState, encoding, lint
from cardlint.lsp.positions import Positions, offsets_range

if TYPE_CHECKING:
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer

FIX_ALL_KIND = "source.fixAll.cardlint"


def _wanted(only: Sequence[str] | None, kind: str) -> bool:
    """Whether the client asked for actions of ``kind`` (``only`` names kinds or their parents)."""
    return only is None or any(kind == o or kind.startswith(f"{o}.") for o in only)


def _text_edit(positions: Positions, start: int, end: int, content: str) -> lsp.TextEdit:
    from lsprotocol import types

    return types.TextEdit(range=offsets_range(positions, start, end), new_text=content)


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


def code_actions(
    server: LanguageServer, state: ServerState, params: lsp.CodeActionParams
) -> list[lsp.CodeAction] | None:
    """The actions for a range of an open card document (``None``: not a card)."""
    from lsprotocol import types

    uri = params.text_document.uri
    checked = lint(server, state, uri)
    if checked is None:
        return None
    result, text = checked.result, checked.text
    version = server.workspace.get_text_document(uri).version  # open: lint checked
    positions = Positions(text, encoding(server))
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
