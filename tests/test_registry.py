"""One place to declare a rule: its module in ``src/cardlint/rules/`` plus its line in
``RULE_MODULES``. These tests fail when the other places that name a code drift from it: a rule
module left out of the registry, a constant in ``core/codes.py`` whose code is not its rule's,
an opt-in code the registry does not know as one, a schema correction outside the registry.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

from cardlint import rules
from cardlint.core import codes
from cardlint.rules import REGISTRY, RULE_MODULES, STRICT_PATCHES
from cardlint.schema.strict import ANNOTATION, subschemas
from cardlint.schema.validation import load_schema

RULES_DIR = Path(rules.__file__).parent
RULE_FILE = re.compile(r"([a-z]\d{3})_([a-z0-9_]+)\.py")
CODE = re.compile(r"[A-Z]\d{3}")


def rule_files() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.py") if RULE_FILE.fullmatch(p.name))


def module(name: str) -> ModuleType:
    return importlib.import_module(f"cardlint.rules.{name}")


def code_constants() -> dict[str, str]:
    """``codes.py``'s rule codes: constant name -> code."""
    return {
        name: value
        for name, value in vars(codes).items()
        if name.isupper() and isinstance(value, str) and CODE.fullmatch(value)
    }


def test_every_rule_module_is_registered() -> None:
    missing = sorted(set(rule_files()) - set(RULE_MODULES))
    assert not missing, f"add to RULE_MODULES in src/cardlint/rules/__init__.py: {missing}"


def test_every_registered_name_is_a_rule_module() -> None:
    assert sorted(set(RULE_MODULES) - set(rule_files())) == []
    assert len(set(RULE_MODULES)) == len(RULE_MODULES)


def test_registry_lines_are_in_code_order() -> None:
    assert list(RULE_MODULES) == sorted(RULE_MODULES)


@pytest.mark.parametrize("name", RULE_MODULES)
def test_a_rule_module_declares_the_code_its_file_is_named_for(name: str) -> None:
    declared = module(name).CODE
    assert declared == name[:4].upper(), f"rules/{name}.py says CODE = {declared!r}"
    assert REGISTRY[declared].name == module(name).NAME


def test_one_rule_per_code() -> None:
    assert len(REGISTRY) == len(RULE_MODULES)


@pytest.mark.parametrize(("constant", "code"), sorted(code_constants().items()))
def test_a_code_constant_is_the_code_of_the_rule_it_names(constant: str, code: str) -> None:
    # The constant names its rule module: codes.TIME_LIMIT is rules/p015_time_limit.py's code,
    # codes.TYPE that of rules/s001_schema_type.py (its words are a run of the module's words).
    assert code in REGISTRY, f"codes.{constant} = {code!r} is no registered rule's code"
    [name] = [n for n in RULE_MODULES if code == module(n).CODE]
    words = f"_{name[5:]}_"
    assert f"_{constant.lower()}_" in words, (
        f"codes.{constant} = {code!r}, but {code} is rules/{name}.py; "
        f"which code did {constant} mean?"
    )


def test_no_two_code_constants_share_a_code() -> None:
    found = code_constants()
    assert len(set(found.values())) == len(found)


def test_opt_in_codes_are_the_rules_that_say_so() -> None:
    assert {code for code, rule in REGISTRY.items() if not rule.default_enabled} == codes.OPT_IN


def test_schema_corrections_come_from_the_registry() -> None:
    # Each corrected keyword of the strict schema is annotated with the code of the rule whose
    # patch made it; every rule with a patch contributes, and nothing else does.
    patched = [rule for rule in REGISTRY.values() if rule.patch is not None]
    assert tuple(rule.patch for rule in patched) == STRICT_PATCHES
    document = load_schema("model-package", STRICT_PATCHES).document
    annotated = {
        mark["code"] for node in subschemas(document) for mark in node.get(ANNOTATION, {}).values()
    }
    assert annotated == {rule.code for rule in patched} == {"L001", "L003"}


def test_a_vendored_schema_is_never_loaded_without_the_corrections() -> None:
    with pytest.raises(TypeError, match="strict patches"):
        load_schema("model-package")
