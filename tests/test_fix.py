"""Fixes in process: exact text before and after for every fix kind, in JSON and YAML."""

from __future__ import annotations

import pytest

from cardlint.check.edits import apply_edits, make_fix, plain_ok, yaml_double_quoted, yaml_number
from cardlint.check.engine import check_bytes, check_text
from cardlint.core.diagnostics import (
    Diagnostic,
    Edit,
    Fix,
    FixIntent,
    QuoteScalar,
    RemoveProperty,
    RenameKey,
    ReplaceValue,
    Severity,
)
from cardlint.core.span import Span
from cardlint.fixing.fixer import MAX_PASSES, choose, fix_result
from cardlint.loading.document import Decoded
from cardlint.loading.parse import parse_document as parse


def fixed(text: str, filename: str = "card.json", *, unsafe: bool = False) -> str:
    outcome = fix_result(check_text(text, filename), unsafe=unsafe)
    assert outcome.abandoned is None
    return outcome.text


def edited(text: str, fmt: str, *actions: object) -> str | None:
    """The text after one hand-made intent, or None when no fix is offered."""
    doc = parse(text, fmt)  # type: ignore[arg-type]
    fix = make_fix(FixIntent("unsafe", "m", tuple(actions)), doc)  # type: ignore[arg-type]
    return None if fix is None else apply_edits(text, fix.edits)


# -- every safe fix the rules offer, end to end --------------------------------------------

JSON_BEFORE = """\
{
  "model_overview": {"modelCreator": "Data team", "model_artifact": ["s3://b/m.tar.gz"]},
  "intended_uses": {"risk_rating": "high", "explanations_for_risk_rating": "pii"},
  "training_details": {
    "objective_function": {"function": {"function": "Minimise"}},
    "training_job_details": {
      "training_metrics": [{"name": "auc", "value": "0.930"}]
    }
  },
  "evaluation_details": [
    {
      "name": "eval",
      "metric_groups": [
        {
          "name": "g",
          "metric_data": [
            {"name": "a", "type": "Linear_Graph", "value": [[1, 2]]},
            {"name": "b", "type": "boolean", "value": "false"},
            {"name": "c", "type": "number", "value": "1e3"}
          ]
        }
      ]
    }
  ],
  "additional_information": {"custom_details": {"ticket": 50000}}
}
"""

JSON_AFTER = """\
{
  "model_overview": {"model_creator": "Data team", "model_artifact": ["s3://b/m.tar.gz"]},
  "intended_uses": {"risk_rating": "High", "explanations_for_risk_rating": "pii"},
  "training_details": {
    "objective_function": {"function": {"function": "Minimize"}},
    "training_job_details": {
      "training_metrics": [{"name": "auc", "value": 0.930}]
    }
  },
  "evaluation_details": [
    {
      "name": "eval",
      "metric_groups": [
        {
          "name": "g",
          "metric_data": [
            {"name": "a", "type": "linear_graph", "value": [[1, 2]]},
            {"name": "b", "type": "boolean", "value": false},
            {"name": "c", "type": "number", "value": 1e3}
          ]
        }
      ]
    }
  ],
  "additional_information": {"custom_details": {"ticket": "50000"}}
}
"""


def test_every_safe_fix_in_json() -> None:
    outcome = fix_result(check_text(JSON_BEFORE, "card.json"))
    assert outcome.text == JSON_AFTER
    assert sorted(d.code for d in outcome.applied) == [
        "L003", "M001", "M001", "S001", "S001", "S002", "S004", "S008",
    ]  # fmt: skip
    assert [d.code for d in outcome.result.diagnostics] == ["V003"]


YAML_BEFORE = """\
# Churn model card   (comments, blank lines and quoting elsewhere stay as they are)
model_overview:
  modelCreator: Data team   # who built it
  model_artifact:
    - 's3://b/m.tar.gz'

intended_uses:
  risk_rating: "high"        # double quotes are kept
  explanations_for_risk_rating: pii
  purpose_of_model: 2024-03-01
  intended_uses: yes
training_details:
  objective_function:
    function: {function: minimise}
  training_job_details:
    training_metrics:
      - name: auc
        value: "0.930"   # a string
    hyper_parameters:
      - {name: lr, value: 0.30}
evaluation_details:
  - name: eval
    metric_groups:
      - name: g
        metric_data:
          - name: a
            type: Linear_Graph
            value: [[1, 2]]
          - name: b
            type: boolean
            value: 'true'
additional_information:
  custom_details:
    ticket: 50000
"""

