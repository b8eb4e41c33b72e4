"""The one parse: decoded text to a :class:`~cardlint.loading.document.Document`.

Every caller parses through :func:`parse_document` (the engine, the fixer checking what it
wrote, suppression edits, cards embedded as JSON strings), so a file means the same everywhere:
a YAML CloudFormation template accepts ``!Ref`` & co wherever it is read, under the same limits.

>>> doc = parse_document("Resources:\\n  Card:\\n    Type: AWS::SageMaker::ModelCard\\n"
...                      "    Properties: {Content: !Ref Body}\\n", "yaml")
>>> doc.value["Resources"]["Card"]["Properties"], doc.problems
({'Content': {'Ref': 'Body'}}, [])
"""

from __future__ import annotations

import re

from cardlint.core.settings import DEFAULT_LIMITS, Limits
from cardlint.loading.document import Document, Format

_TEMPLATE_HINT = re.compile(r"^Resources\s*:", re.M)


def parse_document(text: str, fmt: Format, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse decoded text into a Document (never raises for bad input)."""
    # The parsers load on first use: a run over JSON cards never imports PyYAML.
    if fmt == "json":
        from cardlint.loading.json_doc import parse_json

        return parse_json(text, limits)
    from cardlint.loading.yaml_doc import parse_yaml

    if looks_like_template(text):
        from cardlint.loading.cfn_yaml import TemplateLoader

        return parse_yaml(text, limits, loader_class=TemplateLoader)
    return parse_yaml(text, limits)


def looks_like_template(text: str) -> bool:
    """A YAML text that is probably a CloudFormation template (its short-form tags load)."""
    return "AWS::" in text and _TEMPLATE_HINT.search(text) is not None
