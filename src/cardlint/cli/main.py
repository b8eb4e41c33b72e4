"""The ``cardlint`` command line (click). Front end only: every check goes through the engine."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from cardlint.core.diagnostics import Severity
from cardlint.core.version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

# Kept here, not imported from cardlint.report, so that `cardlint --help` stays cheap;
# tests/test_report_lines.py checks the two lists agree.
FORMATS = (
    "text",
    "full",
    "concise",
    "editor",
    "json",
    "json-lines",
    "sarif",
    "github",
    "junit",
    "gitlab",
)


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        out.extend(part.strip().upper() for part in value.split(",") if part.strip())
    return tuple(out)


def _check_codes(**options: Sequence[str]) -> None:
    """An unknown code or prefix is a usage error (a typo would silently select nothing)."""
    if not any(options.values()):
        return
    from cardlint.rules import REGISTRY
    from cardlint.running.config import code_problem

    for name, values in options.items():
        for value in values:
            for raw in (part.strip() for part in value.split(",")):
                problem = code_problem(raw, REGISTRY) if raw else None
                if problem:
                    _fail(f"--{name.replace('_', '-')}: {problem}")


def _fail(message: str) -> None:
    from cardlint.core.text import one_line

    # One line whatever a path holds (line breaks, escape sequences, undecodable bytes).
    click.echo(f"cardlint: error: {one_line(message)}", err=True)
    sys.exit(EXIT_USAGE)


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


# `cardlint check --help` in sections, as ruff's help has them; an option named in none of
# them is listed under "Other options" (tests/test_cli_usage.py asserts there is none).
_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Rule selection", ("select", "extend_select", "ignore", "fail_on", "strict", "exit_zero")),
    (
        "File selection",
        (
            "schema",
            "config_file",
            "isolated",
            "force_exclude",
            "respect_gitignore",
            "stdin_filename",
        ),
    ),
    ("Output", ("output_format", "output_file", "quiet", "verbose", "no_color", "show_source")),
    ("Fixing", ("fix", "unsafe_fixes", "show_diff", "show_fixes")),
    ("Performance", ("jobs", "cache_dir", "no_cache")),
    ("Limits", ("max_file_size", "timeout")),
)


class _SectionedCommand(click.Command):
    """A command whose help groups its options under the headings of ``_SECTIONS``."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        help_option = self.get_help_option(ctx)
        records = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record is not None and param.name is not None and param is not help_option:
                records[param.name] = record
        placed: set[str] = set()
        for title, names in _SECTIONS:
            rows = [records[name] for name in names if name in records]
            placed.update(names)
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
        rest = [record for name, record in records.items() if name not in placed]
        help_record = help_option.get_help_record(ctx) if help_option is not None else None
        if help_record is not None:
            rest.append(help_record)
        with formatter.section("Other options" if len(rest) > 1 else "Options"):
            formatter.write_dl(rest)


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, "--version", prog_name="cardlint")
def main() -> None:
    """Lint Amazon SageMaker model cards (JSON and YAML) offline."""


@main.command(cls=_SectionedCommand)
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--schema",
    "schema",
    default="auto",
    show_default=True,
    metavar="auto|model-package|model-card|PATH",
    help="Vendored schema name, or a schema file (no $ref is ever fetched). auto: a "
    "standalone model card (fields only it has) is checked as model-card, else model-package; "
    "cards embedded in API documents and templates get the schema their host implies.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    metavar="PATH",
    help="Use this configuration file for every card (no search for others).",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the configuration's exclude to files named on the command line too.",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip files ignored by git (.gitignore, .git/info/exclude, the global excludes file) "
    "while searching directories; files named are always checked.  [default: respect]",
)
@click.option("--stdin-filename", metavar="NAME", help="Name (and format) of the text read from -.")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print every finding and nothing else: no summary, progress or fix summary.",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Name the schema used for each file (with --schema auto, the fields that chose it).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option("--no-color", is_flag=True, help="No colours (also: NO_COLOR environment variable).")
@click.option(
    "--show-source/--no-show-source",
    default=None,
    help="Show the source line and a caret under each finding (default: on a terminal, "
    "and always with --format full).",
)
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add codes or prefixes.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option("--strict", is_flag=True, help="Same as --fail-on warning.")
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=10 * 1024 * 1024,
    show_default=True,
    metavar="BYTES",
    help="Files larger than this are reported, not read.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=20.0,
    show_default=True,
    metavar="SECONDS",
    help="Stop checking a file after this long and report it (0: no limit).",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (with -: print fixed text).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print a diff of what --fix would do; write nothing."
)
@click.option("--show-fixes", is_flag=True, help="List the fixes applied.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes (default: the CPU count; used only when there are enough files).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    envvar="CARDLINT_CACHE_DIR",
    show_envvar=True,
    help="Where results of unchanged files are kept (default: the user cache directory).",
)
@click.option("--no-cache", is_flag=True, help="Check every file again; read and write no cache.")
def check(
    paths: tuple[str, ...],
    schema: str,
    output_format: str,
    output_file: str | None,
    config_file: str | None,
    isolated: bool,
    force_exclude: bool,
    respect_gitignore: bool | None,
    stdin_filename: str | None,
    quiet: bool,
    verbose: bool,
    exit_zero: bool,
    no_color: bool,
    show_source: bool | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    strict: bool,
    max_file_size: int,
    timeout: float,
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    show_fixes: bool,
    jobs: int | None,
    cache_dir: str | None,
    no_cache: bool,
) -> None:
    """Check model card files and directories (default: the current directory)."""
    from cardlint.check.result import UsageError
    from cardlint.core.settings import Limits, Settings
    from cardlint.report import ReportOptions
    from cardlint.running.config import ConfigError
    from cardlint.running.plan import Batch, check_paths

    _check_codes(select=select, extend_select=extend_select, ignore=ignore)
    settings = Settings(
        schema=schema,
        select=_codes(select) or ("ALL",),
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        limits=Limits(max_file_size=max_file_size, max_seconds=timeout),
        fail_on=Severity.WARNING if strict else Severity(fail_on),
    )
    from cardlint.core.resources import SCHEMA_FILES

    # A schema file that cannot be used is one error, not one per file. A vendored name needs
    # no check: building it here would cost a run answered from the cache about 50 ms.
    if schema != "auto" and schema not in SCHEMA_FILES:
        from cardlint.schema.validation import SchemaError, load_schema

        try:
            load_schema(schema)
        except SchemaError as exc:
            _fail(str(exc))
    raw: dict[int, bytes] = {}
    try:
        resolver = _resolver(settings, config_file, isolated, respect_gitignore)
        batch = Batch(
            jobs=jobs,
            cache_dir=None if no_cache else cache_dir or "",
            # Documents of files with findings are kept only for what needs their text
            # (SARIF counts columns in UTF-16 units, from the line's text).
            documents=fix
            or show_diff
            # editor: byte columns, SARIF: UTF-16 columns; both need the lines' text
            or output_format in ("editor", "sarif")
            or _shows_source(show_source, output_format, _report_to_terminal(output_file, False)),
            progress=not quiet,
            own_process=True,
        )
        # No path: the current directory, its files named without "./" (as ruff names them).
        results = check_paths(
            list(paths) or [""],
            resolver,
            batch,
            stdin=sys.stdin.buffer,
            stdin_filename=stdin_filename,
            force_exclude=force_exclude,
            raw=raw,
        )
    except (UsageError, ConfigError) as exc:
        _fail(str(exc))
    for warning in resolver.unmatched():
        _warn(warning)
    if output_file not in (None, "-"):  # before anything is fixed or written
        _check_output_file(output_file, results)
    if fix or show_diff:
        results, pending = _fix_files(
            results, resolver, raw, unsafe_fixes, show_diff, show_fixes, quiet
        )
        if show_diff:
            sys.exit(EXIT_FINDINGS if pending and not exit_zero else EXIT_OK)
    if not results:
        if not quiet:
            notice = _nothing_found(resolver.searched_patterns(), resolver.git_ignored_count)
            click.echo(notice, err=True)
        # One line, not a notice plus "All checks passed (0 files checked)."; machine formats
        # still get their (empty) document.
        if output_format in ("text", "full", "concise", "editor"):
            sys.exit(EXIT_OK)
    tty = _report_to_terminal(output_file, err=fix and bool(raw))
    failed = any(
        resolver.settings_for(r.path).fails(d.severity) for r in results for d in r.diagnostics
    )
    options = ReportOptions(
        color=output_format in ("text", "full") and tty and _colors_allowed(no_color),
        show_source=_shows_source(show_source, output_format, tty),
        # pre-commit (which sets PRE_COMMIT=1) runs a long file list as several cardlint
        # processes and prints their output together: a passing one says nothing, so that
        # "All checks passed" never follows a failing report.
        quiet=quiet or (not failed and os.environ.get("PRE_COMMIT") == "1"),
        verbose=verbose,
        fail_on=settings.fail_on,
    )
    _write(output_format, results, output_file, options, err=fix and bool(raw))
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


def _warn(message: str) -> None:
    from cardlint.core.text import one_line

    click.echo(f"cardlint: warning: {one_line(message)}", err=True)


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