YAML_AFTER = """\
# Churn model card   (comments, blank lines and quoting elsewhere stay as they are)
model_overview:
  model_creator: Data team   # who built it
  model_artifact:
    - 's3://b/m.tar.gz'

intended_uses:
  risk_rating: "High"        # double quotes are kept
  explanations_for_risk_rating: pii
  purpose_of_model: "2024-03-01"
  intended_uses: "yes"
training_details:
  objective_function:
    function: {function: Minimize}
  training_job_details:
    training_metrics:
      - name: auc
        value: 0.930   # a string
    hyper_parameters:
      - {name: lr, value: "0.30"}
evaluation_details:
  - name: eval
    metric_groups:
      - name: g
        metric_data:
          - name: a
            type: linear_graph
            value: [[1, 2]]
          - name: b
            type: boolean
            value: true
additional_information:
  custom_details:
    ticket: "50000"
"""


def test_every_safe_fix_in_yaml_with_comments() -> None:
    outcome = fix_result(check_text(YAML_BEFORE, "card.yaml"))
    assert outcome.text == YAML_AFTER
    assert sorted(d.code for d in outcome.applied) == [
        "L003", "M001", "S001", "S002", "S004", "S008", "Y001", "Y001", "Y001", "Y001",
    ]  # fmt: skip
    assert [d.code for d in outcome.result.diagnostics] == ["V003"]


def test_yaml_with_crlf_line_endings_keeps_them() -> None:
    before = YAML_BEFORE.replace("\n", "\r\n")
    assert fixed(before, "card.yaml") == YAML_AFTER.replace("\n", "\r\n")


def test_json_with_crlf_and_no_final_newline() -> None:
    before = JSON_BEFORE.replace("\n", "\r\n").rstrip()
    assert fixed(before) == JSON_AFTER.replace("\n", "\r\n").rstrip()


def test_bom_and_encoding_are_kept_byte_for_byte() -> None:
    from cardlint.fixing.fixer import encode

    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")):
        data = bom + YAML_BEFORE.replace("\n", "\r\n").encode(encoding)
        result = check_bytes(data, "card.yaml")
        outcome = fix_result(result)
        assert result.decoded is not None
        assert encode(outcome.text, result.decoded) == bom + YAML_AFTER.replace(
            "\n", "\r\n"
        ).encode(encoding)


# -- unsafe fixes ---------------------------------------------------------------------------


def test_unsafe_rename_applies_only_with_unsafe() -> None:
    before = '{"model_overview": {"model_creater": "x"}}'
    assert fixed(before) == before
    assert fixed(before, unsafe=True) == '{"model_overview": {"model_creator": "x"}}'


def test_duplicate_key_drops_the_earlier_occurrence_json() -> None:
    before = (
        "{\n"
        '  "model_overview": {\n'
        '    "model_creator": "a",\n'
        '    "model_artifact": [],\n'
        '    "model_creator": "b"\n'
        "  },\n"
        '  "intended_uses": {"risk_rating": "Low", "purpose_of_model": "p",'
        ' "risk_rating": "High"}\n'
        "}\n"
    )
    assert fixed(before) == before
    assert fixed(before, unsafe=True) == (
        "{\n"
        '  "model_overview": {\n'
        '    "model_artifact": [],\n'
        '    "model_creator": "b"\n'
        "  },\n"
        '  "intended_uses": {"purpose_of_model": "p", "risk_rating": "High"}\n'
        "}\n"
    )


def test_duplicate_key_drops_the_earlier_occurrence_yaml() -> None:
    before = (
        "model_overview:\r\n"
        "  model_creator: a   # first\r\n"
        "  model_artifact: []\r\n"
        "  # about the creator\r\n"
        "  model_creator: b\r\n"
        "intended_uses: {risk_rating: Low, risk_rating: High}\r\n"
    )
    assert fixed(before, "card.yaml", unsafe=True) == (
        "model_overview:\r\n"
        "  model_artifact: []\r\n"
        "  # about the creator\r\n"
        "  model_creator: b\r\n"
        "intended_uses: {risk_rating: High}\r\n"
    )


def test_three_occurrences_keep_the_last() -> None:
    before = "model_overview:\n  model_creator: a\n  model_creator: b\n  model_creator: c\n"
    after = fixed(before, "card.yaml", unsafe=True)
    assert after == "model_overview:\n  model_creator: c\n"


def test_many_occurrences_of_one_key_go_in_one_run() -> None:
    # More occurrences than passes: removals of different occurrences must not wait for
    # each other just because they name the same pointer.
    before = "model_overview:\n" + "".join(
        f"  model_creator: v{i}\n" for i in range(3 * MAX_PASSES)
    )
    outcome = fix_result(check_text(before, "card.yaml"), unsafe=True)
    assert outcome.text == f"model_overview:\n  model_creator: v{3 * MAX_PASSES - 1}\n"
    assert len(outcome.applied) == 3 * MAX_PASSES - 1


