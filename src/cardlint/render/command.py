"""``cardlint render``: check one card file the way ``cardlint check`` does and write its page."""

from __future__ import annotations

import os
import sys
from typing import IO

from cardlint.check.result import UsageError
from cardlint.render import RenderUnavailable, render_result, require_extra
from cardlint.running.config import Resolver

__all__ = ["RenderUnavailable", "render_command"]


def render_command(
    card: str, output_file: str | None, fmt: str, resolver: Resolver, stdin_filename: str | None
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
    """Write through a temporary file in the same directory, as ``cardlint check -o`` writes
    its report: a reader (or a crash) never sees half a page, and an existing page is
    replaced in one step, keeping its mode."""
    from cardlint.core.writing import replace_output

    def produce(stream: IO[bytes]) -> None:
        stream.write(data)

    try:
        replace_output(path, produce)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