def _report_to_terminal(output_file: str | None, err: bool) -> bool:
    """Whether the report goes to a terminal (stderr with ``- --fix``, else stdout)."""
    if output_file not in (None, "-"):
        return False
    stream = sys.stderr if err else sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def _colors_allowed(no_color: bool) -> bool:
    """--no-color, a non-empty NO_COLOR (no-color.org) or TERM=dumb turn colours off."""
    return not no_color and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _shows_source(show_source: bool | None, output_format: str, tty: bool) -> bool:
    """--show-source/--no-show-source when given; else on for ``full`` and on a terminal."""
    if show_source is not None:
        return show_source
    return output_format == "full" or tty


def _write(
    fmt: str, results: list[Any], output_file: str | None, options: Any, err: bool = False
) -> None:
    from cardlint.report import write_report

    if output_file in (None, "-"):
        # With `- --fix` standard output carries the fixed text: the report goes to stderr.
        write_report(fmt, results, sys.stderr if err else sys.stdout, options)
        return
    import io

    from cardlint.core.writing import replace_output

    def produce(handle: Any) -> None:
        stream = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        write_report(fmt, results, stream, options)
        stream.flush()
        stream.detach()

    try:
        replace_output(output_file, produce)
    except OSError as exc:
        _fail(f"cannot write {output_file}: {exc.strerror or exc}")


def _check_output_file(output_file: str, results: list[Any]) -> None:
    """The report must not replace a card it reports on (by any of its names) nor be written
    through a symbolic link a repository may hold (``report.sarif -> ~/.bashrc``)."""
    import stat

    try:
        info = os.lstat(output_file)
    except OSError:
        return  # a new file, or one that cannot be written: said when writing
    if stat.S_ISLNK(info.st_mode):
        _fail(f"the output file {output_file} is a symbolic link; give the path of a regular file")
    for result in results:
        try:
            other = os.stat(result.path)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            _fail(
                f"the output file {output_file} is one of the input files; "
                "write the report somewhere else"
            )


def _resolver(
    settings: Any, config_file: str | None, isolated: bool, respect_gitignore: bool | None
) -> Any:
    """Per-file settings: configuration files, then what the command line said explicitly."""
    from cardlint.running.config import Overrides, Resolver

    if config_file and isolated:
        raise click.UsageError("--config and --isolated cannot be used together")
    ctx = click.get_current_context()

    def given(name: str) -> bool:
        source = ctx.get_parameter_source(name)
        return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")

    overrides = Overrides(
        schema=settings.schema if given("schema") else None,
        select=settings.select if given("select") else None,
        extend_select=settings.extend_select,
        ignore=settings.ignore,
        fail_on=settings.fail_on if given("fail_on") or given("strict") else None,
        respect_gitignore=respect_gitignore,
    )
    return Resolver(settings, overrides, config_file=config_file, isolated=isolated)


def _fix_files(
    results: list[Any],
    resolver: Any,
    raw: dict[int, bytes],
    unsafe: bool,
    diff: bool,
    show: bool,
    quiet: bool,
) -> tuple[list[Any], bool]:
    """Fix each file (or with ``diff`` print what would change); returns what remains to
    report and whether any fix is pending. Messages about fixes go to stderr; ``quiet``
    drops the summary and the --unsafe-fixes hint, not what --show-fixes asked for nor a
    fix that could not be written."""
    from cardlint.core.text import one_line
    from cardlint.fixing.fixer import encode, fix_result, unified_diff, write_outcome

    remaining, pending, fixed, files, more = [], False, 0, 0, 0
    for index, result in enumerate(results):
        settings = resolver.settings_for(result.path)  # each file's own configuration
        outcome = fix_result(result, settings, unsafe=unsafe)
        if diff:
            if outcome.changed:
                label = os.path.relpath(result.path) if index not in raw else result.path
                patch = unified_diff(label, outcome.original, outcome.text, result.decoded)
                sys.stdout.buffer.write(patch.encode("utf-8", "surrogateescape"))
            pending = pending or outcome.changed or outcome.abandoned is not None
            for x002 in outcome.left_out:  # no report follows a diff: say it here
                where = f"{x002.path}:{x002.span.line}:{x002.span.column}"
                click.echo(one_line(f"{where}: {x002.code} {x002.message}"), err=True)
            pending = pending or bool(outcome.left_out)
        elif index in raw:
            _echo_fixed(outcome, result, raw[index], encode)
        else:
            outcome = write_outcome(outcome, result, settings)
        if outcome.abandoned is not None:
            click.echo(one_line(f"{result.path}: {outcome.abandoned}"), err=True)
        fixed += len(outcome.applied)
        files += bool(outcome.applied)
        more += sum(
            1 for d in outcome.result.diagnostics if d.fix and d.fix.applicability == "unsafe"
        )
        if show:
            for d in outcome.applied:
                if d.fix is None:
                    continue
                where = f"{d.path}:{d.span.line}:{d.span.column}"
                click.echo("  " + one_line(f"{where}: {d.code} {d.fix.message}"), err=True)
        remaining.append(outcome.result)
    if fixed and not quiet:
        verb = "Would fix" if diff else "Fixed"
        noun = "finding" if fixed == 1 else "findings"
        click.echo(f"{verb} {fixed} {noun} in {files} file{'' if files == 1 else 's'}.", err=True)
    if more and not unsafe and not quiet:
        click.echo(f"{more} more fix{'' if more == 1 else 'es'} with --unsafe-fixes.", err=True)
    return remaining, pending


