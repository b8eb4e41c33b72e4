"""The result cache: unchanged files are not checked again.

An entry maps a file (its path as given, which also decides its format) and the hash of its
bytes to the diagnostics cardlint reported for them. It also keeps the file's ``stat`` data
(size, modification and change times in nanoseconds, inode) when they are safe to trust: a later
run whose ``stat`` matches them exactly takes the entry without reading the file. Safe means
git's rule against "racily clean" files: both times were more than :data:`RACY_WINDOW_NS` in
the past when the file was looked at, so any later write gives it a different time (even on
file systems that keep times to 2 seconds), and the change time, which no program can set,
catches a write whose modification time was put back. A file changed more recently is hashed
again until its times are old enough. Entries live in one JSON file per
*fingerprint*, which covers everything else a file's diagnostics depend on:

- cardlint's version and its code (every module's and vendored schema's size and mtime, so
  an edited rule in a development install is a new fingerprint too);
- the installed parsers and validators (PyYAML, python-jsonschema, referencing,
  jsonschema-rs) and the Python version;
- the schema (a schema file given by path is hashed by content);
- the effective settings (every field of :class:`~cardlint.core.settings.Settings`).

The fingerprint is kept whole in its file and compared on reading (the file is named by a
checksum of it), so an entry is never stale: change any input and the lookup misses. Writes
go to a temporary file in the cache directory and replace the old one atomically; a run
merges entries written meanwhile by another run, and a lost race only loses entries, never
corrupts them.

The directory is ``--cache-dir``, else ``CARDLINT_CACHE_DIR``, else the user cache directory
(``$XDG_CACHE_HOME/cardlint`` or ``~/.cache/cardlint``; ``~/Library/Caches/cardlint`` on
macOS; ``%LOCALAPPDATA%\\cardlint\\Cache`` on Windows). ``--no-cache`` turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import zlib
from collections.abc import Iterator
from stat import S_ISREG
from typing import Any, NamedTuple, TypeGuard

from cardlint.core.diagnostics import (
    Diagnostic,
    Edit,
    Fix,
    FixIntent,
    QuoteScalar,
    RemoveProperty,
    RenameKey,
    ReplaceValue,
    Severity,
)
from cardlint.core.settings import Settings
from cardlint.core.span import Span
from cardlint.core.version import __version__

FORMAT = 2
"""Bumped when the layout of a cache file changes (2: entries keep ``stat`` data; the file
keeps its whole fingerprint)."""

RACY_WINDOW_NS = 2_000_000_000
"""``stat`` data is trusted only when the file's times are older than this (FAT keeps 2 s)."""

MAX_ENTRIES = 100_000
"""Past this many entries a cache file keeps only the files of the current run."""

MAX_FILES = 16
"""Cache files (fingerprints) kept in the directory; the least recently written go first."""

_DEPENDENCIES = ("yaml", "jsonschema", "referencing", "jsonschema_rs", "jsonschema_specifications")

# The fields the encoder below knows. If a value type gains a field, caching switches itself
# off (see _encodable) rather than drop it silently.
_KNOWN_FIELDS: dict[Any, tuple[str, ...]] = {
    Diagnostic: ("path", "code", "severity", "message", "pointer", "span", "fix", "fix_intent"),
    Fix: ("applicability", "message", "edits"),
    FixIntent: ("applicability", "message", "actions"),
    Edit: ("span", "content"),
    Span: ("line", "column", "end_line", "end_column", "start", "end"),
}


# Paths are strings joined with os.path: pathlib (with the urllib.parse and ipaddress it
# imports) would be most of what a run answered from the cache imports.


def default_directory() -> str:
    """The user cache directory for cardlint on this platform."""
    home = os.path.expanduser("~")
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
        return os.path.join(base, "cardlint", "Cache")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "cardlint")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    return os.path.join(base, "cardlint")


def resolve_directory(option: str | None) -> str:
    """``--cache-dir``, else ``CARDLINT_CACHE_DIR``, else :func:`default_directory`."""
    return option or os.environ.get("CARDLINT_CACHE_DIR") or default_directory()


def digest(data: bytes) -> str:
    """The content hash of a file's bytes."""
    import hashlib  # a run whose files all match their stat data hashes nothing

    return hashlib.blake2b(data, digest_size=20).hexdigest()


def stat_key(info: os.stat_result, now_ns: int) -> list[int] | None:
    """What a later run may compare instead of reading the file, or None when the file was
    changed too recently (within :data:`RACY_WINDOW_NS` of ``now_ns``, taken *before* ``info``)
    for equal ``stat`` data to prove equal bytes."""
    if max(info.st_mtime_ns, info.st_ctime_ns) >= now_ns - RACY_WINDOW_NS:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def base_stamp() -> str:
    """What every file's diagnostics depend on besides its settings: cardlint's version and
    code, the vendored schemas, the parsers and validators installed, the Python version."""
    parts: list[str] = [f"format {FORMAT}", __version__, sys.version]
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # cardlint/
    from cardlint.core.resources import schema_dir

    for root in (package, schema_dir()):
        parts.extend(_tree_stamp(root))
    parts.extend(_dependency_stamps())
    return "\n".join(parts)


