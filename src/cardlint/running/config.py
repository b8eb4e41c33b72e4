"""Configuration files: ``[tool.cardlint]`` in pyproject.toml, or cardlint.toml / .cardlint.toml.

Each linted file gets the configuration found nearest to it: its own directory first, then each
parent, stopping after the repository root (the directory that holds ``.git``). In one directory
``.cardlint.toml`` wins over ``cardlint.toml``, which wins over a pyproject.toml with a
``[tool.cardlint]`` table (ruff's order). ``--config PATH`` uses one file for every card and
``--isolated`` uses none. Command-line flags win over the file.

Example ``pyproject.toml``::

    [tool.cardlint]
    schema = "model-package"
    include = ["*model-card*.yaml", "cards/**/*.json"]
    exclude = ["legacy/*"]
    respect-gitignore = true
    extend-select = ["G"]
    ignore = ["Y001"]
    fail-on = "warning"

    [tool.cardlint.per-file-ignores]
    "drafts/*.yaml" = ["G"]

    [tool.cardlint.per-file-schema]
    "standalone/**" = "model-card"

    [tool.cardlint.severity]
    S004 = "warning"

    [tool.cardlint.options]
    placeholder-words = ["TODO", "TBD", "FIXME"]

A bad key or value is a :class:`ConfigError` naming the file and the key (exit code 2).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from cardlint.core.diagnostics import Severity
from cardlint.core.settings import EMPTY, Settings
from cardlint.core.text import describe
from cardlint.running.globs import glob_match

if TYPE_CHECKING:
    from cardlint.running.files import Include

CONFIG_NAMES = (".cardlint.toml", "cardlint.toml", "pyproject.toml")
"""Looked for in this order in each directory."""

REPO_MARKERS = (".git", ".hg")
"""A directory holding one of these is a repository root: discovery stops there."""

_MARKERS = frozenset((*CONFIG_NAMES, *REPO_MARKERS))

OPTION_KEYS: Mapping[str, str] = MappingProxyType({"placeholder-words": "placeholder_words"})
"""Rule options accepted in ``[tool.cardlint.options]`` and the name rules read them by
(``card.options["placeholder_words"]``). Every option is a list of strings."""

_LIST_KEYS = ("include", "exclude", "select", "ignore", "extend-select")
_TABLE_KEYS = ("per-file-ignores", "per-file-schema", "severity", "options")
_KEYS = ("schema", *_LIST_KEYS, *_TABLE_KEYS, "fail-on", "respect-gitignore")


class ConfigError(Exception):
    """A configuration file cannot be used: the message names the file and the key."""


class Config(NamedTuple):
    """One configuration file, checked. Globs are relative to ``root``, the file's directory."""

    path: str
    root: str
    schema: str | None = None
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    per_file_schema: tuple[tuple[str, str], ...] = ()
    severity: Mapping[str, Severity] = EMPTY
    options: Mapping[str, Any] = EMPTY
    fail_on: Severity | None = None
    respect_gitignore: bool | None = None

    def relative(self, path: str) -> str | None:
        """``path`` relative to the configuration's directory, ``/``-separated; ``None`` outside."""
        relative = os.path.relpath(os.path.abspath(path), self.root)
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            return None
        return relative.replace(os.sep, "/")

    def excludes(self, path: str) -> bool:
        return self.excluding(path) is not None

    def excluding(self, path: str) -> str | None:
        """The first ``exclude`` pattern that matches ``path``, or ``None``."""
        if not self.exclude:
            return None
        relative = self.relative(path)
        if relative is None:
            return None
        return next((p for p in self.exclude if glob_match(relative, p)), None)

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """The codes ``per-file-ignores`` switches off for ``path``."""
        if not self.per_file_ignores:
            return ()
        relative = self.relative(path)
        if relative is None:
            return ()
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if glob_match(relative, pattern):
                out.extend(codes)
        return tuple(out)

    def schema_for(self, path: str) -> str | None:
        """The schema ``per-file-schema`` gives ``path`` (the last pattern that matches wins,
        as in ``.gitattributes``), or ``None``."""
        if not self.per_file_schema:
            return None
        relative = self.relative(path)
        if relative is None:
            return None
        found = None
        for pattern, schema in self.per_file_schema:
            if glob_match(relative, pattern):
                found = schema
        return found


