"""``cardlint render``: check one card file the way ``cardlint check`` does and write its page."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from typing import Any

from cardlint.check.result import UsageError
from cardlint.render import RenderUnavailable, render_result, require_extra

__all__ = ["RenderUnavailable", "render_command"]


def render_command(
    card: str, output_file: str | None, fmt: str, resolver: Any, stdin_filename: str | None
) -> None:
    """Render ``card`` (``-``: standard input) to ``output_file`` (``None`` or ``-``: stdout).

    Raises :class:`UsageError` for a file that cannot be read or written and
    :class:`RenderUnavailable` without the ``render`` extra."""
    require_extra()
    from cardlint.check.engine import check_bytes, check_file

    if card == "-":
        settings = resolver.settings_for(stdin_filename or "-")
        data = sys.stdin.buffer.read(settings.limits.max_file_size + 1)
        result = check_bytes(data, stdin_filename or "<stdin>", settings)
    else:
        if os.path.isdir(card):
            raise UsageError(f"{card}: is a directory; render takes one card file")
        settings = resolver.settings_for(card)
        try:
            result = check_file(card, settings)
        except OSError as exc:
            raise UsageError(f"{card}: {exc.strerror or exc}") from None
    page = render_result(result, "markdown" if fmt == "markdown" else "html", settings)
    data = page.encode("utf-8")
    if output_file in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    _write_whole(output_file, data)


def _write_whole(path: str, data: bytes) -> None:
    """Write through a temporary file in the same directory: a reader (or a crash) never sees
    half a page, and an existing page is replaced in one step."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".cardlint-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