# -- the format layer, action by action ----------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('{"a": ["x", "y"]}', '{"a": "x y"}'),
        ('{\n  "a": [\n    "x",\n    "y"\n  ]\n}\n', '{\n  "a": "x y"\n}\n'),
    ],
)
def test_join_a_list_json(before: str, after: str) -> None:
    assert edited(before, "json", ReplaceValue("/a", "x y")) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a:\n  - x\n  - y   # last\n# after\nb: 1\n", "a: x y   # last\n# after\nb: 1\n"),
        ("a:\n- x\n- y\nb: 1\n", "a: x y\nb: 1\n"),
        ("a: [x, y]  # flow\n", "a: x y  # flow\n"),
        ("a: # keep me\n  - x\n  - y\n", "a: # keep me\n  x y\n"),
    ],
)
def test_join_a_list_yaml(before: str, after: str) -> None:
    assert edited(before, "yaml", ReplaceValue("/a", "x y")) == after


def test_truncate_a_long_string() -> None:
    long = "word " * 300
    assert edited(f'{{"a": "{long}"}}', "json", ReplaceValue("/a", long[:10])) == (
        '{"a": "word word "}'
    )
    assert edited(f"a: |\n  {long}\n  more\nb: 1\n", "yaml", ReplaceValue("/a", "word")) == (
        "a: word\nb: 1\n"
    )
    assert edited(f"a: >-\n  {long}\n", "yaml", ReplaceValue("/a", "w: x")) == 'a: "w: x"\n'


@pytest.mark.parametrize(
    ("before", "value", "after"),
    [
        ("a: high\n", "High", "a: High\n"),
        ("a: 'high'\n", "it's", "a: 'it''s'\n"),
        ('a: "high"\n', "High", 'a: "High"\n'),
        ("a: high\n", "yes", 'a: "yes"\n'),
        ("a: high\n", "No", 'a: "No"\n'),
        ("a: high\n", "null", 'a: "null"\n'),
        ("a: high\n", "2024-03-01", 'a: "2024-03-01"\n'),
        ("a: high\n", "a: b", 'a: "a: b"\n'),
        ("a: high\n", "x #y", 'a: "x #y"\n'),
        ("a: high\n", "- x", 'a: "- x"\n'),
        ("a: high\n", "", 'a: ""\n'),
        ("a: high\n", 'say "hi"\n\ttab', 'a: "say \\"hi\\"\\n\\ttab"\n'),
        ("a: [high, low]\n", "x, y", 'a: [high, "x, y"]\n'),
        ('a: "0.93"\n', 0.93, "a: 0.93\n"),
        ('a: "0.930"\n', 0.93, "a: 0.930\n"),
        ('a: "1e3"\n', 1000.0, "a: 1000.0\n"),
        ('a: "7"\n', 7, "a: 7\n"),
        ("a: x\n", 1e-05, "a: 1.0e-05\n"),
        ('a: "true"\n', True, "a: true\n"),
        ("a: x\n", None, "a: null\n"),
        ("a: 50000\n", "50000", 'a: "50000"\n'),
    ],
)
def test_yaml_value_rendering(before: str, value: object, after: str) -> None:
    pointer = "/a/1" if before.startswith("a: [") else "/a"
    assert edited(before, "yaml", ReplaceValue(pointer, value)) == after
    assert parse(after, "yaml").value is not None


@pytest.mark.parametrize(
    ("before", "value", "after"),
    [
        ('{"a": "0.930"}', 0.93, '{"a": 0.930}'),
        ('{"a": " 1e3 "}', 1000.0, '{"a": 1e3}'),
        ('{"a": "7"}', 7.0, '{"a": 7.0}'),
        ('{"a": 50000}', "50000", '{"a": "50000"}'),
        ('{"a": "x"}', "é\u2028", '{"a": "é\u2028"}'),
        ('{"a": "x"}', "\ud800", '{"a": "\\ud800"}'),
        ('{"a": "x"}', {"k": [1, None]}, '{"a": {"k": [1, null]}}'),
    ],
)
def test_json_value_rendering(before: str, value: object, after: str) -> None:
    assert edited(before, "json", ReplaceValue("/a", value)) == after