def find_config(directory: str) -> str | None:
    """The configuration file that applies in ``directory`` (searching upwards), or ``None``."""
    current = os.path.abspath(directory)
    while True:
        here = _config_in(current)
        if here is not None:
            return here or None
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _config_in(directory: str) -> str | None:
    """The configuration file in ``directory``; ``""`` when it holds none but is the top of a
    repository (the search stops there); ``None``: look in the parent."""
    for name in CONFIG_NAMES:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate) and (
            name != "pyproject.toml" or _has_cardlint_table(candidate)
        ):
            return candidate
    if any(os.path.exists(os.path.join(directory, m)) for m in REPO_MARKERS):
        return ""
    return None


def _read_toml(path: str) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8") from None


def _has_cardlint_table(path: str) -> bool:
    # A cheap look before parsing: most pyproject.toml files say nothing about cardlint.
    try:
        with open(path, "rb") as handle:
            if b"cardlint" not in handle.read():
                return False
    except OSError:
        return False
    tool = _read_toml(path).get("tool")
    return isinstance(tool, dict) and "cardlint" in tool


def load_config(path: str) -> Config:
    """Read and check one configuration file (a pyproject.toml uses ``[tool.cardlint]``)."""
    data = _read_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("cardlint", {}) if isinstance(tool, dict) else {}
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cardlint] must be a table")
    return _ConfigReader(path, _section(path)).read(table)


def _section(path: str) -> str:
    """How errors name the table of a configuration file."""
    return "[tool.cardlint] " if os.path.basename(path) == "pyproject.toml" else ""


def code_problem(raw: str, known: Iterable[str]) -> str | None:
    """What is wrong with a code or prefix given to select or ignore, or ``None``.

    >>> code_problem("S0O2", ["S002", "S004"])
    '"S0O2" is not a rule code or prefix; did you mean "S002"? (`cardlint rules` lists them)'
    """
    import difflib

    code = raw.strip().upper()
    codes = list(known)
    if code == "ALL" or (code and any(c.startswith(code) for c in codes)):
        return None
    prefixes = sorted({c[:n] for c in codes for n in range(1, len(c))})
    close = difflib.get_close_matches(code, codes + prefixes, n=1, cutoff=0.7)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'"{raw}" is not a rule code or prefix{hint} (`cardlint rules` lists them)'


