"""Worker processes (--jobs) and the progress line: same output as one process, in order."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from cardlint.core.settings import Settings
from cardlint.running import parallel
from cardlint.running.parallel import Progress, check_files, workers_for
from helpers import EXAMPLES, run_cli

SOURCES = sorted(p for p in (EXAMPLES / "good").iterdir()) + sorted(
    p for p in (EXAMPLES / "bad").iterdir()
)


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """130 cards, good and bad interleaved, plus a dangling link found in the walk."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(130):
        source = SOURCES[i % len(SOURCES)]
        suffix = source.name.split("model-card")[-1]
        shutil.copy(source, folder / f"{i:03d}-model-card{suffix}")
    os.symlink(folder / "missing", folder / "zz-model-card.json")
    return folder


@pytest.mark.parametrize("fmt", ["json", "concise", "sarif"])
def test_jobs_output_is_identical_to_one_process(many: Path, fmt: str) -> None:
    one = run_cli("check", "--no-cache", "--jobs", "1", "--format", fmt, str(many))
    two = run_cli("check", "--no-cache", "--jobs", "2", "--format", fmt, str(many))
    assert one.returncode == 1, one.stderr
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


def test_jobs_with_the_cache_gives_the_same_output(many: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    one = run_cli("check", "--no-cache", "--jobs", "1", "--format", "json", str(many))
    cold = run_cli("check", "--cache-dir", store, "--jobs", "2", "--format", "json", str(many))
    warm = run_cli("check", "--cache-dir", store, "--jobs", "2", "--format", "json", str(many))
    assert one.stdout == cold.stdout == warm.stdout


def test_worker_processes_are_used_and_keep_the_order(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(schema="model-package")
    files = [(str(p), settings) for p in sorted(many.iterdir())]
    serial = list(check_files(files, jobs=1, documents=False))
    calls = []
    real = parallel._in_workers

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(args[1])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_in_workers", spy)
    pooled = list(check_files(files, jobs=2, documents=False))
    assert calls == [2]
    assert [type(o) for o in pooled] == [type(o) for o in serial]
    assert isinstance(pooled[-1], OSError)  # the dangling link, still last
    assert [o.diagnostics for o in pooled[:-1]] == [o.diagnostics for o in serial[:-1]]  # type: ignore[union-attr]


def test_results_keep_documents_only_for_files_with_findings(many: Path) -> None:
    settings = Settings(schema="model-package")
    files = [(str(p), settings) for p in sorted(many.iterdir())[:-1]]
    for jobs in (1, 2):
        results = list(check_files(files, jobs=jobs, documents=True))
        assert all((r.document is not None) == bool(r.diagnostics) for r in results)  # type: ignore[union-attr]
        results = list(check_files(files, jobs=jobs, documents=False))
        assert all(r.document is None for r in results if not r.diagnostics)  # type: ignore[union-attr]


def test_workers_start_only_when_there_are_enough_files() -> None:
    assert workers_for(2, 10) == 0
    assert workers_for(2, 99) == 0
    assert workers_for(2, 100) == 2
    assert workers_for(8, 200) == 4
    assert workers_for(1, 10_000) == 0


def test_snippets_and_fixes_work_with_workers(many: Path) -> None:
    one = run_cli("check", "--no-cache", "--jobs", "1", "--show-source", str(many))
    two = run_cli("check", "--no-cache", "--jobs", "2", "--show-source", str(many))
    assert two.stdout == one.stdout
    assert " | " in two.stdout  # source lines were shown
    diff = run_cli("check", "--no-cache", "--jobs", "2", "--diff", str(many))
    assert diff.returncode == 1
    assert diff.stdout.startswith("---")


def test_bad_jobs_value_is_a_usage_error() -> None:
    proc = run_cli("check", "--jobs", "0", str(EXAMPLES / "good"))
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr


# -- progress ------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_appears_only_after_the_delay_and_is_erased() -> None:
    now = [0.0]
    stream = Terminal()
    progress = Progress(10, stream, delay=2.0, clock=lambda: now[0])
    progress.advance()
    now[0] = 1.9
    progress.advance()
    assert stream.getvalue() == ""
    now[0] = 2.5
    progress.advance()
    assert stream.getvalue() == "\rcardlint: 3/10 files checked"
    now[0] = 2.55  # at most ten updates a second
    progress.advance()
    assert stream.getvalue() == "\rcardlint: 3/10 files checked"
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_is_silent_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(10, stream, delay=0.0)
    for _ in range(10):
        progress.advance()
    progress.close()
    assert stream.getvalue() == ""


def test_a_short_run_prints_no_progress(many: Path) -> None:
    proc = run_cli("check", "--no-cache", str(many))
    assert "files checked" not in proc.stderr
