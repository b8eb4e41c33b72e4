"""Option declarations more than one command uses, and the sectioned help of ``check``.

Only click is imported here: ``cardlint --help`` loads this module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

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

SCHEMA_METAVAR = "auto|model-package|model-card|PATH"


def schema_option(help_text: str) -> Callable[[F], F]:
    """``--schema``: a vendored schema's name, ``auto``, or a schema file."""
    return click.option(
        "--schema",
        "schema",
        default="auto",
        show_default=True,
        metavar=SCHEMA_METAVAR,
        help=help_text,
    )


def config_options(config_help: str) -> Callable[[F], F]:
    """``--config PATH`` and ``--isolated``: which configuration files apply."""
    config = click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        metavar="PATH",
        help=config_help,
    )
    isolated = click.option("--isolated", is_flag=True, help="Ignore all configuration files.")

    def apply(function: F) -> F:
        return config(isolated(function))

    return apply


stdin_filename_option = click.option(
    "--stdin-filename", metavar="NAME", help="Name (and format) of the text read from -."
)


def given_options(ctx: click.Context) -> frozenset[str]:
    """The parameters the command line set (not left at their defaults)."""
    return frozenset(
        name
        for name in ctx.params
        if (source := ctx.get_parameter_source(name)) is not None
        and source.name not in ("DEFAULT", "DEFAULT_MAP")
    )


class SectionedCommand(click.Command):
    """A command whose help groups its options under headings, as ruff's help has them; an
    option named under none is listed under "Other options" (tests/test_cli_usage.py asserts
    that ``check`` has none)."""

    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __init__(
        self, *args: Any, sections: tuple[tuple[str, tuple[str, ...]], ...] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        help_option = self.get_help_option(ctx)
        records = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record is not None and param.name is not None and param is not help_option:
                records[param.name] = record
        placed: set[str] = set()
        for title, names in self.sections:
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