def fingerprint(base: str, settings: Settings) -> str:
    """Everything besides a file's bytes and path that its diagnostics depend on, as text.

    The text itself is stored in its cache file and compared when the file is read, so two
    fingerprints can never share entries; the file's name only needs to be a checksum
    (:func:`file_name`).
    """
    parts = [base, _schema_stamp(settings.schema)]
    parts.extend(f"{name}={value!r}" for name, value in settings._asdict().items())
    return "\n".join(parts)


def file_name(fingerprint_text: str) -> str:
    """The cache file of a fingerprint. Two fingerprints with one name (a checksum collision)
    only take turns in the file: each finds the other's fingerprint there and starts empty."""
    data = fingerprint_text.encode("utf-8", "surrogatepass")
    return f"v{FORMAT}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.json"


def _tree_stamp(root: str) -> Iterator[str]:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json", ".yaml")):
                info = os.stat(os.path.join(directory, name))
                yield f"{directory}/{name} {info.st_size} {info.st_mtime_ns}"


def _dependency_stamps() -> Iterator[str]:
    from importlib.util import find_spec

    for name in _DEPENDENCIES:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin is None or not os.path.exists(origin):
            yield f"{name} absent"
            continue
        # An upgrade rewrites the package, and with it the directory holding its metadata.
        info = os.stat(os.path.dirname(origin))
        yield f"{name} {origin} {info.st_mtime_ns} {os.stat(origin).st_mtime_ns}"


def _schema_stamp(schema: str) -> str:
    if os.path.isfile(schema):
        try:
            with open(schema, "rb") as handle:
                return f"schema file {schema} {digest(handle.read())}"
        except OSError:
            return f"schema file {schema} unreadable"
    return f"schema {schema}"  # vendored: covered by the code stamp


