"""Rule codes used outside the rule modules (parser, schema mapping, engine).

Codes are stable forever once released; a retired code is never reused. Families:
``P`` parsing and input, ``S`` schema, ``L`` limits the schema declares but cannot enforce,
``M`` metric shapes, ``V`` values (enums, lengths, references), ``Y`` YAML type traps,
``G`` governance, ``X`` cardlint itself. Each constant names its rule's module
(``TIME_LIMIT`` is ``rules/p015_time_limit.py``'s code); tests/test_registry.py holds them to it.
"""

from __future__ import annotations

SUPPRESSION_MARKER = "cardlint:"
"""Starts a suppression comment (``# cardlint: ignore[CODE]``); texts without it skip the
search for them entirely, without importing :mod:`cardlint.check.suppressions`."""

SYNTAX = "P001"
DUPLICATE_KEY = "P002"
UNDECODABLE = "P003"
NOT_AN_OBJECT = "P004"
TOO_DEEP = "P005"
YAML_TAG = "P006"
MULTIPLE_DOCUMENTS = "P007"
ALIAS_EXPANSION = "P008"
FILE_TOO_LARGE = "P009"
NON_STRING_KEY = "P010"
MERGE_KEY = "P011"
NUMBER_RANGE = "P012"
LONE_SURROGATE = "P013"
CONTROL_CHARACTER = "P014"
TIME_LIMIT = "P015"
TOO_MANY_VALUES = "P016"

TYPE = "S001"
ENUM = "S002"
REQUIRED = "S003"
UNKNOWN_PROPERTY = "S004"
MAX_LENGTH = "S005"
PATTERN = "S006"
ARRAY_LENGTH = "S007"
METRIC_TYPE = "S008"
CONSTRAINT = "S009"
UNRESOLVABLE_REF = "S010"

YAML_IMPLICIT_TYPE = "Y001"
YAML_VERSION_AMBIGUITY = "Y002"

INTERNAL_ERROR = "X001"
FIX_ABANDONED = "X002"
UNREADABLE = "X003"
UNUSED_SUPPRESSION = "X004"

OPT_IN = frozenset({"L002"})
"""Codes that are not selected by default (each module says ``DEFAULT_ENABLED = False``).

One is enabled only by a selector that names it or its family (``--extend-select L002``,
``select = ["L"]``); ``ALL`` does not include them, as ruff's ``ALL`` leaves out preview rules.
They report what the published schema suggests but SageMaker accepts."""
