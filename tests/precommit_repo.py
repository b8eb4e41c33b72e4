"""The real pre-commit, run on this checkout's hooks: shared by tests/test_precommit.py and
tests/hostile/test_hostile_precommit.py (the fixtures are in conftest.py).

pre-commit installs a hook repository into its own virtualenv (pip, from PyPI for the build
backend and the dependencies), which is slow: the hook repository and pre-commit's home are
made once per session. The hook repository is a fresh git repository holding a copy of this
checkout's working tree, committed and tagged ``v0.1.0`` (the ``rev`` the README names), so
the tests run what is on disk, committed or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

GIT_ENV = {
    "GIT_AUTHOR_NAME": "cardlint tests",
    "GIT_AUTHOR_EMAIL": "tests@cardlint.invalid",
    "GIT_COMMITTER_NAME": "cardlint tests",
    "GIT_COMMITTER_EMAIL": "tests@cardlint.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}
COPIED = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "schemas")
TAG = "v0.1.0"


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return proc.stdout


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}


def hook_repository(where: Path, env: dict[str, str]) -> Path:
    """A git repository of this checkout's files, committed and tagged ``v0.1.0``."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
            shutil.copytree(source, where / name, ignore=ignore)
        else:
            shutil.copy2(source, where / name)
    git("init", "-q", cwd=where, env=env)
    git("add", ".", cwd=where, env=env)
    git("commit", "-q", "-m", "hooks under test", cwd=where, env=env)
    git("tag", TAG, cwd=where, env=env)
    return where


def project(where: Path, config: str, files: dict[str, str], env: dict[str, str]) -> Path:
    """A git repository with this ``.pre-commit-config.yaml`` and these files, staged."""
    git("init", "-q", cwd=where, env=env)
    (where / ".pre-commit-config.yaml").write_text(config)
    for name, text in files.items():
        (where / name).write_text(text)
    git("add", ".", cwd=where, env=env)
    return where


def run(repo: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    """``pre-commit run ARGS`` in ``repo``: its exit code and what it printed."""
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def hook_output(out: str) -> str:
    """What the hook printed: pre-commit's output after its ``- exit code: N`` header."""
    _, separator, body = out.partition("\n- exit code: ")
    assert separator, out
    return body.partition("\n\n")[2]
