"""Which files are checked is never a silent surprise (issue 14, item 4): what was searched for
when nothing is found, include and exclude patterns relative to their configuration file,
patterns that match nothing, files ignored by git, and paths without ``./``."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from helpers import EXAMPLES, run_cli

VALID = '{"model_overview": {"model_creator": "ml-team"}}'
BAD = '{"model_overview": {"bogus": 1}}'
S004 = 'S004 unknown property "bogus" in model_overview; allowed: model_creator, model_artifact'
NOTHING = (
    "cardlint: no model card files found; searched for names containing model-card, "
    "model_card or modelcard (any case) that end in .json, .yaml or .yml; to check other "
    "files, add patterns to include in the configuration or name the files\n"
)


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def git_init(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)


def checked(*args: str, cwd: Path, env: dict[str, str] | None = None) -> list[str]:
    """The paths a run checked, in order (--verbose names each file's schema)."""
    proc = run_cli("check", "--no-cache", "--verbose", *args, cwd=cwd, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    lines = proc.stdout.splitlines()
    return [line.split(": checked against ")[0] for line in lines if ": checked against " in line]


def test_nothing_found_names_the_patterns_and_how_to_add_others(tmp_path):
    (tmp_path / "card.json").write_text(VALID)
    proc = run_cli("check", str(tmp_path))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", NOTHING)
    (tmp_path / "cardlint.toml").write_text('include = ["*.card.yaml", "cards/*.json"]\n')
    proc = run_cli("check", cwd=tmp_path)
    assert proc.stderr == (
        'cardlint: warning: cardlint.toml: include pattern "*.card.yaml" matched no file\n'
        'cardlint: warning: cardlint.toml: include pattern "cards/*.json" matched no file; a '
        "pattern with / is relative to the directory of that file\n"
        'cardlint: no model card files found; searched for "*.card.yaml", "cards/*.json"; to '
        "check other files, add patterns to include in the configuration or name the files\n"
    )


def test_include_with_a_slash_matches_from_the_configuration_file(tmp_path):
    root = tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.cardlint]\ninclude = ["cards/**/*.json", "*-card.yaml"]\n',
            "cards/a.json": VALID,
            "cards/team/b.json": VALID,
            "other/cards/c.json": VALID,  # "cards/" is anchored at the configuration
            "other/d-card.yaml": "model_overview: {}\n",  # a name pattern matches anywhere
            "e.json": VALID,
        },
    )
    expected = ["cards/a.json", "cards/team/b.json", "other/d-card.yaml"]
    assert checked(cwd=root) == expected
    # Searched from below, the patterns still count from the configuration's directory.
    assert checked(".", cwd=root / "cards") == ["./a.json", "./team/b.json"]
    assert checked("../cards", cwd=root / "other") == ["../cards/a.json", "../cards/team/b.json"]


def test_exclude_with_a_slash_matches_from_the_configuration_file(tmp_path):
    root = tree(
        tmp_path,
        {
            "cardlint.toml": 'exclude = ["cards/legacy", "drafts"]\n',
            "cards/legacy/model-card.json": BAD,
            "cards/model-card.json": VALID,
            "other/cards/legacy/model-card.json": VALID,  # anchored: not excluded
            "x/drafts/model-card.json": BAD,  # a name: excluded anywhere
        },
    )
    assert checked(cwd=root) == ["cards/model-card.json", "other/cards/legacy/model-card.json"]
    assert checked(".", cwd=root / "cards") == ["./model-card.json"]


def test_patterns_that_match_nothing_are_told_once(tmp_path):
    root = tree(
        tmp_path,
        {
            "cardlint.toml": 'include = ["*model-card*.json", "*.card.yml"]\n'
            'exclude = ["legacy", "old/*.json"]\n',
            "a/model-card.json": VALID,
            "b/model-card.json": VALID,
            "legacy/model-card.json": BAD,
        },
    )
    proc = run_cli("check", "--no-cache", cwd=root)
    assert (proc.returncode, proc.stdout) == (0, "All checks passed (2 files checked).\n")
    assert proc.stderr == (
        'cardlint: warning: cardlint.toml: include pattern "*.card.yml" matched no file\n'
        'cardlint: warning: cardlint.toml: exclude pattern "old/*.json" matched no file or '
        "directory; a pattern with / is relative to the directory of that file\n"
    )
    # Part of the tree searched, or files named: no pattern is blamed.
    for args in (["a"], ["a/model-card.json"], ["--force-exclude", "a/model-card.json"]):
        proc = run_cli("check", "--no-cache", *args, cwd=root)
        assert (proc.returncode, proc.stderr) == (0, ""), args


GITIGNORED = {
    ".gitignore": "build/\n*.tmp.json\n/top-model-card.json\n!keep.tmp.json\n",
    "build/model-card.json": BAD,
    "a-model-card.tmp.json": BAD,
    "keep.tmp.json": VALID,
    "top-model-card.json": BAD,
    "sub/top-model-card.json": VALID,  # anchored to the top: not ignored
    "sub/.gitignore": "local-*\n",
    "sub/local-model-card.json": BAD,
    "local-model-card.json": VALID,  # sub's .gitignore does not reach up
    "private/model-card.json": BAD,  # .git/info/exclude
    "global-model-card.json": BAD,  # the global excludes file
    "model-card.json": VALID,
}


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tree(tmp_path / "repo", GITIGNORED)
    git_init(root)
    (root / ".git" / "info" / "exclude").write_text("# git's own comment\nprivate\n")
    home = tmp_path / "home"
    tree(home, {".config/git/ignore": "global-*\n"})
    return root, {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}