class Cache:
    """Cached diagnostics under ``directory``: one file of entries per fingerprint, each loaded
    on first use and saved once at the end of the run."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = os.fspath(directory)
        self.base = base_stamp()
        self.buckets: dict[str, _Bucket] = {}
        # Settings objects are not hashable; the resolver hands out one object per directory,
        # so remembering fingerprints by identity (keeping the object alive) is enough.
        self.known: dict[int, tuple[Settings, _Bucket]] = {}

    def _bucket(self, settings: Settings) -> _Bucket:
        found = self.known.get(id(settings))
        if found is not None and found[0] is settings:
            return found[1]
        key = fingerprint(self.base, settings)
        bucket = self.buckets.get(key)
        if bucket is None:
            path = os.path.join(self.directory, file_name(key))
            bucket = self.buckets[key] = _Bucket(path, key)
        self.known[id(settings)] = (settings, bucket)
        return bucket

    def knows(self, path: str, settings: Settings) -> bool:
        """Whether there is an entry for ``path`` at all (without one, reading the file to
        look it up would be wasted)."""
        return _well_formed(self._bucket(settings).entries.get(path))

    def lookup_unchanged(self, path: str, settings: Settings) -> Cached | None:
        """What was stored for ``path`` if its ``stat`` data are exactly those of a trusted
        entry (see the module docstring); None means "read and hash it"."""
        entry = self._bucket(settings).entries.get(path)
        if not _well_formed(entry) or entry[3] is None:
            return None
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
        if [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino] != entry[3]:
            return None
        return _decode_entry(path, entry)

    def lookup(
        self, path: str, data: bytes, settings: Settings, stat: list[int] | None = None
    ) -> Cached | None:
        """What was stored for ``path`` with exactly these bytes, or None.

        ``stat``: the file's :func:`stat_key` as it was read; a hit remembers it, so that the
        next run need not read the file.
        """
        bucket = self._bucket(settings)
        entry = bucket.entries.get(path)
        if not _well_formed(entry) or entry[0] != digest(data):
            return None
        found = _decode_entry(path, entry)
        if found is not None and stat is not None and stat != entry[3]:
            bucket.fresh[path] = bucket.entries[path] = [*entry[:3], stat]
        return found

    def store(
        self,
        path: str,
        content_digest: str,
        settings: Settings,
        schema: str | None,
        diagnostics: tuple[Diagnostic, ...],
        stat: list[int] | None = None,
        schema_chosen_by: tuple[str, ...] = (),
    ) -> None:
        """Remember the diagnostics of ``path`` whose bytes hash to ``content_digest`` (and
        whose :func:`stat_key`, taken before the read, is ``stat``)."""
        encoded = _encodable(path, diagnostics)
        if encoded is not None:
            # The schema alone, or with the fields that chose it: [schema, pointer, ...].
            named = [schema, *schema_chosen_by] if schema_chosen_by else schema
            self._bucket(settings).fresh[path] = [content_digest, named, encoded, stat]

    def save(self) -> None:
        """Write new entries, merged with what other runs wrote meanwhile. Never raises."""
        for bucket in self.buckets.values():
            bucket.save()
        _prune(self.directory, keep={b.path for b in self.buckets.values()})


class _Bucket:
    """The entries of one fingerprint."""

    def __init__(self, path: str, fingerprint_text: str) -> None:
        self.path = path
        self.fingerprint = fingerprint_text
        self.entries: dict[str, Any] = _read(path, fingerprint_text)
        self.fresh: dict[str, list[Any]] = {}

    def save(self) -> None:
        if not self.fresh:
            return
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            merged = _read(self.path, self.fingerprint)
            merged.update(self.fresh)
            if len(merged) > MAX_ENTRIES:
                merged = dict(self.fresh)
            content = {"format": FORMAT, "fingerprint": self.fingerprint, "files": merged}
            _write_atomically(self.path, content)
        except (OSError, ValueError):
            return  # a read-only or full disk makes the next run slower, not wrong


MAX_CACHE_BYTES = 128 * 1024 * 1024
"""A cache file larger than this is not read (the run checks its files again)."""


def _read(path: str, fingerprint_text: str) -> dict[str, Any]:
    data = _read_regular(path, MAX_CACHE_BYTES)
    if data is None:
        return {}
    try:
        loaded = json.loads(data)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(loaded, dict) or loaded.get("format") != FORMAT:
        return {}
    if loaded.get("fingerprint") != fingerprint_text:
        return {}
    files = loaded.get("files")
    return files if isinstance(files, dict) else {}


def _read_regular(path: str, limit: int) -> bytes | None:
    """The bytes of the regular file at ``path`` if it holds at most ``limit``; else None.

    A damaged cache only costs time: a FIFO put in a cache file's place is opened without
    blocking and refused, as is a link to a device (``/dev/zero`` never ends) or an
    over-long file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return None if size > limit else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write_atomically(path: str, content: dict[str, Any]) -> None:
    """Replace the cache file at ``path`` whole (:func:`cardlint.core.writing.replace_output`):
    readable by the user alone when new, and not synced to disk, as a lost cache costs only
    time. ASCII escapes keep lone surrogates (which UTF-8 cannot encode) intact."""
    from cardlint.core.writing import replace_output

    data = json.dumps(content, separators=(",", ":")).encode("ascii")
    replace_output(path, lambda stream: stream.write(data), new_mode=0o600, sync=False)


def _prune(directory: str, keep: set[str]) -> None:
    try:
        names = os.listdir(directory)
    except OSError:
        return
    prefix = f"v{FORMAT}-"
    ours = [
        os.path.join(directory, n) for n in names if n.startswith(prefix) and n.endswith(".json")
    ]
    for old in sorted(ours, key=_mtime, reverse=True)[MAX_FILES:]:
        if old not in keep:
            with contextlib.suppress(OSError):
                os.unlink(old)


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


# -- encoding diagnostics as JSON ----------------------------------------------------------


