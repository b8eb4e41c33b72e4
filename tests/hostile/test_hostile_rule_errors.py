"""An exception inside a rule is an X001 finding for that file; the other rules and the other
files still run."""

from __future__ import annotations

import textwrap

from cardlint import lint_paths, lint_text
from cardlint.check import engine
from cardlint.core.diagnostics import Finding
from helpers import run_cli

BAD = '{"intended_uses": {"risk_rating": "high"}, "model_overview": {"model_creator": ""}}'


def _explode(card):
    raise KeyError("boom")


def broken_checks():
    """The real rules, with the first one's check replaced by one that raises."""
    first, *rest = engine.CHECKS
    return (first._replace(check=_explode), *rest), first.code


def test_rule_exception_is_x001_and_other_rules_run(monkeypatch) -> None:
    before = [d.code for d in lint_text(BAD, filename="card.json")]
    checks, code = broken_checks()
    monkeypatch.setattr(engine, "CHECKS", checks)
    after = lint_text(BAD, filename="card.json")
    [x001] = [d for d in after if d.code == "X001"]
    assert x001.severity.value == "error"
    assert (x001.pointer, x001.span.line, x001.span.column) == ("", 1, 1)
    assert x001.message.startswith(f"rule {code} failed: KeyError: 'boom' (test_hostile_rule_")
    assert x001.message.endswith("); please report this")
    # everything the broken rule did not produce is still there
    assert [d.code for d in after if d.code != "X001"] == [c for c in before if c != code]
    assert "S002" in before


def test_rule_exception_midway_keeps_the_findings_so_far(monkeypatch) -> None:
    first, *rest = engine.CHECKS

    def half(card):
        yield Finding(first.code, "/intended_uses", "found before the failure")
        raise RuntimeError("second half failed")

    monkeypatch.setattr(engine, "CHECKS", (first._replace(check=half), *rest))
    found = [(d.code, d.pointer, d.message) for d in lint_text(BAD, filename="card.json")]
    assert (first.code, "/intended_uses", "found before the failure") in found
    [x001] = [f for f in found if f[0] == "X001"]
    assert x001[2].startswith(f"rule {first.code} failed: RuntimeError: second half failed (")


def test_other_files_still_run(tmp_path, monkeypatch) -> None:
    for name in ("a-model-card.json", "b-model-card.json"):
        (tmp_path / name).write_text(BAD)
    checks, _ = broken_checks()
    monkeypatch.setattr(engine, "CHECKS", checks)
    found = [(d.path.rsplit("/", 1)[-1], d.code) for d in lint_paths([tmp_path])]
    for name in ("a-model-card.json", "b-model-card.json"):
        assert (name, "X001") in found
        assert (name, "S002") in found


HOOK = textwrap.dedent(
    """
    import cardlint.check.engine as engine

    def _explode(card):
        raise ZeroDivisionError("injected by the test")

    first, *rest = engine.CHECKS
    engine.CHECKS = (first._replace(check=_explode), *rest)
    """
)


def test_cli_reports_x001_and_exits_1_without_a_traceback(tmp_path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK)
    for name in ("a-model-card.json", "b-model-card.json"):
        (tmp_path / name).write_text(BAD)
    proc = run_cli(
        "check", "-q", "--jobs", "1", "--no-cache", str(tmp_path), env={"PYTHONPATH": str(hook)}
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stdout.splitlines()
    for name in ("a-model-card.json", "b-model-card.json"):
        assert any(
            line.startswith(f"{tmp_path}/{name}:1:1: X001 rule ")
            and "failed: ZeroDivisionError: injected by the test (sitecustomize.py:" in line
            for line in lines
        ), lines
        assert any(line.startswith(f"{tmp_path}/{name}:1:35: S002 ") for line in lines), lines
