"""The run of ``cardlint check``: plan and check the files, fix them, write the report.

Given the parsed options (:class:`cardlint.cli.args.CheckOptions`); returns the exit code.
"""

from __future__ import annotations

import os
import sys
from typing import IO

import click

from cardlint.check.result import FileResult
from cardlint.cli.args import CheckOptions, OutputArguments
from cardlint.cli.common import EXIT_FINDINGS, EXIT_OK, fail, warn
from cardlint.report import ReportOptions


def run_check(options: CheckOptions) -> int:
    """Check what ``options`` names; the exit code (a usage error exits at once, with 2)."""
    from cardlint.check.result import UsageError
    from cardlint.running.config import ConfigError
    from cardlint.running.plan import Batch, check_paths

    config, output, fixing = options.config, options.output, options.fixing
    _check_schema_file(config.schema)
    raw: dict[int, bytes] = {}
    try:
        resolver = config.resolver(options.limits)
        batch = Batch(
            jobs=options.performance.jobs,
            cache_dir=options.performance.cache_dir,
            # Documents of files with findings are kept only for what needs their text:
            # fixes, source lines, and the formats that count columns from the line's text
            # (editor: bytes; SARIF: UTF-16 units).
            documents=fixing.wanted
            or output.format in ("editor", "sarif")
            or _shows_source(output, _report_to_terminal(output, err=False)),
            progress=not output.quiet,
            own_process=True,
        )
        # No path: the current directory, its files named without "./" (as ruff names them).
        results = check_paths(
            list(options.files.paths) or [""],
            resolver,
            batch,
            stdin=sys.stdin.buffer,
            stdin_filename=options.files.stdin_filename,
            force_exclude=options.files.force_exclude,
            raw=raw,
        )
    except (UsageError, ConfigError) as exc:
        fail(str(exc))
    for warning in resolver.unmatched():
        warn(warning)
    if output.to_file:  # before anything is fixed or written
        assert output.output_file is not None
        _check_output_file(output.output_file, results)
    if fixing.wanted:
        from cardlint.cli.fixes import fix_files

        results, pending = fix_files(results, resolver, raw, fixing, quiet=output.quiet)
        if fixing.diff:
            return EXIT_FINDINGS if pending and not output.exit_zero else EXIT_OK
    if not results:
        if not output.quiet:
            notice = _nothing_found(resolver.searched_patterns(), resolver.git_ignored_count)
            click.echo(notice, err=True)
        # One line, not a notice plus "All checks passed (0 files checked)."; machine formats
        # still get their (empty) document.
        if output.format in ("text", "full", "concise", "editor"):
            return EXIT_OK
    err = fixing.fix and bool(raw)  # `- --fix`: stdout carries the fixed text
    tty = _report_to_terminal(output, err=err)
    failed = any(
        resolver.settings_for(r.path).fails(d.severity) for r in results for d in r.diagnostics
    )
    report = ReportOptions(
        color=output.format in ("text", "full") and tty and _colors_allowed(output.no_color),
        show_source=_shows_source(output, tty),
        # pre-commit (which sets PRE_COMMIT=1) runs a long file list as several cardlint
        # processes and prints their output together: a passing one says nothing, so that
        # "All checks passed" never follows a failing report.
        quiet=output.quiet or (not failed and os.environ.get("PRE_COMMIT") == "1"),
        verbose=output.verbose,
        fail_on=config.settings().fail_on,
    )
    _write(output, results, report, err=err)
    return EXIT_FINDINGS if failed and not output.exit_zero else EXIT_OK


def _check_schema_file(schema: str) -> None:
    """A schema file that cannot be used is one error, not one per file. A vendored name
    needs no check: building it here would cost a run answered from the cache about 50 ms."""
    from cardlint.core.resources import SCHEMA_FILES

    if schema == "auto" or schema in SCHEMA_FILES:
        return
    from cardlint.schema.validation import SchemaError, load_schema

    try:
        load_schema(schema)
    except SchemaError as exc:
        fail(str(exc))


def _nothing_found(patterns: list[str], git_ignored: int) -> str:
    """The notice for a run that found nothing: what was searched for, what git's ignore
    rules passed over, and how to widen it."""
    from cardlint.core.text import one_line
    from cardlint.running.files import describe_patterns

    if not patterns:  # only named files, all of them excluded
        return "cardlint: no model card files found"
    searched = one_line(describe_patterns(patterns))
    ignored = ""
    if git_ignored:
        these = (
            "1 file or directory that git ignores was"
            if git_ignored == 1
            else (f"{git_ignored:,} files or directories that git ignores were")
        )
        ignored = f"; {these} not searched (--no-respect-gitignore searches them)"
    return (
        f"cardlint: no model card files found; searched for {searched}{ignored}; to check "
        "other files, add patterns to include in the configuration or name the files"
    )


def _report_to_terminal(output: OutputArguments, err: bool) -> bool:
    """Whether the report goes to a terminal (stderr with ``- --fix``, else stdout)."""
    if output.to_file:
        return False
    stream = sys.stderr if err else sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def _colors_allowed(no_color: bool) -> bool:
    """--no-color, a non-empty NO_COLOR (no-color.org) or TERM=dumb turn colours off."""
    return not no_color and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _shows_source(output: OutputArguments, tty: bool) -> bool:
    """--show-source/--no-show-source when given; else on for ``full`` and on a terminal."""
    if output.show_source is not None:
        return output.show_source
    return output.format == "full" or tty


def _write(
    output: OutputArguments, results: list[FileResult], report: ReportOptions, err: bool
) -> None:
    from cardlint.report import write_report

    if not output.to_file:
        # With `- --fix` standard output carries the fixed text: the report goes to stderr.
        write_report(output.format, results, sys.stderr if err else sys.stdout, report)
        return
    import io

    from cardlint.core.writing import replace_output

    def produce(handle: IO[bytes]) -> None:
        stream = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        write_report(output.format, results, stream, report)
        stream.flush()
        stream.detach()

    assert output.output_file is not None
    try:
        replace_output(output.output_file, produce)
    except OSError as exc:
        fail(f"cannot write {output.output_file}: {exc.strerror or exc}")


def _check_output_file(output_file: str, results: list[FileResult]) -> None:
    """The report must not replace a card it reports on (by any of its names) nor be written
    through a symbolic link a repository may hold (``report.sarif -> ~/.bashrc``)."""
    import stat

    try:
        info = os.lstat(output_file)
    except OSError:
        return  # a new file, or one that cannot be written: said when writing
    if stat.S_ISLNK(info.st_mode):
        fail(f"the output file {output_file} is a symbolic link; give the path of a regular file")
    for result in results:
        try:
            other = os.stat(result.path)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            fail(
                f"the output file {output_file} is one of the input files; "
                "write the report somewhere else"
            )
