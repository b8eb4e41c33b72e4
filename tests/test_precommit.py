"""End to end: the real pre-commit runs this checkout's hooks in throwaway repositories.

See tests/precommit_repo.py for how the hook repository is made (slow: once per session).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import precommit_repo as pc
from helpers import EXAMPLES, ROOT, run_cli
from test_fix_left_out import HASH_CARD, HASH_FIXED, HASH_X002

BAD = "model_overview:\n  model_creator: Fraud team\n  bogus: 1\n"
FIXABLE = "model_overview:\n  model_creator: yes\nintended_uses:\n  risk_rating: low\n"
FIXED = 'model_overview:\n  model_creator: "yes"\nintended_uses:\n  risk_rating: Low\n'
GOOD = (EXAMPLES / "good" / "minimal-model-card.yml").read_text()
S004 = (
    'bad-model-card.yaml:3:3: S004 unknown property "bogus" in model_overview; allowed: '
    "model_creator, model_artifact"
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, pre_commit_env, hook_repo) -> Path:
    config = (
        f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {pc.TAG}\n"
        "    hooks:\n      - id: cardlint\n      - id: cardlint-fix\n"
    )
    files = {
        "bad-model-card.yaml": BAD,
        "good-model-card.yml": GOOD,
        "fix-model-card.yaml": FIXABLE,
        "partial-model-card.yaml": HASH_CARD,
        "settings.yaml": "not: [a, card\n",
    }
    return pc.project(tmp_path_factory.mktemp("project"), config, files, pre_commit_env)


def pre_commit(repo: Path, env: dict[str, str], hook: str, *files: str) -> tuple[int, str]:
    return pc.run(repo, env, hook, "--files", *files)


def test_hook_fails_on_a_bad_card_with_path_line_col(project, pre_commit_env):
    code, out = pre_commit(project, pre_commit_env, "cardlint", "bad-model-card.yaml")
    assert code == 1, out
    assert S004 in out, out


def test_hook_passes_on_a_good_card(project, pre_commit_env):
    code, out = pre_commit(project, pre_commit_env, "cardlint", "good-model-card.yml")
    assert code == 0, out
    assert "Passed" in out


def test_files_that_are_not_cards_are_not_passed_to_the_hook(project, pre_commit_env):
    code, out = pre_commit(project, pre_commit_env, "cardlint", "settings.yaml")
    assert code == 0, out
    assert "(no files to check)Skipped" in out


def test_fix_hook_rewrites_a_fixable_card(project, pre_commit_env):
    code, out = pre_commit(project, pre_commit_env, "cardlint-fix", "fix-model-card.yaml")
    assert code == 1, out  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in out
    assert (project / "fix-model-card.yaml").read_text() == FIXED
    code, out = pre_commit(project, pre_commit_env, "cardlint-fix", "fix-model-card.yaml")
    assert code == 0, out  # nothing left to fix


def test_fix_hook_repairs_what_it_can_when_one_fix_is_left_out(project, pre_commit_env):
    code, out = pre_commit(project, pre_commit_env, "cardlint-fix", "partial-model-card.yaml")
    assert code == 1, out
    assert "files were modified by this hook" in out
    assert (project / "partial-model-card.yaml").read_text() == HASH_FIXED
    assert f"partial-model-card.yaml:11:20: X002 {HASH_X002}" in out


def readme_snippet() -> str:
    """The ``.pre-commit-config.yaml`` the README's pre-commit section shows."""
    section = ROOT.joinpath("README.md").read_text().split("\n## pre-commit\n", 1)[1]
    block = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", section, re.S)
    assert block is not None, "the README's pre-commit section has no configuration"
    return block.group(1)


def test_the_readmes_snippet_gives_one_failing_report_for_a_commit(
    tmp_path, pre_commit_env, hook_repo
):
    snippet = readme_snippet()
    url = "https://github.com/cardlint/cardlint"
    assert f"rev: {pc.TAG}" in snippet and url in snippet, snippet
    # Nine cards, one of them failing: without require_serial pre-commit runs them as
    # several cardlint processes, whose passing ones printed "All checks passed".
    files = {f"passing-{n}-model-card.yml": GOOD for n in range(8)}
    files["bad-model-card.yaml"] = BAD
    repo = pc.project(tmp_path, snippet.replace(url, hook_repo.as_posix()), files, pre_commit_env)
    code, out = pc.run(repo, pre_commit_env)  # what `git commit` runs: the staged files
    assert code == 1, out
    assert "\ncardlint" + "." * 65 + "Failed\n" in f"\n{out}", out
    summary = "Found 1 error, 0 warnings in 1 file (9 files checked)."
    assert pc.hook_output(out) == f"{S004}\n{summary}\n\n"  # pre-commit adds the blank line


def test_under_pre_commit_a_passing_run_prints_no_summary(tmp_path):
    # pre-commit still splits a file list longer than its command-line limit (128 KiB) into
    # several runs and prints their output together: a passing run must add nothing.
    (tmp_path / "good-model-card.yml").write_text(GOOD)
    (tmp_path / "bad-model-card.yaml").write_text(BAD)
    passing = run_cli("check", "--", "good-model-card.yml", cwd=tmp_path, env={"PRE_COMMIT": "1"})
    assert (passing.returncode, passing.stdout, passing.stderr) == (0, "", "")
    failing = run_cli("check", "--", "bad-model-card.yaml", cwd=tmp_path, env={"PRE_COMMIT": "1"})
    assert (failing.returncode, failing.stdout) == (
        1,
        f"{S004}\nFound 1 error, 0 warnings in 1 file (1 file checked).\n",
    )
    alone = run_cli("check", "--", "good-model-card.yml", cwd=tmp_path)
    assert alone.stdout == "All checks passed (1 file checked).\n"


def test_an_option_in_a_hooks_args_is_a_file_name_and_the_error_says_so(tmp_path):
    (tmp_path / "good-model-card.yml").write_text(GOOD)
    proc = run_cli("check", "--", "--fail-on", "warning", "good-model-card.yml", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        'cardlint: error: --fail-on: no such file or directory; after "--" every argument is a '
        "file name (pre-commit hooks take their options from the configuration file)\n"
    )
