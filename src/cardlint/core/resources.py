"""The vendored schema files: found inside the installed package, or in the source checkout.

Wheels carry them as ``cardlint/schemas/`` (``force-include`` in pyproject.toml); an editable
install runs from ``src/`` and reads the single source, ``schemas/`` at the top of the repo.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

SCHEMA_FILES: dict[str, str] = {
    "model-package": "model-package-card.schema.json",
    "model-card": "model-card.schema.json",
}

STANDALONE_ONLY: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "": frozenset({"model_package_details"}),
        "/model_overview": frozenset(
            {
                "model_id",
                "model_name",
                "model_description",
                "model_version",
                "model_owner",
                "problem_type",
                "algorithm_type",
                "inference_environment",
            }
        ),
    }
)
"""Properties only the standalone model card (``CreateModelCard``) has, by the pointer of the
object holding them: what ``--schema auto`` looks for, and what S004 explains."""

STANDALONE_NEAREST: Mapping[str, str] = MappingProxyType({"model_owner": "model_creator"})
"""For a standalone-only property, the model-package card's property nearest in meaning, which
S004 names (the team that owns a model is the nearest thing to the team that created it)."""


def schema_dir() -> str:
    """``cardlint/schemas`` in a wheel, else ``schemas/`` of the source checkout."""
    package = os.path.dirname(os.path.dirname(__file__))  # cardlint/, above core/
    packaged = os.path.join(package, "schemas")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(package))), "schemas")


@cache
def load_vendored(name: str) -> dict[str, Any]:
    """The parsed vendored schema called ``name`` (see :data:`SCHEMA_FILES`)."""
    with open(os.path.join(schema_dir(), SCHEMA_FILES[name]), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema
