"""Every rule on its documented failing example: the example fails with that code, each message
reads as one clean sentence, and the catalogue's "fixable" is the truth.

``CASES`` reproduces each rule's ``Example (fails)::`` (its module docstring, what ``cardlint
explain`` prints) as a whole input; where the example is literal card text, every line of it must
appear in the input, so that the documentation and this test cannot drift apart.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from cardlint.check import engine
from cardlint.core.diagnostics import Diagnostic
from cardlint.core.settings import Limits, Settings
from cardlint.rules import REGISTRY
from helpers import run_cli

EVERYTHING = Settings(extend_select=tuple(REGISTRY))  # opt-in rules too


def metric(item: str) -> str:
    """A card around one ``metric_data`` item written as YAML lines (``- name: ...``)."""
    body = textwrap.indent(textwrap.dedent(item).strip("\n"), " " * 10)
    return (
        "evaluation_details:\n  - name: holdout\n    metric_groups:\n      - name: g\n"
        f"        metric_data:\n{body}\n"
    )


def yaml(text: str) -> Callable[[Path], list[Diagnostic]]:
    return text_case(textwrap.dedent(text).lstrip("\n"), "model-card.yaml")


def text_case(
    text: str, name: str, settings: Settings = EVERYTHING
) -> Callable[[Path], list[Diagnostic]]:
    def run(_tmp: Path) -> list[Diagnostic]:
        return list(engine.check_text(text, name, settings).diagnostics)

    run.text = text  # type: ignore[attr-defined]
    return run


def bytes_case(data: bytes, settings: Settings = EVERYTHING) -> Callable[[Path], list[Diagnostic]]:
    def run(_tmp: Path) -> list[Diagnostic]:
        return list(engine.check_bytes(data, "model-card.json", settings).diagnostics)

    return run


def alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def time_limit_case(_tmp: Path) -> list[Diagnostic]:
    text = "".join(f"key_{i}: v\n" for i in range(20_000))
    settings = EVERYTHING._replace(limits=Limits(max_seconds=0.001))
    return list(engine.check_text_limited(text, "model-card.yaml", settings).diagnostics)


def internal_error_case(_tmp: Path) -> list[Diagnostic]:
    from cardlint.rules import g001_risk_explanation

    original = g001_risk_explanation.check

    def broken(card: object) -> list[object]:
        raise ValueError("boom")

    rule = REGISTRY["G001"]
    import cardlint.check.engine as eng

    patched = tuple(r._replace(check=broken) if r.code == "G001" else r for r in eng.CHECKS)
    saved, eng.CHECKS = eng.CHECKS, patched  # type: ignore[misc]
    try:
        return list(engine.check_text("{}", "model-card.json", EVERYTHING).diagnostics)
    finally:
        eng.CHECKS = saved  # type: ignore[misc]
        assert rule.check is original


def fix_abandoned_case(tmp: Path) -> list[Diagnostic]:
    card = tmp / "model-card.yaml"
    card.write_text(CASES_TEXT["X002"], encoding="utf-8")
    proc = run_cli("check", "--no-cache", "--fix", "--format", "json", card.name, cwd=tmp)
    report = json.loads(proc.stdout)
    return [_from_json(d) for d in report["diagnostics"]]


def unused_schema_case(spec: dict[str, object], card: str) -> Callable[[Path], list[Diagnostic]]:
    def run(tmp: Path) -> list[Diagnostic]:
        schema = tmp / "schema.json"
        schema.write_text(json.dumps(spec), encoding="utf-8")
        settings = EVERYTHING._replace(schema=str(schema))
        return list(engine.check_text(card, "model-card.json", settings).diagnostics)

    return run


def _from_json(d: dict[str, object]) -> Diagnostic:
    from cardlint.core.span import Span

    span = Span(int(d["line"]), int(d["column"]), 0, 0, 0, 0)  # type: ignore[arg-type]
    return Diagnostic(
        "model-card.yaml",
        str(d["code"]),
        d["severity"],  # type: ignore[arg-type]
        str(d["message"]),
        str(d["pointer"]),
        span,
        d["fix"],  # type: ignore[arg-type]
    )


CASES_TEXT = {
    "X002": textwrap.dedent(
        """\
        evaluation_details:
          - name: holdout
            metric_groups:
              - name: scores
                metric_data:
                  - name: calibrated
                    type: boolean
                    value: "true"#checked    # as a plain scalar, true#checked is a string
        """
    ),
}

ARTIFACTS = "".join(f"    - s3://bucket/model-{i:02d}.tar.gz\n" for i in range(1, 17))

CASES: dict[str, Callable[[Path], list[Diagnostic]]] = {
    "G001": yaml("intended_uses:\n  risk_rating: High\n"),
    "G002": yaml('business_details:\n  business_problem: ""\nadditional_information: {}\n'),
    "G003": yaml(
        """
        model_overview:
          model_creator: Your Name
        intended_uses:
          intended_uses: Weekly retention campaigns. TODO add exclusions
        """
    ),
    "G004": yaml(
        """
        evaluation_details:
          - name: holdout-2024-04
            evaluation_observation: Looks good.
        """
    ),
    "L001": yaml("model_overview:\n  model_artifact:\n" + ARTIFACTS),
    "L002": yaml(
        """
        evaluation_details:
          - name: quarterly evaluation of the fraud model on the April 2024 hold-out set
            metric_groups: [{name: g, metric_data: [{name: m, type: number, value: 1}]}]
        """
    ),
    "L003": yaml(
        """
        training_details:
          objective_function:
            function:
              function: Minimise
              facet: LogLoss
        """
    ),
    "M001": yaml(metric('- name: auc\n  type: number\n  value: "0.93"\n')),
    "M002": yaml(
        metric(
            "- name: recall by segment\n  type: bar_chart\n  value: [0.84, 0.79, 0.77]\n"
            "  x_axis_name: [card present, online]\n"
        )
    ),
    "M003": yaml(
        metric("- name: confusion matrix\n  type: matrix\n  value: [[98012, 411], [96]]\n")
    ),
    "M004": yaml(
        """
        training_details:
          training_job_details:
            training_metrics:
              - name: validation:logloss
                value: .nan
        """
    ),
    "P001": text_case('{"model_overview": {"model_creator": "ml-team",}}', "model-card.json"),
    "P002": yaml("intended_uses:\n  risk_rating: Low\n  risk_rating: High\n"),
    "P003": bytes_case('{"model_overview": {"model_creator": "café"}}'.encode("latin-1")),
    "P004": text_case('["model_overview"]', "model-card.json"),
    "P005": text_case("[" * 100 + "]" * 100, "model-card.json"),
    "P006": yaml("model_overview: !!python/object/apply:os.system [echo]\n"),
    "P007": yaml("model_overview: {}\n---\nintended_uses: {}\n"),
    "P008": text_case(alias_bomb(), "model-card.yaml"),
    "P009": bytes_case(
        b'{"model_overview": {}}', EVERYTHING._replace(limits=Limits(max_file_size=8))
    ),
    "P010": yaml(
        """
        evaluation_details:
          - name: e
            metadata:
              yes: approved
        """
    ),
    "P011": yaml(
        """
        base: &base {model_creator: ml-team}
        model_overview:
          <<: *base
        """
    ),
    "P012": text_case(
        '{"training_details": {"training_job_details": {"training_metrics": [\n'
        '    {"name": "n", "value": ' + "1" * 5000 + "}]}}}",
        "model-card.json",
    ),
    "P013": text_case(
        '{"model_overview": {"model_creator": "ml-team \\ud83d"}}', "model-card.json"
    ),
    "P014": text_case(
        '{"model_overview": {"model_creator": "ml-team\\u001b[2J"}}', "model-card.json"
    ),
    "P015": time_limit_case,
    "P016": text_case(
        '{"evaluation_details": [' + ", ".join(["{}"] * 200_000) + "]}", "model-card.json"
    ),
    "S001": yaml(
        """
        training_details:
          training_job_details:
            training_metrics:
              - name: auc
                value: "0.93"
        """
    ),
    "S002": yaml("intended_uses:\n  risk_rating: high\n"),
    "S003": yaml("evaluation_details:\n  - evaluation_observation: fine\n"),
    "S004": yaml("model_overview:\n  modelCreator: ml-team\n"),
    "S005": yaml(
        "business_details:\n  business_problem: "
        + " ".join(["Reduce chargebacks without blocking good customers."] * 42)
        + "\n"
    ),
    "S006": yaml('evaluation_details:\n  - name: ""\n'),
    "S007": yaml(
        """
        evaluation_details:
          - name: e
            datasets: [a, b, c, d, e, f, g, h, i, j, k]
        """
    ),
    "S008": yaml(metric("- name: acc\n  type: Number\n  value: 0.9\n- name: auc\n  value: 0.93\n")),
    "S009": unused_schema_case(
        {"type": "object", "properties": {"version": {"minimum": 1}}}, '{"version": 0}'
    ),
    "S010": unused_schema_case({"$ref": "https://example.com/card.json"}, "{}"),
    "V001": text_case(
        json.dumps({"additional_information": {"custom_details": {"full_report": "r" * 120_000}}}),
        "model-card.json",
    ),
    "V002": yaml(
        "training_details:\n  training_job_details:\n    training_arn: fraud-xgb-2024-05-02\n"
    ),
    "V003": yaml("model_overview:\n  model_artifact:\n    - /home/me/model.tar.gz\n"),
    "V004": yaml(
        """
        training_details:
          training_job_details:
            training_environment:
              container_image:
                - XGBoost 1.7
        """
    ),
    "X001": internal_error_case,
    "X002": fix_abandoned_case,
    "X003": lambda _tmp: list(
        engine.unreadable("model-card.json", "Permission denied").diagnostics
    ),
    "X004": yaml("intended_uses:\n  risk_rating: High  # cardlint: ignore[S002]\n"),
    "Y001": yaml("evaluation_details:\n  - name: 2024-03-01\n"),
    "Y002": yaml(metric("- name: calibrated\n  type: boolean\n  value: yes\n")),
}

# Not literal card text: a description (`a 12 MB file`), an elided value (`<2,100 characters>`)
# or a fragment written at another level than the case (every line is still checked).
DESCRIBED = {
    "P005",
    "P008",
    "P009",
    "P012",
    "P015",
    "P016",
    "S005",
    "S009",
    "S010",
    "V001",
    "X001",
    "X003",
}

DOUBLED_ARTICLE = re.compile(r"\b(?:a|an|the)\s+(?:a|an|the)\b", re.IGNORECASE)
DOUBLED_PHRASE = re.compile(r"\b((?:a|an|the) \w+) \1\b", re.IGNORECASE)
BARE_TYPE = re.compile(
    r"\b(?:as|be|is|not|reads)\s+(?:number|boolean|string|array|object|date|integer)\b"
)
EMPTY_QUOTES = re.compile(r"(?<![\w\\])(?:\"\"|'')(?!\w)")


def problems(message: str) -> list[str]:
    """What keeps ``message`` from reading as one clean sentence (quoted values are data)."""
    found = []
    if DOUBLED_ARTICLE.search(message) or DOUBLED_PHRASE.search(message):
        found.append("doubled article")
    if BARE_TYPE.search(message):
        found.append("a type named without its article")
    if EMPTY_QUOTES.search(message):
        found.append("empty quotes")
    words = re.sub(r'"(?:[^"\\]|\\.)*"', '"…"', message)
    if "\n" in words or re.search(r"[.!?] [A-Z]", words) or words.endswith("."):
        found.append("more than one sentence, or a stray full stop")
    if "  " in words or words != words.strip():
        found.append("stray spaces")
    return found


def test_every_rule_has_a_case() -> None:
    assert sorted(CASES) == sorted(REGISTRY)


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_the_documented_example_is_the_case(code: str) -> None:
    doc = REGISTRY[code].doc
    example = doc.split("Example (fails)::", 1)[1].split("Use instead::", 1)[0]
    run = CASES[code]
    text = getattr(run, "text", None) or CASES_TEXT.get(code)
    if code in DESCRIBED or text is None:
        return
    for line in textwrap.dedent(example).strip().splitlines():
        written = line.split("  #", 1)[0].strip() if "# cardlint" not in line else line.strip()
        if written and written not in ("...", "- ..."):
            assert written in text, (code, written)


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_each_message_is_one_clean_sentence_and_fixable_is_true(code: str, tmp_path: Path) -> None:
    diagnostics = CASES[code](tmp_path)
    mine = [d for d in diagnostics if d.code == code]
    assert mine, (code, [(d.code, d.message) for d in diagnostics])
    for d in diagnostics:  # every message the example produces, not only the rule's own
        assert problems(d.message) == [], (d.code, d.message)
    offers_fix = any(d.fix is not None for d in mine)
    assert offers_fix is REGISTRY[code].fixable, (code, [d.message for d in mine])


@pytest.mark.parametrize(
    ("message", "defects"),
    [
        ("value must be an array, not an object an object of 2 items", ["doubled article"]),
        ("written 0.30 which YAML 1.1 reads as number 0.3", ["a type named without its article"]),
        (
            'explanations_for_risk_rating is written  which reads as null; quote it ("")',
            ["empty quotes", "stray spaces"],
        ),
        ("name is empty. Write one", ["more than one sentence, or a stray full stop"]),
        ('risk_rating "high" is not one of High, Medium, Low, Unknown (did you mean "High"?)', []),
    ],
)
def test_the_sentence_check_can_fail(message: str, defects: list[str]) -> None:
    assert problems(message) == defects


FIXABLE_TEXT = sorted(
    code for code in REGISTRY if REGISTRY[code].fixable and getattr(CASES[code], "text", None)
)


@pytest.mark.parametrize("code", FIXABLE_TEXT)
def test_the_fix_on_the_documented_example_clears_it(code: str, tmp_path: Path) -> None:
    text = CASES[code].text  # type: ignore[attr-defined]
    card = tmp_path / "model-card.yaml"
    card.write_text(text, encoding="utf-8")
    before = engine.check_text(text, card.name, EVERYTHING).diagnostics
    unfixable = [d.message for d in before if d.code == code and d.fix is None]
    run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", card.name, cwd=tmp_path)
    after = engine.check_text(card.read_text(encoding="utf-8"), card.name, EVERYTHING)
    assert card.read_text(encoding="utf-8") != text
    assert [d.message for d in after.diagnostics if d.code == code] == unfixable
