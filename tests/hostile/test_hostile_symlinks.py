"""Searching a directory does not leave it (issue 15, items 7 and 9): directory links are not
followed, file links only when they stay inside, a tree holding ``ln -s /proc p`` is searched
as the tree it is, and the walk costs work linear in its depth. What is named on the command
line is taken as given."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cardlint.core.settings import DEFAULT_SETTINGS
from cardlint.running import files
from cardlint.running.config import Overrides, Resolver
from cardlint.running.files import discover
from helpers import run_cli

VALID = '{"model_overview": {"model_creator": "ml-team"}}'
FIXABLE = "intended_uses:\n  risk_rating: low\n"


def test_a_link_to_proc_is_not_followed(tmp_path: Path) -> None:
    # Followed, /proc/*/root leads to the whole machine, and the run never ends.
    (tmp_path / "model-card.json").write_text(VALID)
    os.symlink("/proc", tmp_path / "p")
    proc = run_cli("check", "--no-cache", str(tmp_path))
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0,
        "All checks passed (1 file checked).\n",
        "",
    )


def test_a_linked_directory_outside_the_tree_is_neither_checked_nor_fixed(tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    (outside / "model-card.yaml").write_text(FIXABLE)
    (tree / "model-card.json").write_text(VALID)
    os.symlink(outside, tree / "theirs")
    os.symlink("../outside/model-card.yaml", tree / "linked-model-card.yaml")
    proc = run_cli("check", "--no-cache", "--fix", str(tree))
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        0,
        "All checks passed (1 file checked).\n",
        "",
    )
    assert (outside / "model-card.yaml").read_text() == FIXABLE


def test_links_that_stay_inside_the_tree(tmp_path: Path) -> None:
    # A directory link is not followed even inside (its files are found where they are); a
    # file link inside is checked once, under the first name found.
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "model-card.json").write_text(VALID)
    os.symlink("cards", tmp_path / "again")
    os.symlink("cards/model-card.json", tmp_path / "a-model-card.json")
    found = [f.path for f in discover([str(tmp_path)])]
    assert found == [str(tmp_path / "a-model-card.json")]


def test_what_is_named_is_taken_as_given(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "model-card.yaml").write_text(FIXABLE)
    os.symlink(outside, tmp_path / "dir-link")
    os.symlink(outside / "model-card.yaml", tmp_path / "file-link.yaml")
    for named in ("dir-link", "file-link.yaml"):
        proc = run_cli("check", "--no-cache", "--format", "concise", named, cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        assert proc.stdout.startswith(f"{named}"), proc.stdout


def _deep(root: Path, depth: int) -> Path:
    path = str(root)
    os.mkdir(path)
    for _ in range(depth):  # not makedirs: it recurses once per level
        path += "/d"
        os.mkdir(path)
    Path(path, "model-card.json").write_text(VALID)
    return Path(path)


def _filesystem_calls(monkeypatch: pytest.MonkeyPatch, root: Path) -> tuple[int, list[str]]:
    """The calls the walk makes to the file system (each ``realpath`` costs one ``lstat``
    per component of its path)."""
    count = [0]

    def counted(function):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            count[0] += 1
            return function(*args, **kwargs)

        return call

    # The command line's plan: it looks up each directory's configuration too.
    resolver = Resolver(DEFAULT_SETTINGS, Overrides())
    with monkeypatch.context() as patch:
        for name in ("lstat", "stat", "scandir", "readlink", "open"):
            patch.setattr(files.os, name, counted(getattr(os, name)))
        found = [f.path for f in discover([str(root)], resolver)]
        for path in found:
            resolver.settings_for(path)
    return count[0], found


@pytest.fixture
def deep(tmp_path: Path) -> Iterator[Path]:
    """A place for deep trees, removed by ``rm -rf``: Python 3.11's rmtree (and so pytest's
    clean-up of old temporary directories) recurses once per level and fails at 1,000."""
    yield tmp_path / "deep"
    subprocess.run(["rm", "-rf", str(tmp_path / "deep")], check=True)


def test_the_walk_is_linear_in_depth(deep: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 500 and 1,500 levels: a realpath per directory made it cubic (3 s and 67 s).
    deep.mkdir()
    costs = {}
    for depth in (500, 1500):
        bottom = _deep(deep / str(depth), depth)
        costs[depth], found = _filesystem_calls(monkeypatch, deep / str(depth))
        assert found == [str(bottom / "model-card.json")]
    assert costs[1500] <= 3 * costs[500] + 20, costs
    assert costs[1500] <= 3 * 1500, costs
    proc = run_cli("check", "--no-cache", str(deep / "1500"))
    assert (proc.returncode, proc.stdout) == (0, "All checks passed (1 file checked).\n")
