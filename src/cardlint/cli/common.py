"""What every command of the command line shares: exit codes and the one-line messages."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def fail(message: str) -> NoReturn:
    """``cardlint: error: MESSAGE`` on stderr, exit code 2 (a usage error)."""
    from cardlint.core.text import one_line

    # One line whatever a path holds (line breaks, escape sequences, undecodable bytes).
    click.echo(f"cardlint: error: {one_line(message)}", err=True)
    sys.exit(EXIT_USAGE)


def warn(message: str) -> None:
    """``cardlint: warning: MESSAGE`` on stderr; the run goes on."""
    from cardlint.core.text import one_line

    click.echo(f"cardlint: warning: {one_line(message)}", err=True)
