"""Shared fixtures. Plain helper functions live in tests/helpers.py (`from helpers import`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import EXAMPLES


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for the real pre-commit: its own home, shared by the session."""
    from precommit_repo import environment

    return environment(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, pre_commit_env: dict[str, str]) -> Path:
    """This checkout's working tree as a hook repository tagged v0.1.0."""
    from precommit_repo import hook_repository

    return hook_repository(tmp_path_factory.mktemp("hook-repo"), pre_commit_env)


@pytest.fixture
def client() -> Iterator[Any]:
    """A started ``cardlint lsp`` (tests/lsp_client.py) that takes workspace edits as document
    changes; the modules that use it skip themselves where the lsp extra is absent."""
    from lsp_client import LspClient

    server = LspClient()
    server.initialize(workspace={"workspaceEdit": {"documentChanges": True}})
    yield server
    server.close()