def _echo_fixed(outcome: Any, result: Any, data: bytes, encode: Any) -> None:
    """Print the (fixed) text read from stdin; text that could not be read passes through."""
    out = sys.stdout.buffer
    if result.decoded is not None and result.document is not None:
        out.write(encode(outcome.text, result.decoded))
    else:
        out.write(data)
        import shutil

        shutil.copyfileobj(sys.stdin.buffer, out)  # the rest of an over-long input
    out.flush()


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def rules_command(output_format: str) -> None:
    """List every rule: code, name, default severity, fixable, summary."""
    import json

    from cardlint.rules import REGISTRY

    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fixable": r.fixable,
                "default_enabled": r.default_enabled,
                "summary": r.summary,
            }
            for r in REGISTRY.values()
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for r in REGISTRY.values():
        fix = "fix" if r.fixable else "   "
        opt_in = "" if r.default_enabled else "(opt-in) "
        click.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {fix}  {opt_in}{r.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of a rule."""
    from cardlint.rules import REGISTRY

    rule = REGISTRY.get(code.upper())
    if rule is None:
        _fail(f"unknown rule code {code!r}; `cardlint rules` lists them")
        return
    fix = "yes" if rule.fixable else "no"
    opt_in = "" if rule.default_enabled else "; opt-in: not selected by default"
    click.echo(
        f"{rule.code} {rule.name} (default severity: {rule.severity.value}; fix: {fix}{opt_in})\n"
    )
    click.echo(rule.doc)


@main.command("schema")
@click.argument("name", default="model-package", metavar="[model-package|model-card]")
@click.option(
    "--strict",
    is_flag=True,
    help="The corrected schema editors use: real limits, anchored lengths, metric shape by type.",
)
def schema_command(name: str, strict: bool) -> None:
    """Print a vendored JSON Schema (for editors' completion and live checks)."""
    import json

    from cardlint.core.resources import SCHEMA_FILES
    from cardlint.schema.export import exported_schema

    if name not in SCHEMA_FILES:
        _fail(f"unknown schema {name!r}; choose one of {', '.join(SCHEMA_FILES)}")
    if strict:  # the rules' corrections; the published schema needs no rule loaded
        from cardlint.rules import STRICT_PATCHES

        schema = exported_schema(name, STRICT_PATCHES)
    else:
        schema = exported_schema(name)
    click.echo(json.dumps(schema, indent=2, ensure_ascii=False))


@main.command("render")
@click.argument("card", type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the page to this file (replaced whole, never half-written) instead of stdout.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["html", "markdown"]),
    default="html",
    show_default=True,
    help="html: one self-contained page; markdown: for a CI job summary or a PR comment.",
)
@click.option(
    "--schema",
    default="auto",
    show_default=True,
    metavar="auto|model-package|model-card|PATH",
    help="As for `cardlint check`.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    metavar="PATH",
    help="Use this configuration file (no search for others).",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--stdin-filename", metavar="NAME", help="Name (and format) of the text read from -.")
def render_command(
    card: str,
    output_file: str | None,
    output_format: str,
    schema: str,
    config_file: str | None,
    isolated: bool,
    stdin_filename: str | None,
) -> None:
    """Show a card as an HTML or Markdown page, with its findings in place.

    Needs the render extra: pip install "cardlint[render]". Exit code 0 when the page is
    written, whatever the findings (`cardlint check` is the gate).
    """
    from cardlint.check.result import UsageError
    from cardlint.core.settings import Settings
    from cardlint.render.command import RenderUnavailable, render_command
    from cardlint.running.config import ConfigError

    try:
        resolver = _resolver(Settings(schema=schema), config_file, isolated, None)
        render_command(card, output_file, output_format, resolver, stdin_filename)
    except (UsageError, ConfigError, RenderUnavailable) as exc:
        _fail(str(exc))


@main.command("lsp")
@click.option("--stdio", is_flag=True, hidden=True, help="Accepted for clients that pass it.")
def lsp_command(stdio: bool) -> None:
    """Run the language server over stdio (needs: pip install 'cardlint[lsp]')."""
    from cardlint.lsp.server import LspUnavailable, serve

    try:
        sys.exit(serve())
    except LspUnavailable as exc:
        _fail(str(exc))


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