@pytest.mark.parametrize(
    ("written", "quoted"),
    [
        ("2024-03-01", '"2024-03-01"'),
        ("yes", '"yes"'),
        ("0.30", '"0.30"'),
        ("0o17", '"0o17"'),
        ("1_000", '"1_000"'),
        ("~", '"~"'),
        ("12:30:00", '"12:30:00"'),
    ],
)
def test_quote_scalar_reproduces_the_text_exactly(written: str, quoted: str) -> None:
    before = f"a: {written}   # note\r\nb: {written}\r\n"
    assert edited(before, "yaml", QuoteScalar("/a")) == f"a: {quoted}   # note\r\nb: {written}\r\n"
    assert parse(f"a: {quoted}\n", "yaml").value == {"a": written}


def test_quote_scalar_in_json_and_in_a_sequence() -> None:
    assert edited('{"a": [1, 50000]}', "json", QuoteScalar("/a/1")) == '{"a": [1, "50000"]}'
    assert edited("a:\n  - 1\n  - 0.30\n", "yaml", QuoteScalar("/a/1")) == 'a:\n  - 1\n  - "0.30"\n'


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("modelCreator: x  # c\n", "model_creator: x  # c\n"),
        ("'modelCreator': x\n", "'model_creator': x\n"),
        ('"modelCreator": x\n', '"model_creator": x\n'),
        ("{modelCreator: x, b: 1}\n", "{model_creator: x, b: 1}\n"),
    ],
)
def test_rename_key_yaml(before: str, after: str) -> None:
    assert edited(before, "yaml", RenameKey("/modelCreator", "model_creator")) == after


def test_rename_key_to_a_string_yaml_would_misread_is_quoted() -> None:
    assert edited("a: 1\n", "yaml", RenameKey("/a", "yes")) == '"yes": 1\n'
    assert edited('{"a": 1}', "json", RenameKey("/a", "b/c")) == '{"b/c": 1}'


@pytest.mark.parametrize(
    ("before", "pointer", "after"),
    [
        ('{"a": 1, "b": 2, "c": 3}', "/b", '{"a": 1, "c": 3}'),
        ('{"a": 1, "b": 2, "c": 3}', "/a", '{"b": 2, "c": 3}'),
        ('{"a": 1, "b": 2, "c": 3}', "/c", '{"a": 1, "b": 2}'),
        ('{"x": {"a": [1, {"z": 2}]}}', "/x/a", '{"x": {}}'),
        ('{\n  "a": 1,\n  "b": 2\n}\n', "/a", '{\n  "b": 2\n}\n'),
        ('{\n  "a": 1,\n  "b": 2\n}\n', "/b", '{\n  "a": 1\n}\n'),
    ],
)
def test_remove_property_json(before: str, pointer: str, after: str) -> None:
    assert edited(before, "json", RemoveProperty(pointer)) == after


@pytest.mark.parametrize(
    ("before", "pointer", "after"),
    [
        ("a: 1\nb:\n  c: 2\n  # inner\n  d: [3]\n# c\ne: 4\n", "/b", "a: 1\n# c\ne: 4\n"),
        ("a: 1\nb: 2  # end", "/b", "a: 1"),
        ("x:\n  a: 1\n", "/x/a", "x:\n  {}\n"),
        ("- a: 1\n  b: 2\n", "/0/a", "- b: 2\n"),
        ("x: {a: 1, b: 2}\n", "/x/a", "x: {b: 2}\n"),
        ("x: {a: 1}\n", "/x/a", "x: {}\n"),
    ],
)
def test_remove_property_yaml(before: str, pointer: str, after: str) -> None:
    assert edited(before, "yaml", RemoveProperty(pointer)) == after


@pytest.mark.parametrize(
    ("text", "fmt", "action"),
    [
        ("a: &x 1\nb: *x\n", "yaml", ReplaceValue("/b", 2)),
        ("a: &x 1\nb: *x\n", "yaml", ReplaceValue("/a", 2)),
        ("a: !!str 1\n", "yaml", ReplaceValue("/a", "x")),
        ("a: 1\nb: 2\n", "yaml", RenameKey("/a", "b")),
        ('{"a": 1}', "json", ReplaceValue("/missing", 2)),
        ('{"a": 1}', "json", RenameKey("/missing", "b")),
        ('{"a": "x"}', "json", QuoteScalar("/a")),
        ("b: &m {a: 1}\nc:\n  <<: *m\n", "yaml", ReplaceValue("/c/a", 2)),
    ],
)
def test_no_fix_when_it_cannot_be_written_exactly(text: str, fmt: str, action: object) -> None:
    assert edited(text, fmt, action) is None


