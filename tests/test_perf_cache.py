"""The result cache: hits, misses, invalidation, concurrency, and never a stale answer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from cardlint.check.engine import check_text
from cardlint.core.settings import Settings
from cardlint.running.cache import (
    FORMAT,
    RACY_WINDOW_NS,
    Cache,
    default_directory,
    resolve_directory,
    stat_key,
)
from helpers import EXAMPLES, run_cli

BAD = "bad/acceptance-model-card.json"
GOOD = "good/sdk-model-package-model-card.json"


@pytest.fixture
def cards(tmp_path: Path) -> Path:
    folder = tmp_path / "cards"
    folder.mkdir()
    for name in (BAD, GOOD, "bad/acceptance-model-card.yaml"):
        shutil.copy(EXAMPLES / name, folder / Path(name).name)
    return folder


def cache_files(directory: Path) -> list[Path]:
    return sorted(directory.glob(f"v{FORMAT}-*.json"))


def poison(directory: Path, path: str, message: str) -> None:
    """Rewrite the cached message of ``path`` so that a hit is visible in the output."""
    [cache_file] = cache_files(directory)
    content = json.loads(cache_file.read_text())
    entry = content["files"][path]
    if entry[2]:
        entry[2][0][2] = message
    else:  # a clean file: make the cache claim one finding
        entry[2] = [["S002", "error", message, "", [1, 1, 1, 2, 0, 1], None, None]]
    cache_file.write_text(json.dumps(content))


def test_second_run_reads_the_cache_and_reports_the_same(cards: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = run_cli("check", "--cache-dir", str(store), "--format", "json", str(cards))
    assert first.returncode == 1, first.stderr
    assert len(cache_files(store)) == 1
    again = run_cli("check", "--cache-dir", str(store), "--format", "json", str(cards))
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    # Proof that the second answer came from the cache: a poisoned entry is reported.
    poison(store, str(cards / "acceptance-model-card.json"), "from the cache")
    hit = run_cli("check", "--cache-dir", str(store), "--format", "concise", str(cards))
    assert "from the cache" in hit.stdout


def test_changed_content_is_checked_again(cards: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    card = cards / "sdk-model-package-model-card.json"
    assert run_cli("check", "--cache-dir", str(store), str(cards)).returncode == 1
    poison(store, str(card), "stale")
    card.write_text(card.read_text().replace('"model_overview"', '"model_overveiw"', 1))
    proc = run_cli("check", "--cache-dir", str(store), "--format", "concise", str(cards))
    assert "stale" not in proc.stdout
    assert f"{card}:" in proc.stdout and "S004" in proc.stdout


@pytest.mark.parametrize(
    "changed",
    [("--ignore", "S002"), ("--select", "S"), ("--max-file-size", "999999"), ("--strict",)],
)
def test_other_settings_are_other_entries(
    cards: Path, tmp_path: Path, changed: tuple[str, ...]
) -> None:
    store = tmp_path / "store"
    run_cli("check", "--cache-dir", str(store), str(cards))
    poison(store, str(cards / "acceptance-model-card.json"), "stale")
    proc = run_cli("check", "--cache-dir", str(store), "--format", "concise", *changed, str(cards))
    assert "stale" not in proc.stdout
    assert len(cache_files(store)) == 2


def test_a_changed_schema_file_is_a_different_fingerprint(cards: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"type": "object"}))
    card = str(cards / "sdk-model-package-model-card.json")
    args = ("check", "--cache-dir", str(store), "--schema", str(schema), "--format", "concise")
    assert run_cli(*args, card).returncode == 0
    schema.write_text(json.dumps({"type": "object", "required": ["no_such_section"]}))
    proc = run_cli(*args, card)
    assert proc.returncode == 1
    assert "no_such_section" in proc.stdout


def test_no_cache_neither_reads_nor_writes(cards: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_cli("check", "--cache-dir", str(store), str(cards))
    poison(store, str(cards / "acceptance-model-card.json"), "stale")
    before = cache_files(store)[0].read_bytes()
    proc = run_cli(
        "check", "--no-cache", "--cache-dir", str(store), "--format", "concise", str(cards)
    )
    assert "stale" not in proc.stdout
    assert cache_files(store)[0].read_bytes() == before
    empty = tmp_path / "empty"
    run_cli("check", "--no-cache", "--cache-dir", str(empty), str(cards))
    assert not empty.exists()


def test_environment_variable_names_the_directory(cards: Path, tmp_path: Path) -> None:
    store = tmp_path / "from-env"
    proc = run_cli("check", str(cards), env={"CARDLINT_CACHE_DIR": str(store)})
    assert proc.returncode == 1
    assert len(cache_files(store)) == 1


def test_default_directory_is_the_user_cache_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CARDLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    if sys.platform.startswith("linux"):
        assert default_directory() == "/somewhere/cache/cardlint"
    assert resolve_directory(None) == default_directory()
    monkeypatch.setenv("CARDLINT_CACHE_DIR", "/env/dir")
    assert resolve_directory(None) == "/env/dir"
    assert resolve_directory("/option/dir") == "/option/dir"


def test_a_damaged_cache_file_is_ignored_and_replaced(cards: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = run_cli("check", "--cache-dir", str(store), "--format", "json", str(cards))
    [cache_file] = cache_files(store)
    cache_file.write_text(f'{{"format": {FORMAT}, "files": {{"x": ')
    again = run_cli("check", "--cache-dir", str(store), "--format", "json", str(cards))
    assert (again.returncode, again.stdout, again.stderr) == (1, first.stdout, "")
    assert json.loads(cache_file.read_text())["format"] == FORMAT


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_cache_file_is_the_users_alone_and_no_temporary_file_stays(
    cards: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    run_cli("check", "--cache-dir", str(store), str(cards))
    [cache_file] = cache_files(store)
    assert cache_file.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in store.iterdir()) == [cache_file.name]


def test_an_unusable_cache_directory_does_not_stop_the_run(cards: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    proc = run_cli("check", "--cache-dir", str(blocker / "sub"), "--format", "concise", str(cards))
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert "S002" in proc.stdout


def test_concurrent_runs_leave_a_valid_cache(cards: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    for i in range(12):
        shutil.copy(cards / "acceptance-model-card.json", cards / f"{i}-model-card.json")
    exe = [sys.executable, "-m", "cardlint", "check", "--cache-dir", str(store), "--jobs", "1"]
    procs = [
        subprocess.Popen([*exe, str(cards)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1, 1]
    assert len({out for out, _ in outputs}) == 1
    [cache_file] = cache_files(store)
    assert len(json.loads(cache_file.read_text())["files"]) == 15
    assert not list(store.glob(".tmp-*"))


def test_runs_merge_their_entries(tmp_path: Path) -> None:
    settings = Settings(schema="model-package")
    one, two = Cache(tmp_path), Cache(tmp_path)
    text = (EXAMPLES / BAD).read_text()
    result = check_text(text, "a.json", settings)
    one.store("a.json", "d1", settings, result.schema, result.diagnostics)
    two.store("b.json", "d2", settings, result.schema, ())
    one.save()
    two.save()  # written after one: keeps one's entry
    [cache_file] = cache_files(tmp_path)
    assert set(json.loads(cache_file.read_text())["files"]) == {"a.json", "b.json"}


def test_diagnostics_with_fixes_come_back_identical(tmp_path: Path) -> None:
    settings = Settings(schema="model-package")
    for name in (BAD, "bad/acceptance-model-card.yaml", "bad/yaml-traps-model-card.yaml"):
        data = (EXAMPLES / name).read_bytes()
        result = check_text(data.decode(), name, settings)
        assert any(d.fix is not None for d in result.diagnostics)
        cache = Cache(tmp_path)
        from cardlint.running.cache import digest

        cache.store(name, digest(data), settings, result.schema, result.diagnostics)
        cache.save()
        schema, diagnostics, _ = Cache(tmp_path).lookup(name, data, settings)  # type: ignore[misc]
        assert schema == result.schema
        assert diagnostics == result.diagnostics
        assert [d.fix_intent for d in diagnostics] == [d.fix_intent for d in result.diagnostics]
        assert Cache(tmp_path).lookup(name, data + b"\n", settings) is None


def test_fix_works_on_a_cached_run(cards: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    card = cards / "acceptance-model-card.yaml"
    run_cli("check", "--cache-dir", str(store), str(cards))
    before = card.read_text()
    run_cli("check", "--cache-dir", str(store), "--fix", str(cards))
    assert card.read_text() != before


def age(path: Path, seconds: float = 3600) -> None:
    """Make ``path`` look last written ``seconds`` ago (its change time stays now)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - int(seconds * 1e9)))


