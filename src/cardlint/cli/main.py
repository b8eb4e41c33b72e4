"""The ``cardlint`` command line (click): the command group and the entry point.

Front end only: every check goes through the engine. Each command lives in its own module
(:mod:`cardlint.cli.check`, :mod:`cardlint.cli.rules`, :mod:`cardlint.cli.render`); options
more than one command takes are declared once, in :mod:`cardlint.cli.options`. Importing
this module imports click and the commands' declarations, nothing of the checks: ``cardlint
--help`` stays cheap.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from cardlint.cli.check import check
from cardlint.cli.common import EXIT_USAGE, fail
from cardlint.cli.options import FORMATS
from cardlint.cli.render import render_command
from cardlint.cli.rules import explain, rules_command, schema_command
from cardlint.core.version import __version__

__all__ = ["FORMATS", "main", "run"]


class _Group(click.Group):
    """The top-level help lists each command's whole one-line summary, not a cut one."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, "--version", prog_name="cardlint")
def main() -> None:
    """Lint Amazon SageMaker model cards (JSON and YAML) offline."""


@click.command("lsp")
@click.option("--stdio", is_flag=True, hidden=True, help="Accepted for clients that pass it.")
def lsp_command(stdio: bool) -> None:
    """Run the language server over stdio (needs: pip install 'cardlint[lsp]')."""
    from cardlint.lsp.server import LspUnavailable, serve

    try:
        sys.exit(serve())
    except LspUnavailable as exc:
        fail(str(exc))


for _command in (check, rules_command, explain, schema_command, render_command, lsp_command):
    main.add_command(_command)


def _exit_on_signals(received: list[int]) -> None:
    """Ctrl-C, SIGTERM and SIGHUP end the run by the ordinary way out, so that temporary
    files are removed and worker processes stopped, with the shell's exit codes: 128 plus the
    signal's number (130, 143, 129). A signal the process was started ignoring stays ignored
    (``nohup``, a background job). Each signal is also noted in ``received``: where Python
    ignores the exception (a finaliser, a callback), the exit code still says so."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        received.append(signum)
        raise SystemExit(128 + signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) != signal.SIG_IGN:
            signal.signal(number, stop)


def run() -> None:
    """Entry point that turns an unexpected exception into one line and exit code 2."""
    received: list[int] = []
    _exit_on_signals(received)
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        if received:
            sys.exit(128 + received[0])
        raise
    except Exception as exc:  # pragma: no cover - last resort
        if os.environ.get("CARDLINT_DEBUG"):
            raise
        from cardlint.core.text import one_line

        click.echo(one_line(f"cardlint: internal error: {type(exc).__name__}: {exc}"), err=True)
        sys.exit(EXIT_USAGE)