def _strings(value: Any) -> bool:
    """A schema stored with the fields that chose it: a non-empty list of strings."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _well_formed(entry: Any) -> TypeGuard[list[Any]]:
    """An entry's frame: ``[digest, schema, diagnostics, stat data or None]``, the schema being
    None, a name, or ``[name, field pointer, ...]``."""
    return (
        isinstance(entry, list)
        and len(entry) == 4
        and isinstance(entry[0], str)
        and (entry[1] is None or isinstance(entry[1], str) or _strings(entry[1]))
        and isinstance(entry[2], list)
        and (entry[3] is None or _ints(entry[3], 4, minimum=-(1 << 63)))
    )


class Cached(NamedTuple):
    """What the cache answers for a file: the schema, the diagnostics, and the fields that
    made ``--schema auto`` choose the schema."""

    schema: str | None
    diagnostics: tuple[Diagnostic, ...]
    schema_chosen_by: tuple[str, ...] = ()


def _decode_entry(path: str, entry: list[Any]) -> Cached | None:
    """The entry's schema name (with the fields that chose it) and diagnostics, or None when
    any field is not of its type (a damaged or hand-edited cache is a miss, never a crash
    further on)."""
    try:
        named = entry[1]
        if isinstance(named, list):  # [schema, pointer, ...]: see Cache.store
            schema, chosen_by = named[0], tuple(named[1:])
        else:
            schema, chosen_by = named, ()
        return Cached(schema, tuple(_decode(path, item) for item in entry[2]), chosen_by)
    except (TypeError, ValueError, KeyError, IndexError, RecursionError):
        return None


def _encodable(path: str, diagnostics: tuple[Diagnostic, ...]) -> list[Any] | None:
    """The diagnostics as JSON values, or None when they would not come back identical."""
    for kind, names in _KNOWN_FIELDS.items():
        if kind._fields != names:
            return None
    try:
        encoded = [_encode(d) for d in diagnostics]
        # Round-trip through JSON text: a value JSON would change (a tuple, a non-string
        # key, a float subclass) makes the entry unusable, so it is not stored.
        again = json.loads(json.dumps(encoded))
        decoded = tuple(_decode(path, item) for item in again)
    except (TypeError, ValueError, KeyError, IndexError, RecursionError):
        return None
    if decoded != diagnostics:  # fix intents included
        return None
    return again


def _span(span: Span) -> list[int]:
    return [span.line, span.column, span.end_line, span.end_column, span.start, span.end]


def _encode(d: Diagnostic) -> list[Any]:
    fix = None
    if d.fix is not None:
        fix = [
            d.fix.applicability,
            d.fix.message,
            [[_span(e.span), e.content] for e in d.fix.edits],
        ]
    intent = None
    if d.fix_intent is not None:
        intent = [
            d.fix_intent.applicability,
            d.fix_intent.message,
            [_encode_action(a) for a in d.fix_intent.actions],
        ]
    return [d.code, d.severity.value, d.message, d.pointer, _span(d.span), fix, intent]


def _encode_action(action: Any) -> list[Any]:
    if isinstance(action, ReplaceValue):
        return ["replace", action.pointer, action.value]
    if isinstance(action, QuoteScalar):
        return ["quote-key" if action.key else "quote", action.pointer]
    if isinstance(action, RenameKey):
        return ["rename", action.pointer, action.new_key]
    if isinstance(action, RemoveProperty):
        return ["remove", action.pointer, None if action.span is None else _span(action.span)]
    raise TypeError(f"unknown fix action {type(action).__name__}")


def _decode(path: str, item: list[Any]) -> Diagnostic:
    """One diagnostic back from its JSON form; ValueError when a field has the wrong type."""
    _expect(isinstance(item, list) and len(item) == 7)
    code, severity, message, pointer, span, fix, intent = item
    _expect(all(isinstance(x, str) for x in (code, severity, message, pointer)))
    return Diagnostic(
        path=path,
        code=code,
        severity=Severity(severity),
        message=message,
        pointer=pointer,
        span=_decode_span(span),
        fix=None if fix is None else _decode_fix(fix),
        fix_intent=None if intent is None else _decode_intent(intent),
    )


def _expect(condition: bool) -> None:
    if not condition:
        raise ValueError("damaged cache entry")


def _ints(value: Any, count: int, minimum: int = 0) -> bool:
    return (
        isinstance(value, list)
        and len(value) == count
        and all(type(x) is int and x >= minimum for x in value)
    )


def _decode_span(value: Any) -> Span:
    _expect(_ints(value, 6) and value[0] >= 1 and value[1] >= 1 and value[2] >= value[0])
    _expect(value[3] >= 1 and value[5] >= value[4])
    return Span(*value)


def _applicability(value: Any) -> Any:
    _expect(value in ("safe", "unsafe"))
    return value


def _decode_fix(value: Any) -> Fix:
    _expect(isinstance(value, list) and len(value) == 3 and isinstance(value[1], str))
    _expect(isinstance(value[2], list))
    edits = []
    for edit in value[2]:
        _expect(isinstance(edit, list) and len(edit) == 2 and isinstance(edit[1], str))
        edits.append(Edit(_decode_span(edit[0]), edit[1]))
    return Fix(_applicability(value[0]), value[1], tuple(edits))


def _decode_intent(value: Any) -> FixIntent:
    _expect(isinstance(value, list) and len(value) == 3 and isinstance(value[1], str))
    _expect(isinstance(value[2], list))
    actions = tuple(_decode_action(a) for a in value[2])
    return FixIntent(_applicability(value[0]), value[1], actions)


def _decode_action(action: Any) -> Any:
    _expect(isinstance(action, list) and len(action) >= 2 and isinstance(action[1], str))
    kind, pointer = action[0], action[1]
    if kind == "replace" and len(action) == 3:
        return ReplaceValue(pointer, action[2])
    if kind in ("quote", "quote-key") and len(action) == 2:
        return QuoteScalar(pointer, kind == "quote-key")
    if kind == "rename" and len(action) == 3 and isinstance(action[2], str):
        return RenameKey(pointer, action[2])
    if kind == "remove" and len(action) == 3:
        return RemoveProperty(pointer, None if action[2] is None else _decode_span(action[2]))
    raise ValueError(f"unknown fix action {kind!r}")
