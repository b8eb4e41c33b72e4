"""What the server knows about the editor's documents: which are cards, with what settings,
and the last check of each.

Only the editor's text of an open document is linted, never the disk's; the last check of each
open document is kept, so that hover, code actions and pulls on a document whose text and
settings have not changed reuse it instead of linting again.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from cardlint.running.files import DEFAULT_INCLUDE

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer
    from pygls.workspace import TextDocument

    from cardlint.check.result import FileResult
    from cardlint.core.settings import Settings

DEBOUNCE_SECONDS = 0.3
"""Quiet time after the last keystroke before a changed document is linted again."""


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


def is_card_file(path: str, include: Sequence[str], root: str | None = None) -> bool:
    """Whether a document is a card by the include patterns, matched as the CLI matches them
    when it searches a directory (:class:`cardlint.running.files.Include`): a pattern without
    ``/`` against the file name, one with ``/`` against the path relative to ``root`` (the
    configuration's directory; ``None``: such patterns match nothing). Case-insensitive.

    >>> is_card_file("/repo/cards/churn.json", ["cards/*.json"], "/repo")
    True
    >>> is_card_file("/repo/other/churn.json", ["cards/*.json"], "/repo")
    False
    """
    from cardlint.running.files import Include

    relative = None
    if root is not None:
        try:
            relative = os.path.relpath(os.path.abspath(path), root)
        except ValueError:  # another drive (Windows): not under the root
            relative = None
        if relative is not None and relative.split(os.sep, 1)[0] == os.pardir:
            relative = None
    if relative is not None:
        relative = relative.replace(os.sep, "/")
    return Include(include, root).match(os.path.basename(path), relative)


def document_settings(
    path: str, include: Sequence[str] | None = None, workspace_root: str | None = None
) -> tuple[Settings | None, str | None]:
    """The settings for a document at ``path``, found as the CLI finds them (the nearest
    ``[tool.cardlint]``, ``cardlint.toml`` or ``.cardlint.toml``), and a configuration error.

    ``None`` settings: not a card file (by ``include``, whose patterns with ``/`` are relative
    to ``workspace_root``; else by the configuration's patterns, relative to its directory, or
    the default ones), or excluded by the configuration. A configuration that cannot be read
    gives the default settings and its error message, so the editor still shows problems.
    """
    from cardlint.core.settings import DEFAULT_SETTINGS
    from cardlint.running.config import ConfigError, Overrides, Resolver

    # A fresh resolver each time: an edited configuration applies at the next keystroke.
    resolver = Resolver(DEFAULT_SETTINGS, Overrides())
    try:
        if include:
            card = is_card_file(path, include, workspace_root)
        else:
            config = resolver.config_for(path)
            if config is None or not config.include:
                card = is_card_file(path, DEFAULT_INCLUDE)
            else:
                card = is_card_file(path, config.include, config.root)
        if not card or resolver.excluded(path):
            return None, None
        return resolver.settings_for(path), None
    except ConfigError as exc:
        if not is_card_file(path, include or DEFAULT_INCLUDE, workspace_root):
            return None, None
        return DEFAULT_SETTINGS, str(exc)


def encoding(server: LanguageServer) -> str:
    """The position encoding agreed with the client (``utf-16`` unless it offered another)."""
    chosen = server.workspace.position_encoding
    return str(getattr(chosen, "value", chosen) or "utf-16")


def _settings(server: LanguageServer, state: ServerState, path: str) -> Settings | None:
    """The document's settings; a configuration error is shown once (not per keystroke)."""
    from lsprotocol import types

    root = server.workspace.root_path
    settings, error = document_settings(path, state.include, root)
    if error is not None and error != state.config_error:
        server.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=f"cardlint: {error}")
        )
    state.config_error = error
    return settings


def open_document(server: LanguageServer, uri: str) -> TextDocument | None:
    """The open document at ``uri``; ``None`` when the client has not opened it (or closed
    it while a check was pending): only the editor's text is linted, never the disk's."""
    from urllib.parse import unquote

    if unquote(uri) not in server.workspace.text_documents:
        return None
    return server.workspace.get_text_document(uri)


def lint(server: LanguageServer, state: ServerState, uri: str) -> Checked | None:
    """The check of the current text of an open card document (the last one again while the
    text and the settings are the same); ``None`` when it is not a card file."""
    document = open_document(server, uri)
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
