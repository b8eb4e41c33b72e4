"""End to end: the real pre-commit runs this checkout's hooks in a throwaway repository.

pre-commit installs the hook repository into its own virtualenv (pip, from PyPI for the
build backend and dependencies), so this is the slowest test; the hook environment is built
once per module. The hook repository is a fresh git repository holding a copy of this
checkout's working tree, so the test runs what is on disk, committed or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from test_fix_left_out import HASH_CARD, HASH_FIXED, HASH_X002

_GIT_ENV = {
    "GIT_AUTHOR_NAME": "cardlint tests",
    "GIT_AUTHOR_EMAIL": "tests@cardlint.invalid",
    "GIT_COMMITTER_NAME": "cardlint tests",
    "GIT_COMMITTER_EMAIL": "tests@cardlint.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}
_COPIED = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "schemas")

BAD = "model_overview:\n  model_creator: Fraud team\n  bogus: 1\n"
FIXABLE = "model_overview:\n  model_creator: yes\nintended_uses:\n  risk_rating: low\n"
FIXED = 'model_overview:\n  model_creator: "yes"\nintended_uses:\n  risk_rating: Low\n'


def _git(*args: str, cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, **_GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    hooks = tmp_path_factory.mktemp("hook-repo")
    for name in _COPIED:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
            shutil.copytree(source, hooks / name, ignore=ignore)
        else:
            shutil.copy2(source, hooks / name)
    _git("init", "-q", cwd=hooks, env=env)
    _git("add", ".", cwd=hooks, env=env)
    _git("commit", "-q", "-m", "hooks under test", cwd=hooks, env=env)
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True
    ).stdout.strip()

    repo = tmp_path_factory.mktemp("project")
    _git("init", "-q", cwd=repo, env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_posix()}\n    rev: {rev}\n"
        "    hooks:\n      - id: cardlint\n      - id: cardlint-fix\n"
    )
    (repo / "bad-model-card.yaml").write_text(BAD)
    (repo / "good-model-card.yml").write_text(
        (EXAMPLES / "good" / "minimal-model-card.yml").read_text()
    )
    (repo / "fix-model-card.yaml").write_text(FIXABLE)
    (repo / "partial-model-card.yaml").write_text(HASH_CARD)
    (repo / "settings.yaml").write_text("not: [a, card\n")
    _git("add", ".", cwd=repo, env=env)
    return repo


def pre_commit(repo: Path, env: dict[str, str], hook: str, *files: str) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def test_hook_fails_on_a_bad_card_with_path_line_col(project, env):
    code, out = pre_commit(project, env, "cardlint", "bad-model-card.yaml")
    assert code == 1, out
    assert (
        'bad-model-card.yaml:3:3: S004 unknown property "bogus" in model_overview; allowed: '
        "model_creator, model_artifact" in out
    ), out


def test_hook_passes_on_a_good_card(project, env):
    code, out = pre_commit(project, env, "cardlint", "good-model-card.yml")
    assert code == 0, out
    assert "Passed" in out


def test_files_that_are_not_cards_are_not_passed_to_the_hook(project, env):
    code, out = pre_commit(project, env, "cardlint", "settings.yaml")
    assert code == 0, out
    assert "(no files to check)Skipped" in out


def test_fix_hook_rewrites_a_fixable_card(project, env):
    code, out = pre_commit(project, env, "cardlint-fix", "fix-model-card.yaml")
    assert code == 1, out  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in out
    assert (project / "fix-model-card.yaml").read_text() == FIXED
    code, out = pre_commit(project, env, "cardlint-fix", "fix-model-card.yaml")
    assert code == 0, out  # nothing left to fix


def test_fix_hook_repairs_what_it_can_when_one_fix_is_left_out(project, env):
    code, out = pre_commit(project, env, "cardlint-fix", "partial-model-card.yaml")
    assert code == 1, out
    assert "files were modified by this hook" in out
    assert (project / "partial-model-card.yaml").read_text() == HASH_FIXED
    assert f"partial-model-card.yaml:11:20: X002 {HASH_X002}" in out