def test_yaml_helpers() -> None:
    assert yaml_number(1e20) == "1.0e+20"
    assert yaml_double_quoted("\x00\x85\u2028\U0001f600\x7f") == '"\\0\\N\\L\U0001f600\\x7f"'
    assert plain_ok("Data team") and plain_ok("linear_graph") and plain_ok("s3/path-x.y")
    assert not any(plain_ok(s) for s in ("y", "Off", "NULL", "1st", " x", "a:b", "x,y", "é:"))


# -- passes, collisions, verification ------------------------------------------------------


def test_a_fix_that_enables_another_runs_in_the_next_pass() -> None:
    outcome = fix_result(check_text('{"intended_uses": {"riskRating": "high"}}', "c.json"))
    assert outcome.text == '{"intended_uses": {"risk_rating": "High"}}'
    assert [d.code for d in outcome.applied] == ["S004", "S002"]


def _diag(code: str, pointer: str, edit: Edit, intent: FixIntent) -> Diagnostic:
    return Diagnostic(
        "c.json",
        code,
        Severity.ERROR,
        "m",
        pointer,
        edit.span,
        Fix("safe", "m", (edit,)),
        intent,
    )


def test_colliding_fixes_wait_for_the_next_pass() -> None:
    span = Span(1, 7, 1, 13, 6, 12)
    first = _diag(
        "S002", "/a", Edit(span, '"High"'), FixIntent("safe", "m", (ReplaceValue("/a", "High"),))
    )
    inner = Span(1, 8, 1, 9, 7, 8)
    second = _diag(
        "S009", "/a", Edit(inner, "H"), FixIntent("safe", "m", (ReplaceValue("/a", "Hxgh"),))
    )
    elsewhere = Span(1, 20, 1, 21, 19, 20)
    third = _diag(
        "S009", "/b", Edit(elsewhere, "2"), FixIntent("safe", "m", (ReplaceValue("/b", 2),))
    )
    assert choose([third, second, first]) == [first, third]


def test_a_fix_that_would_change_other_values_is_abandoned() -> None:
    text = '{"intended_uses": {"risk_rating": "high", "purpose_of_model": "p"}}'
    result = check_text(text, "c.json")
    [s002] = [d for d in result.diagnostics if d.code == "S002"]
    assert s002.fix is not None
    # An edit that reaches past its value into the next member: it must never be written.
    wide = Span(1, 35, 1, 66, 34, 65)
    bad = s002._replace(fix=s002.fix._replace(edits=(Edit(wide, '"High"'),)))
    outcome = fix_result(result._replace(diagnostics=(bad,)))
    assert outcome.text == text and not outcome.changed and outcome.applied == ()
    [x002] = [d for d in outcome.result.diagnostics if d.code == "X002"]
    assert x002.message == (
        "fix for S002 abandoned because the value at /intended_uses/purpose_of_model would "
        "not be what the fix intends; make this change by hand"
    )
    assert outcome.left_out == (x002,) and outcome.abandoned is None
    assert (x002.span.line, x002.span.column) == (1, 35)


def test_a_fix_that_would_break_parsing_is_abandoned() -> None:
    text = '{"intended_uses": {"risk_rating": "high"}}'
    result = check_text(text, "c.json")
    [s002] = result.diagnostics
    assert s002.fix is not None
    bad = s002._replace(fix=s002.fix._replace(edits=(Edit(s002.span, '"High'),)))
    outcome = fix_result(result._replace(diagnostics=(bad,)))
    assert outcome.text == text
    [x002] = [d for d in outcome.result.diagnostics if d.code == "X002"]
    assert x002.message.startswith(
        "fix for S002 abandoned because the fixed text would not parse: "
    )
    assert x002.message.endswith("; make this change by hand")


def test_fixing_is_bounded_and_stable() -> None:
    assert MAX_PASSES == 10
    once = fixed(JSON_BEFORE)
    outcome = fix_result(check_text(once, "card.json"), unsafe=True)
    assert not outcome.changed and outcome.applied == ()


def test_text_given_without_decoding_is_fixed_as_utf8() -> None:
    result = check_text("intended_uses:\n  risk_rating: médium\n", "c.yaml")
    assert result.decoded is None
    outcome = fix_result(result)
    assert outcome.text == "intended_uses:\n  risk_rating: Medium\n"
    assert outcome.result.decoded == Decoded(outcome.text, "utf-8", b"")


def test_fix_actions_equal_only_actions_of_their_own_kind() -> None:
    assert RenameKey("/a", "b") == RenameKey("/a", "b")
    assert RenameKey("/a", "b") != ReplaceValue("/a", "b")
    assert RemoveProperty("/a") != ReplaceValue("/a", None)
    assert QuoteScalar("/a") != ("/a",)
    assert len({RenameKey("/a", "b"), RenameKey("/a", "b")}) == 1
