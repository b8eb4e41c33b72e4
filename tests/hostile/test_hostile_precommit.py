"""A committed file named like an option must not change what the pre-commit hooks check
(issue 15, item 6): the real pre-commit runs this checkout's hooks, which end options with
``--``."""

from __future__ import annotations

import pytest

import precommit_repo as pc

BAD = "model_overview:\n  model_creator: Fraud team\n  bogus: 1\n"
S004 = (
    'bad-model-card.yaml:3:3: S004 unknown property "bogus" in model_overview; allowed: '
    "model_creator, model_artifact"
)


@pytest.mark.parametrize("hook", ["cardlint", "cardlint-fix"])
def test_a_file_named_like_an_option_is_checked_as_a_file(
    tmp_path, pre_commit_env, hook_repo, hook
):
    config = (
        f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {pc.TAG}\n"
        f"    hooks:\n      - id: {hook}\n"
    )
    files = {
        "p-model-card.json": "{}\n",  # an empty schema, if it were taken as one
        "--schema=p-model-card.json": '{"model_overview": {"bogus": 1}}\n',
        "bad-model-card.yaml": BAD,
    }
    repo = pc.project(tmp_path, config, files, pre_commit_env)
    code, out = pc.run(repo, pre_commit_env, "--all-files")
    assert code == 1, out
    assert pc.hook_output(out).splitlines() == [
        '--schema=p-model-card.json:1:21: S004 unknown property "bogus" in model_overview; '
        "allowed: model_creator, model_artifact",
        S004,
        "p-model-card.json:1:1: G002 [warning] the card is an empty object",
        "Found 2 errors, 1 warning in 3 files (3 files checked).",
        "",
    ]
