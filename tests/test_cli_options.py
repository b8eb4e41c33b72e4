"""``cardlint check``'s parsed arguments as one typed value (cardlint.cli.args.CheckOptions)."""

from __future__ import annotations

from typing import Any

import click
import pytest

from cardlint.cli.args import CheckOptions, ConfigArguments, parse_codes
from cardlint.cli.check import check
from cardlint.cli.main import main
from cardlint.cli.options import given_options
from cardlint.core.diagnostics import Severity
from cardlint.core.settings import Limits, Settings
from cardlint.running.config import Overrides


class _Reads(dict[str, Any]):
    """A parameter mapping that notes which names were read."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)


def parse(*args: str) -> tuple[_Reads, frozenset[str]]:
    parent = click.Context(main, info_name="cardlint")
    ctx = check.make_context("check", list(args), parent=parent)
    return _Reads(ctx.params), given_options(ctx)


def options(*args: str) -> CheckOptions:
    return CheckOptions.from_params(*parse(*args))


def test_every_option_of_check_goes_into_the_options_object() -> None:
    params, given = parse()
    CheckOptions.from_params(params, given)
    assert params.read == {p.name for p in check.params}


def test_defaults() -> None:
    got = options()
    assert got.config == ConfigArguments()
    assert got.files.paths == ()
    assert (got.output.format, got.output.to_file, got.fixing.wanted) == ("text", False, False)
    assert (got.performance.jobs, got.performance.cache_dir) == (None, "")
    assert got.limits == Limits()
    assert got.config.settings(got.limits) == Settings()
    assert got.config.overrides() == Overrides()


def test_each_part_holds_its_options() -> None:
    got = options(
        "--select", "s002, y", "--select", "G", "--ignore", "G001", "--strict",
        "--schema", "model-card", "--no-respect-gitignore", "--config", "c.toml",
        "--format", "json", "-o", "r.json", "-q", "--diff", "--unsafe-fixes",
        "--no-cache", "-j", "3", "--max-file-size", "10", "--timeout", "0",
        "--force-exclude", "--stdin-filename", "x.yaml", "a", "b",
    )  # fmt: skip
    assert got.config == ConfigArguments(
        schema="model-card",
        schema_given=True,
        select=("S002", "Y", "G"),
        ignore=("G001",),
        fail_on=Severity.WARNING,
        respect_gitignore=False,
        config_file="c.toml",
    )
    assert (got.files.paths, got.files.stdin_filename, got.files.force_exclude) == (
        ("a", "b"),
        "x.yaml",
        True,
    )
    assert (got.output.format, got.output.output_file, got.output.quiet) == ("json", "r.json", True)
    assert got.output.to_file
    assert (got.fixing.diff, got.fixing.unsafe, got.fixing.fix, got.fixing.wanted) == (
        True,
        True,
        False,
        True,
    )
    assert (got.performance.jobs, got.performance.cache_dir) == (3, None)
    assert got.limits == Limits(max_file_size=10, max_seconds=0.0)


def test_only_what_the_command_line_said_overrides_the_configuration() -> None:
    # The defaults say nothing; the same values given explicitly override.
    assert options("--schema", "auto", "--fail-on", "error").config.overrides() == Overrides(
        schema="auto", fail_on=Severity.ERROR
    )
    assert options("--extend-select", "G").config.overrides() == Overrides(extend_select=("G",))


def test_options_are_frozen() -> None:
    got = options()
    with pytest.raises(AttributeError):
        got.output.quiet = True  # type: ignore[misc]


def test_parse_codes_splits_commas_and_upper_cases() -> None:
    assert parse_codes(["s002, y", "", "G,"]) == ("S002", "Y", "G")