def test_files_ignored_by_git_are_not_searched(repo):
    root, env = repo
    expected = ["local-model-card.json", "model-card.json", "sub/top-model-card.json"]
    assert checked(cwd=root, env=env) == expected
    # git agrees: what it does not ignore, of what the default patterns match.
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=root,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert sorted(p for p in listed if "model-card" in p) == sorted(expected)
    # Named files are always checked; a named directory that git ignores is searched whole.
    (root / "build" / "x.tmp.json").write_text(VALID)
    assert checked("a-model-card.tmp.json", "private", "build", "--", cwd=root, env=env) == [
        "a-model-card.tmp.json",
        "private/model-card.json",
        "build/model-card.json",
    ]


def test_respect_gitignore_can_be_turned_off(repo):
    root, env = repo
    everything = [  # a directory's files, then its subdirectories
        "a-model-card.tmp.json",
        "global-model-card.json",
        "local-model-card.json",
        "model-card.json",
        "top-model-card.json",
        "build/model-card.json",
        "private/model-card.json",
        "sub/local-model-card.json",
        "sub/top-model-card.json",
    ]
    assert checked("--no-respect-gitignore", cwd=root, env=env) == everything
    (root / "cardlint.toml").write_text("respect-gitignore = false\n")
    assert checked(cwd=root, env=env) == everything
    assert len(checked("--respect-gitignore", cwd=root, env=env)) == 3
    (root / "cardlint.toml").write_text('respect-gitignore = "no"\n')
    proc = run_cli("check", cwd=root, env=env)
    assert (proc.returncode, proc.stderr) == (
        2,
        f"cardlint: error: {root / 'cardlint.toml'}: respect-gitignore: expected true or "
        'false, got a string "no"\n',
    )


def test_core_excludes_file_names_the_global_file(repo, tmp_path):
    root, env = repo
    (tmp_path / "home" / ".gitconfig").write_text(
        '[user]\n\tname = x\n[core]\n\texcludesFile = "~/my-ignores"  # mine\n'
    )
    (tmp_path / "home" / "my-ignores").write_text("model-card.json\n")
    assert checked(cwd=root, env=env) == [
        "global-model-card.json",  # the default file no longer applies
        "local-model-card.json",
        "sub/top-model-card.json",
    ]


FORMATS = ("text", "full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_path_names_files_without_dot_slash(tmp_path, fmt):
    tree(tmp_path, {"cards/model-card.json": BAD})
    proc = run_cli("check", "--no-cache", "--format", fmt, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "cards/model-card.json" in proc.stdout
    assert "./" not in proc.stdout.replace("://", ""), proc.stdout
    if fmt == "json":
        [diagnostic] = json.loads(proc.stdout)["diagnostics"]
        assert diagnostic["file"] == "cards/model-card.json"


def test_no_path_and_dot_slash_as_given(tmp_path):
    tree(tmp_path, {"model-card.json": BAD})
    plain = run_cli("check", "--no-cache", "--format", "concise", cwd=tmp_path)
    assert plain.stdout == f"model-card.json:1:21: {S004}\n"
    given = run_cli("check", "--no-cache", "--format", "concise", ".", cwd=tmp_path)
    assert given.stdout == f"./model-card.json:1:21: {S004}\n"


def test_examples_directory_is_found_as_before():
    assert len(checked(str(EXAMPLES / "good"), cwd=EXAMPLES)) >= 2


def test_a_search_below_the_top_still_applies_the_ignore_files_above(repo):
    root, env = repo
    # build/ and *.tmp.json come from the top's .gitignore; /top-model-card.json is anchored
    # to the top, so sub/top-model-card.json is not ignored.
    (root / "sub" / "build").mkdir()
    (root / "sub" / "build" / "model-card.json").write_text(BAD)
    (root / "sub" / "b-model-card.tmp.json").write_text(BAD)
    assert checked(cwd=root / "sub", env=env) == ["top-model-card.json"]
    assert checked("sub", cwd=root, env=env) == ["sub/top-model-card.json"]


def test_a_git_worktree_reads_info_exclude_of_the_common_directory(tmp_path):
    main = tree(tmp_path / "main", {"README.md": "x\n"})
    git_init(main)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "add", "."], cwd=main, check=True, capture_output=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=main, check=True, capture_output=True)
    worktree = tmp_path / "wt"
    subprocess.run(
        [*git, "worktree", "add", "-q", str(worktree)], cwd=main, check=True, capture_output=True
    )
    assert (worktree / ".git").is_file()
    (main / ".git" / "info" / "exclude").write_text("scratch-*\n")
    tree(worktree, {"scratch-model-card.json": BAD, "model-card.json": VALID})
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / ".config")}
    assert checked(cwd=worktree, env=env) == ["model-card.json"]


def test_nothing_found_says_what_git_ignores(tmp_path):
    root = tree(
        tmp_path,
        {
            ".gitignore": "out/\n*.tmp.json\n",
            "out/model-card.json": VALID,
            "model-card.tmp.json": VALID,
        },
    )
    git_init(root)
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / ".config")}
    proc = run_cli("check", cwd=root, env=env)
    assert (proc.returncode, proc.stdout) == (0, "")
    assert proc.stderr == NOTHING.replace(
        " or .yml;",
        " or .yml; 2 files or directories that git ignores were not searched "
        "(--no-respect-gitignore searches them);",
    )
    assert checked("--no-respect-gitignore", cwd=root, env=env) == [
        "model-card.tmp.json",
        "out/model-card.json",
    ]
