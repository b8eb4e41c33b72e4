"""``cardlint render``: its options; the work is :func:`cardlint.render.command.render_command`."""

from __future__ import annotations

import click

from cardlint.cli.common import fail
from cardlint.cli.options import config_options, given_options, schema_option, stdin_filename_option


@click.command("render")
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
@schema_option("As for `cardlint check`.")
@config_options("Use this configuration file (no search for others).")
@stdin_filename_option
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
    from cardlint.cli.args import ConfigArguments
    from cardlint.render.command import RenderUnavailable, render_command
    from cardlint.running.config import ConfigError

    config = ConfigArguments(
        schema=schema,
        schema_given="schema" in given_options(click.get_current_context()),
        config_file=config_file,
        isolated=isolated,
    )
    try:
        render_command(card, output_file, output_format, config.resolver(), stdin_filename)
    except (UsageError, ConfigError, RenderUnavailable) as exc:
        fail(str(exc))
