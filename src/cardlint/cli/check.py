"""``cardlint check``: its options, declared in the sections its help shows them in.

Only click is imported here (``cardlint --help`` loads this module); the run itself is
:func:`cardlint.cli.checking.run_check`, given the parsed options as one typed value.
"""

from __future__ import annotations

from typing import Any

import click

from cardlint.cli.options import (
    FORMATS,
    SectionedCommand,
    config_options,
    given_options,
    schema_option,
    stdin_filename_option,
)

# `cardlint check --help` in sections, as ruff's help has them, the same parts as the
# options object (cardlint.cli.args.CheckOptions); tests/test_cli_usage.py asserts every
# option is in one.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
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


@click.command(cls=SectionedCommand, sections=SECTIONS)
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@schema_option(
    "Vendored schema name, or a schema file (no $ref is ever fetched). auto: a "
    "standalone model card (fields only it has) is checked as model-card, else model-package; "
    "cards embedded in API documents and templates get the schema their host implies."
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
@config_options("Use this configuration file for every card (no search for others).")
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
@stdin_filename_option
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
def check(**params: Any) -> None:
    """Check model card files and directories (default: the current directory)."""
    import sys

    from cardlint.cli.args import CheckOptions
    from cardlint.cli.checking import run_check

    options = CheckOptions.from_params(params, given_options(click.get_current_context()))
    sys.exit(run_check(options))