class _ConfigReader:
    """Validates one configuration table; errors name the file, the table and the key.

    A plain class, not a dataclass: it is a helper, not a value, and this module is imported
    on every start, where each dataclass costs about a millisecond to create.
    """

    __slots__ = ("path", "section")

    def __init__(self, path: str, section: str) -> None:
        self.path = path
        self.section = section

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.path}: {self.section}{key}: {problem}")

    def read(self, table: dict[str, Any]) -> Config:
        from cardlint.core.text import suggest

        for key in table:
            if key not in _KEYS:
                guess, _ = suggest(str(key), _KEYS)
                hint = f' (did you mean "{guess}"?)' if guess else ""
                raise self.fail(str(key), f"unknown key{hint}; known keys: {', '.join(_KEYS)}")
        root = os.path.dirname(os.path.abspath(self.path))
        fail_on = table.get("fail-on")
        return Config(
            path=self.path,
            root=root,
            schema=self.schema(table, root),
            include=self.strings("include", table["include"]) if "include" in table else None,
            exclude=self.strings("exclude", table.get("exclude", [])),
            select=self.codes("select", table["select"]) if "select" in table else None,
            extend_select=self.codes("extend-select", table.get("extend-select", [])),
            ignore=self.codes("ignore", table.get("ignore", [])),
            per_file_ignores=self.per_file_ignores(table),
            per_file_schema=self.per_file_schema(table, root),
            severity=MappingProxyType(self.severities(table)),
            options=MappingProxyType(self.options(table)),
            fail_on=None if fail_on is None else self.severity("fail-on", fail_on),
            respect_gitignore=self.boolean("respect-gitignore", table.get("respect-gitignore")),
        )

    def boolean(self, key: str, value: Any) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(key, f"expected true or false, got {describe(value)}")

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"expected a list of strings, got {describe(value)}")
        return tuple(value)

    def codes(self, key: str, value: Any) -> tuple[str, ...]:
        from cardlint.rules import REGISTRY

        out = []
        for raw in self.strings(key, value):
            problem = code_problem(raw, REGISTRY)
            if problem:
                raise self.fail(key, problem)
            out.append(raw.strip().upper())
        return tuple(out)

    def schema(self, table: Mapping[str, Any], root: str) -> str | None:
        value = table.get("schema")
        return None if value is None else self.schema_value("schema", value, root)

    def schema_value(self, key: str, value: Any, root: str) -> str:
        """A schema name (``auto``, ``model-package``, ``model-card``) or a schema file,
        relative to the configuration's directory."""
        from cardlint.core.resources import SCHEMA_FILES

        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected a schema name or file, got {describe(value)}")
        if value in SCHEMA_FILES or value == "auto":
            return value
        if not value.lower().endswith((".json", ".yaml", ".yml")) and "/" not in value:
            names = ", ".join([*SCHEMA_FILES, "auto"])
            raise self.fail(key, f'unknown schema "{value}"; use one of {names} or a file')
        resolved = os.path.normpath(os.path.join(root, value))
        if not os.path.isfile(resolved):
            raise self.fail(key, f"no such schema file {resolved}")
        return resolved

    def per_file_schema(self, table: Mapping[str, Any], root: str) -> tuple[tuple[str, str], ...]:
        entries = self.table(table, "per-file-schema")
        return tuple(
            (pattern, self.schema_value(f'per-file-schema."{pattern}"', value, root))
            for pattern, value in entries.items()
        )

    def table(self, table: Mapping[str, Any], key: str) -> dict[str, Any]:
        value = table.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a table, got {describe(value)}")
        return value

    def per_file_ignores(self, table: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        entries = self.table(table, "per-file-ignores")
        return tuple(
            (pattern, self.codes(f'per-file-ignores."{pattern}"', codes))
            for pattern, codes in entries.items()
        )

    def severity(self, key: str, value: Any) -> Severity:
        try:
            return Severity(value)
        except ValueError:
            shown = f'"{value}"' if isinstance(value, str) else describe(value)
            raise self.fail(key, f"{shown} is not one of error, warning, info") from None

    def severities(self, table: Mapping[str, Any]) -> dict[str, Severity]:
        from cardlint.rules import REGISTRY

        out = {}
        for code, value in self.table(table, "severity").items():
            key = f"severity.{code}"
            if code.upper() not in REGISTRY:
                raise self.fail(key, f'"{code}" is not a rule code (`cardlint rules` lists them)')
            out[code.upper()] = self.severity(key, value)
        return out

    def options(self, table: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in self.table(table, "options").items():
            key = f"options.{name}"
            if name not in OPTION_KEYS:
                raise self.fail(key, f"unknown option; known options: {', '.join(OPTION_KEYS)}")
            out[OPTION_KEYS[name]] = self.strings(key, value)
        return out


class Overrides(NamedTuple):
    """What the command line (or a caller of the Python API) said; ``None`` (or empty) means it
    said nothing. ``extend_select`` and ``ignore`` add to the configuration's; ``severities``
    and ``options`` win over its entries for the same code or option; the rest replace it."""

    schema: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    respect_gitignore: bool | None = None
    severities: Mapping[str, Severity] = EMPTY
    options: Mapping[str, Any] = EMPTY

    @classmethod
    def of_settings(cls, settings: Settings) -> Overrides:
        """A settings object read as options given explicitly: each field that differs from
        its default overrides the configuration, as the same command-line option would.

        >>> Overrides.of_settings(Settings(schema="model-card", ignore=("G",)))[:4]
        ('model-card', None, (), ('G',))
        """
        default = Settings()
        return cls(
            schema=None if settings.schema == default.schema else settings.schema,
            select=None if settings.select == default.select else settings.select,
            extend_select=settings.extend_select,
            ignore=settings.ignore,
            fail_on=None if settings.fail_on == default.fail_on else settings.fail_on,
            severities=settings.severities,
            options=settings.options,
        )


def _shown(path: str) -> str:
    """A configuration file's path as the user knows it: relative when below the current
    directory."""
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


def _unmatched(config: str, key: str, pattern: str, what: str) -> str:
    where = "; a pattern with / is relative to the directory of that file" if "/" in pattern else ""
    return f'{config}: {key} pattern "{pattern}" matched no {what}{where}'


class Resolver:
    """The effective :class:`Settings` of each file: its configuration plus the command line.

    Holds per-run caches (directory → configuration, configuration → settings), so each
    directory is searched and each file parsed once per run.
    """

    def __init__(
        self,
        base: Settings,
        overrides: Overrides,
        *,
        config_file: str | None = None,
        isolated: bool = False,
    ) -> None:
        self.base = base
        self.overrides = overrides
        self.isolated = isolated
        self._fixed = load_config(config_file) if config_file and not isolated else None
        self._by_dir: dict[str, Config | None] = {}
        self._by_given: dict[str, Config | None] = {}
        self._by_file: dict[str, Config] = {}
        self._settings: dict[tuple[str | None, tuple[str, ...], str | None], Settings] = {}
        # What the file search used, for the patterns that matched nothing (see unmatched()).
        self._includes: dict[str, Include] = {}
        self._excluding: dict[str, set[str]] = {}
        self._searched: list[str] = []
        self.git_ignored_count = 0

    def config_for(self, path: str, *, is_dir: bool = False) -> Config | None:
        """The configuration that applies to ``path`` (a file or ``-``; a directory with
        ``is_dir``, which saves a ``stat`` per file on the hot path)."""
        if self.isolated:
            return None
        if self._fixed is not None:
            return self._fixed
        given = path if is_dir else os.path.dirname(path) or os.curdir
        if given in self._by_given:  # files of one directory share it: no abspath per file
            return self._by_given[given]
        config = self._by_given[given] = self._lookup(os.path.abspath(given))
        return config

    def _lookup(self, directory: str) -> Config | None:
        """:func:`find_config` with every directory on the way remembered: a search asks for
        each directory it enters, and each asks only its own (a lookup per directory up to
        the top made a deep tree cubic)."""
        visited = []
        current = directory
        while current not in self._by_dir:
            visited.append(current)
            here = _config_in(current)
            parent = os.path.dirname(current)
            if here is not None or parent == current:
                found = self._load(here) if here else None
                break
            current = parent
        else:
            found = self._by_dir[current]
        for level in visited:
            self._by_dir[level] = found
        return found

    def _load(self, path: str) -> Config:
        if path not in self._by_file:
            self._by_file[path] = load_config(path)
        return self._by_file[path]

    def include_for(self, directory: str) -> Sequence[str] | None:
        """The file-name patterns searched for in ``directory`` (``None``: the defaults)."""
        config = self.config_for(directory, is_dir=True)
        return None if config is None else config.include

    def include(self, directory: str) -> Include:
        """The patterns searched for in ``directory``, a directory to search (the
        :class:`cardlint.running.files.Plan` of the command line)."""
        from cardlint.running.files import DEFAULT_INCLUDE, Include

        self._searched.append(os.path.abspath(directory))
        config = self.config_for(directory, is_dir=True)
        if config is None or config.include is None:
            return Include(DEFAULT_INCLUDE)
        if config.path not in self._includes:
            self._includes[config.path] = Include(config.include, config.root)
        return self._includes[config.path]

    def entering(self, directory: str, names: Collection[str]) -> None:
        """A search lists ``directory``: when it holds no configuration file and is no
        repository's top, its configuration is its parent's, known without a ``stat``."""
        given = directory or os.curdir
        if given in self._by_given or any(n in _MARKERS for n in names):
            return
        parent = os.path.dirname(given.rstrip("/")) or os.curdir
        if parent != given and parent in self._by_given:
            config = self._by_given[given] = self._by_given[parent]
            self._by_dir.setdefault(os.path.abspath(given), config)

    def pruned(self, path: str) -> bool:
        """Whether a directory found while searching is excluded by its configuration."""
        return self.excluded(path)

    def respect_gitignore(self, directory: str) -> bool:
        if self.overrides.respect_gitignore is not None:
            return self.overrides.respect_gitignore
        config = self.config_for(directory, is_dir=True)
        return config is None or config.respect_gitignore is not False

    def excluded(self, path: str) -> bool:
        config = self.config_for(path)
        if config is None or not config.exclude:
            return False
        pattern = config.excluding(path)
        if pattern is not None:
            self._excluding.setdefault(config.path, set()).add(pattern)
        return pattern is not None

    def git_ignored(self, path: str) -> None:
        self.git_ignored_count += 1

    def searched_patterns(self) -> list[str]:
        """The include patterns of every directory searched, each once."""
        from cardlint.running.files import DEFAULT_INCLUDE

        out: list[str] = []
        for directory in self._searched:
            config = self.config_for(directory, is_dir=True)
            include = (
                DEFAULT_INCLUDE if config is None or config.include is None else config.include
            )
            out.extend(p for p in include if p not in out)
        return out

    def unmatched(self) -> list[str]:
        """Warnings for the ``include`` and ``exclude`` patterns that matched nothing in a
        search of their configuration's whole directory (a search of part of it proves
        nothing; files named on the command line are not a search)."""
        warnings = []
        for config in self._by_file.values():
            covered = any(
                config.root == root or config.root.startswith(root.rstrip(os.sep) + os.sep)
                for root in self._searched
            )
            if not covered:
                continue
            name = _shown(config.path)
            include = self._includes.get(config.path)
            if include is not None and config.root in self._searched:
                for pattern in config.include or ():
                    if pattern not in include.used:
                        warnings.append(_unmatched(name, "include", pattern, "file"))
            used = self._excluding.get(config.path, set())
            for pattern in config.exclude:
                if pattern not in used:
                    warnings.append(_unmatched(name, "exclude", pattern, "file or directory"))
        return warnings

    def settings_for(self, path: str) -> Settings:
        config = self.config_for(path)
        extra = config.ignores_for(path) if config is not None else ()
        schema = config.schema_for(path) if config is not None else None
        key = (config.path if config is not None else None, extra, schema)
        if key not in self._settings:
            self._settings[key] = self._combine(config, extra, schema)
        return self._settings[key]

    def _combine(
        self, config: Config | None, extra_ignores: tuple[str, ...], file_schema: str | None = None
    ) -> Settings:
        cli, base = self.overrides, self.base
        if config is None:
            config = Config(path="", root=os.curdir)
        if cli.select is not None:  # an explicit --select replaces the file's selection
            select, extend, ignore = cli.select, cli.extend_select, cli.ignore
        else:
            select = config.select if config.select is not None else base.select
            extend = config.extend_select + cli.extend_select
            # --extend-select X on the command line beats ignore = ["X"] in the file
            ignore = tuple(c for c in config.ignore if c not in cli.extend_select) + cli.ignore
        schema = cli.schema or file_schema or config.schema or base.schema
        if schema == file_schema:
            _check_schema_file(config, schema, "per-file-schema")
        elif schema == config.schema:
            _check_schema_file(config, schema, "schema")
        return base._replace(
            schema=schema,
            select=select,
            extend_select=extend,
            ignore=ignore + extra_ignores,
            severities=MappingProxyType({**base.severities, **config.severity, **cli.severities}),
            options=MappingProxyType({**base.options, **config.options, **cli.options}),
            fail_on=cli.fail_on or config.fail_on or base.fail_on,
        )


def _check_schema_file(config: Config, schema: str | None, key: str) -> None:
    """A schema file the configuration names (under ``key``) must load: one usage error naming
    both files, not an internal error for every card."""
    from cardlint.core.resources import SCHEMA_FILES
    from cardlint.schema.validation import SchemaError, load_schema

    if schema is None or schema in SCHEMA_FILES or schema == "auto":
        return
    try:
        load_schema(schema)
    except SchemaError as exc:
        raise _ConfigReader(config.path, _section(config.path)).fail(key, str(exc)) from None
