"""``cardlint check --fix`` and ``--diff``: fix each file, or show what would change.

Messages about fixes go to stderr; standard output carries a diff, or with ``- --fix`` the
fixed text read from standard input.
"""

from __future__ import annotations

import os
import sys

import click

from cardlint.check.result import FileResult
from cardlint.cli.args import FixArguments
from cardlint.core.text import one_line
from cardlint.fixing.fixer import FixOutcome, encode, fix_result, unified_diff, write_outcome
from cardlint.running.config import Resolver


def fix_files(
    results: list[FileResult],
    resolver: Resolver,
    raw: dict[int, bytes],
    fixing: FixArguments,
    *,
    quiet: bool,
) -> tuple[list[FileResult], bool]:
    """Fix each file (or with ``--diff`` print what would change); returns what remains to
    report and whether any fix is pending. ``raw``: the bytes read from standard input, by
    the index of their result. ``quiet`` drops the summary and the --unsafe-fixes hint, not
    what --show-fixes asked for nor a fix that could not be written."""
    remaining, pending, fixed, files, more = [], False, 0, 0, 0
    for index, result in enumerate(results):
        settings = resolver.settings_for(result.path)  # each file's own configuration
        outcome = fix_result(result, settings, unsafe=fixing.unsafe)
        if fixing.diff:
            pending = _show_diff(outcome, result, index in raw) or pending
        elif index in raw:
            _echo_fixed(outcome, result, raw[index])
        else:
            outcome = write_outcome(outcome, result, settings)
        if outcome.abandoned is not None:
            click.echo(one_line(f"{result.path}: {outcome.abandoned}"), err=True)
        fixed += len(outcome.applied)
        files += bool(outcome.applied)
        more += sum(
            1 for d in outcome.result.diagnostics if d.fix and d.fix.applicability == "unsafe"
        )
        if fixing.show:
            for d in outcome.applied:
                if d.fix is None:
                    continue
                where = f"{d.path}:{d.span.line}:{d.span.column}"
                click.echo("  " + one_line(f"{where}: {d.code} {d.fix.message}"), err=True)
        remaining.append(outcome.result)
    if fixed and not quiet:
        verb = "Would fix" if fixing.diff else "Fixed"
        noun = "finding" if fixed == 1 else "findings"
        click.echo(f"{verb} {fixed} {noun} in {files} file{'' if files == 1 else 's'}.", err=True)
    if more and not fixing.unsafe and not quiet:
        click.echo(f"{more} more fix{'' if more == 1 else 'es'} with --unsafe-fixes.", err=True)
    return remaining, pending


def _show_diff(outcome: FixOutcome, result: FileResult, from_stdin: bool) -> bool:
    """Print the diff of one file's fixes; whether a fix is pending (a change, a fix that
    could not be made, or one left out)."""
    if outcome.changed:
        label = result.path if from_stdin else os.path.relpath(result.path)
        patch = unified_diff(label, outcome.original, outcome.text, result.decoded)
        sys.stdout.buffer.write(patch.encode("utf-8", "surrogateescape"))
    for x002 in outcome.left_out:  # no report follows a diff: say it here
        where = f"{x002.path}:{x002.span.line}:{x002.span.column}"
        click.echo(one_line(f"{where}: {x002.code} {x002.message}"), err=True)
    return outcome.changed or outcome.abandoned is not None or bool(outcome.left_out)


def _echo_fixed(outcome: FixOutcome, result: FileResult, data: bytes) -> None:
    """Print the (fixed) text read from stdin; text that could not be read passes through."""
    out = sys.stdout.buffer
    if result.decoded is not None and result.document is not None:
        out.write(encode(outcome.text, result.decoded))
    else:
        out.write(data)
        import shutil

        shutil.copyfileobj(sys.stdin.buffer, out)  # the rest of an over-long input
    out.flush()
