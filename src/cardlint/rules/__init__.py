"""The rule catalogue: every code cardlint can emit, with its documentation.

An explicit list, no discovery: a new rule is a module here and its name in
:data:`RULE_MODULES`. Modules with a ``check`` function are lint rules run on every card; a
``patch`` function corrects the published schema (:data:`STRICT_PATCHES`); the others document
codes that the parser, the schema mapping or the engine emit (named in
:mod:`cardlint.core.codes` for the code outside the rules that reports them).
"""

from __future__ import annotations

from importlib import import_module
from types import MappingProxyType

from cardlint.rules.base import Card, Rule
from cardlint.schema.strict import Patch

RULE_MODULES = (
    "g001_risk_explanation",
    "g002_empty_value",
    "g003_placeholder_text",
    "g004_evaluation_without_metrics",
    "l001_array_limit",
    "l002_unanchored_length",
    "l003_objective_function",
    "m001_metric_value_type",
    "m002_axis_name_count",
    "m003_matrix_rows",
    "m004_non_finite_number",
    "p001_syntax_error",
    "p002_duplicate_key",
    "p003_undecodable",
    "p004_not_an_object",
    "p005_too_deep",
    "p006_yaml_tag",
    "p007_multiple_documents",
    "p008_alias_expansion",
    "p009_file_too_large",
    "p010_non_string_key",
    "p011_merge_key",
    "p012_number_range",
    "p013_lone_surrogate",
    "p014_control_character",
    "p015_time_limit",
    "p016_too_many_values",
    "s001_schema_type",
    "s002_schema_enum",
    "s003_schema_required",
    "s004_unknown_property",
    "s005_max_length",
    "s006_schema_pattern",
    "s007_array_length",
    "s008_metric_type",
    "s009_schema_constraint",
    "s010_unresolvable_ref",
    "v001_card_size",
    "v002_arn_format",
    "v003_s3_uri",
    "v004_image_uri",
    "x001_internal_error",
    "x002_fix_abandoned",
    "x003_unreadable",
    "x004_unused_suppression",
    "y001_yaml_implicit_type",
    "y002_yaml_version_ambiguity",
)
"""The registry: every rule module of this package, by name, in code order. A rule is its
module and its line here (tests/test_registry.py fails for a module left out)."""


def _load(name: str) -> Rule:
    return Rule.from_module(import_module(f"{__name__}.{name}"))


REGISTRY: MappingProxyType[str, Rule] = MappingProxyType(
    {rule.code: rule for rule in map(_load, RULE_MODULES)}
)
"""Code → rule, in code order."""

CHECKS: tuple[Rule, ...] = tuple(rule for rule in REGISTRY.values() if rule.check is not None)
"""The lint rules that run on every card, in code order."""

STRICT_PATCHES: tuple[Patch, ...] = tuple(
    rule.patch for rule in REGISTRY.values() if rule.patch is not None
)
"""The rules' corrections of the published schemas, in code order: what the schema layer is
given to build the strict schema it validates with (:func:`cardlint.schema.strict.correct`)."""


def select(codes: list[str] | None, prefixes: list[str]) -> list[str]:
    """Codes in the catalogue that start with any of ``prefixes`` (``ALL`` matches all)."""
    pool = codes if codes is not None else list(REGISTRY)
    if "ALL" in prefixes:
        return list(pool)
    return [code for code in pool if code.startswith(tuple(prefixes))]


def markdown_table() -> str:
    """The README's rule table: one row per code, generated from the registry."""
    rows = [
        "| Code | Name | Default severity | Fix | Summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in REGISTRY.values():
        summary = rule.summary.replace("|", "\\|")
        fix = "yes" if rule.fixable else ""
        severity = rule.severity.value + ("" if rule.default_enabled else " (opt-in)")
        rows.append(f"| {rule.code} | {rule.name} | {severity} | {fix} | {summary} |")
    return "\n".join(rows) + "\n"


__all__ = ["CHECKS", "REGISTRY", "STRICT_PATCHES", "Card", "Rule", "markdown_table", "select"]