def entry(store: Path, path: Path) -> list[Any]:
    [cache_file] = cache_files(store)
    return json.loads(cache_file.read_text())["files"][str(path)]  # type: ignore[no-any-return]


def test_stat_key_distrusts_recent_times() -> None:
    now = 1_000 * 10**9

    def stat(mtime: int, ctime: int) -> Any:
        return SimpleNamespace(st_size=123, st_mtime_ns=mtime, st_ctime_ns=ctime, st_ino=7)

    edge, old = now - RACY_WINDOW_NS, now - RACY_WINDOW_NS - 1
    assert stat_key(stat(edge, edge), now) is None
    assert stat_key(stat(old, old), now) == [123, old, old, 7]
    # A recent change time alone (chmod, a write with the old time put back) is enough.
    assert stat_key(stat(old, now), now) is None


def test_unchanged_stat_data_are_trusted_without_reading(cards: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    card = cards / "acceptance-model-card.json"
    # Written just now: its stat data prove nothing yet, so the entry keeps none...
    run_cli("check", "--cache-dir", str(store), str(cards))
    assert entry(store, card)[3] is None
    # ...until the times are older than the racy window and the bytes hashed equal once more
    # (the change time cannot be put back, so wait it out).
    time.sleep(RACY_WINDOW_NS / 1e9 + 0.1)
    run_cli("check", "--cache-dir", str(store), str(cards))
    info = card.stat()
    assert entry(store, card)[3] == [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
    # Now a hit is by stat alone: an entry whose hash no longer matches is still taken.
    [cache_file] = cache_files(store)
    content = json.loads(cache_file.read_text())
    content["files"][str(card)][0] = "0" * 40
    content["files"][str(card)][2][0][2] = "from the stat hit"
    cache_file.write_text(json.dumps(content))
    proc = run_cli("check", "--cache-dir", str(store), "--format", "concise", str(cards))
    assert "from the stat hit" in proc.stdout
    # A same-size edit with the modification time put back still changes the change time.
    text = card.read_text()
    card.write_text(text.replace('"model_overview"', '"model_overveiw"', 1))
    os.utime(card, ns=(info.st_atime_ns, info.st_mtime_ns))
    proc = run_cli("check", "--cache-dir", str(store), "--format", "concise", str(cards))
    assert "from the stat hit" not in proc.stdout
    assert f"{card}:" in proc.stdout and "S004" in proc.stdout


def test_a_cache_file_holding_another_fingerprint_is_not_used(tmp_path: Path) -> None:
    settings = Settings(schema="model-package")
    cache = Cache(tmp_path)
    cache.store("a.json", "d1", settings, "model-package", ())
    cache.save()
    [cache_file] = cache_files(tmp_path)
    content = json.loads(cache_file.read_text())
    assert content["fingerprint"].endswith("fail_on=<Severity.ERROR: 'error'>")
    # What a checksum collision would leave behind: another fingerprint under this name.
    content["fingerprint"] += "\nsomething else"
    cache_file.write_text(json.dumps(content))
    assert not Cache(tmp_path).knows("a.json", settings)


_PROBE = """
import atexit, sys
atexit.register(lambda: print(sorted(
    m
    for m in sys.modules
    if m in (
        "cardlint.check.engine",
        "cardlint.rules",
        "cardlint.schema.validation",
        "cardlint.schema.compiled",
        "jsonschema_rs",
    )
), file=sys.stderr))
sys.argv = ["cardlint", *sys.argv[1:]]
from cardlint.cli.main import run
run()
"""


@pytest.mark.parametrize("schema", ["auto", "model-package", "model-card"])
def test_a_run_answered_from_the_cache_loads_no_engine_rules_or_schema(
    cards: Path, tmp_path: Path, schema: str
) -> None:
    store = tmp_path / "store"
    args = ["check", "--cache-dir", str(store), "--schema", schema, "--format", "concise"]

    def probe() -> tuple[int, str, str]:
        proc = subprocess.run(
            [sys.executable, "-c", _PROBE, *args, str(cards)],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
            check=False,
        )
        return proc.returncode, proc.stdout, proc.stderr

    first = probe()
    assert first[2].endswith(
        "['cardlint.check.engine', 'cardlint.rules', 'cardlint.schema.compiled', "
        "'cardlint.schema.validation', 'jsonschema_rs']\n"
    )
    again = probe()
    assert again == (first[0], first[1], "[]\n")


def test_a_schema_file_is_still_checked_before_the_run(cards: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.schema.json"
    broken.write_text("{not json")
    for _ in range(2):  # also when every file would be answered from the cache
        proc = run_cli("check", "--cache-dir", str(tmp_path / "store"), "--schema", str(broken))
        assert (proc.returncode, proc.stdout) == (2, "")
        assert proc.stderr.startswith(f"cardlint: error: cannot parse schema {broken}: ")
