"""The parsed command line of ``cardlint check`` as one typed, frozen value.

Partitioned as ruff partitions its arguments: what overrides the configuration files
(:class:`ConfigArguments`, which ``cardlint render`` shares), which files to check, how to
report, what to fix, how fast, and the limits each file is checked under. Built once from
click's parameters by :meth:`CheckOptions.from_params`; nothing after that sees click.

Immutable named tuples rather than frozen dataclasses: this module is imported by every
``cardlint check``, where creating the dataclasses (and importing ``dataclasses``) cost a
one-card run about 4 ms of its 60.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from cardlint.core.diagnostics import Severity
from cardlint.core.settings import DEFAULT_LIMITS, Limits, Settings

if TYPE_CHECKING:
    from cardlint.running.config import Overrides, Resolver


class ConfigArguments(NamedTuple):
    """What the command line says over the configuration files; ``None`` (or empty): nothing.

    ``schema`` is always the schema to use where no configuration names one; ``schema_given``
    says whether the command line named it (then it wins over the configuration).
    """

    schema: str = "auto"
    schema_given: bool = False
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    respect_gitignore: bool | None = None
    config_file: str | None = None
    isolated: bool = False

    def settings(self, limits: Limits = DEFAULT_LIMITS) -> Settings:
        """The settings of a file no configuration file applies to."""
        return Settings(
            schema=self.schema,
            select=self.select or ("ALL",),
            extend_select=self.extend_select,
            ignore=self.ignore,
            limits=limits,
            fail_on=self.fail_on or Severity.ERROR,
        )

    def overrides(self) -> Overrides:
        from cardlint.running.config import Overrides

        return Overrides(
            schema=self.schema if self.schema_given else None,
            select=self.select,
            extend_select=self.extend_select,
            ignore=self.ignore,
            fail_on=self.fail_on,
            respect_gitignore=self.respect_gitignore,
        )

    def resolver(self, limits: Limits = DEFAULT_LIMITS) -> Resolver:
        """Per-file settings: configuration files, then what the command line said.
        Raises ``click.UsageError`` for ``--config`` with ``--isolated``, and
        :class:`~cardlint.running.config.ConfigError` for a file that cannot be used."""
        import click

        from cardlint.running.config import Resolver

        if self.config_file and self.isolated:
            raise click.UsageError("--config and --isolated cannot be used together")
        return Resolver(
            self.settings(limits),
            self.overrides(),
            config_file=self.config_file,
            isolated=self.isolated,
        )


class FileArguments(NamedTuple):
    """Which files: the paths given (none: the current directory), the name of standard
    input's text, and whether the configuration's ``exclude`` applies to named files too."""

    paths: tuple[str, ...] = ()
    stdin_filename: str | None = None
    force_exclude: bool = False


class OutputArguments(NamedTuple):
    """How to report; ``show_source`` ``None``: on a terminal and with ``full``."""

    format: str = "text"
    output_file: str | None = None
    quiet: bool = False
    verbose: bool = False
    no_color: bool = False
    show_source: bool | None = None
    exit_zero: bool = False

    @property
    def to_file(self) -> bool:
        """Whether the report goes to a file (not standard output)."""
        return self.output_file not in (None, "-")


class FixArguments(NamedTuple):
    """``--fix``, ``--unsafe-fixes``, ``--diff`` (fix nothing, show what would change),
    ``--show-fixes``."""

    fix: bool = False
    unsafe: bool = False
    diff: bool = False
    show: bool = False

    @property
    def wanted(self) -> bool:
        """Whether fixes are computed at all (``--fix`` or ``--diff``)."""
        return self.fix or self.diff


class PerformanceArguments(NamedTuple):
    """Worker processes (``None``: the CPU count) and the cache directory (``None``: no
    cache; ``""``: the user cache directory)."""

    jobs: int | None = None
    cache_dir: str | None = ""


class CheckOptions(NamedTuple):
    """Everything ``cardlint check`` was asked, by part."""

    config: ConfigArguments = ConfigArguments()
    files: FileArguments = FileArguments()
    output: OutputArguments = OutputArguments()
    fixing: FixArguments = FixArguments()
    performance: PerformanceArguments = PerformanceArguments()
    limits: Limits = DEFAULT_LIMITS

    @classmethod
    def from_params(cls, params: Mapping[str, Any], given: Collection[str]) -> CheckOptions:
        """The options from click's parameters of ``check``; ``given``: the names of those
        the command line set. An unknown rule code is a usage error (:func:`check_codes`)."""
        p = params
        select, extend_select, ignore = p["select"], p["extend_select"], p["ignore"]
        check_codes(select=select, extend_select=extend_select, ignore=ignore)
        fail_on = Severity.WARNING if p["strict"] else Severity(p["fail_on"])
        return cls(
            config=ConfigArguments(
                schema=p["schema"],
                schema_given="schema" in given,
                select=(parse_codes(select) or ("ALL",)) if "select" in given else None,
                extend_select=parse_codes(extend_select),
                ignore=parse_codes(ignore),
                fail_on=fail_on if "fail_on" in given or "strict" in given else None,
                respect_gitignore=p["respect_gitignore"],
                config_file=p["config_file"],
                isolated=p["isolated"],
            ),
            files=FileArguments(
                paths=tuple(p["paths"]),
                stdin_filename=p["stdin_filename"],
                force_exclude=p["force_exclude"],
            ),
            output=OutputArguments(
                format=p["output_format"],
                output_file=p["output_file"],
                quiet=p["quiet"],
                verbose=p["verbose"],
                no_color=p["no_color"],
                show_source=p["show_source"],
                exit_zero=p["exit_zero"],
            ),
            fixing=FixArguments(
                fix=p["fix"], unsafe=p["unsafe_fixes"], diff=p["show_diff"], show=p["show_fixes"]
            ),
            performance=PerformanceArguments(
                jobs=p["jobs"], cache_dir=None if p["no_cache"] else p["cache_dir"] or ""
            ),
            limits=Limits(max_file_size=p["max_file_size"], max_seconds=p["timeout"]),
        )


def parse_codes(values: Sequence[str]) -> tuple[str, ...]:
    """Codes given as repeated options, each a comma-separated list: ``("s002, Y", "G")``
    is ``("S002", "Y", "G")``."""
    out: list[str] = []
    for value in values:
        out.extend(part.strip().upper() for part in value.split(",") if part.strip())
    return tuple(out)


def check_codes(**options: Sequence[str]) -> None:
    """An unknown code or prefix is a usage error (a typo would silently select nothing)."""
    if not any(options.values()):
        return
    from cardlint.cli.common import fail
    from cardlint.rules import REGISTRY
    from cardlint.running.config import code_problem

    for name, values in options.items():
        for value in values:
            for raw in (part.strip() for part in value.split(",")):
                problem = code_problem(raw, REGISTRY) if raw else None
                if problem:
                    fail(f"--{name.replace('_', '-')}: {problem}")
