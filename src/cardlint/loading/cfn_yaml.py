"""CloudFormation's short-form intrinsic tags (``!Ref``, ``!Sub``, ``!GetAtt``, …) in YAML.

Loaded only for documents that look like templates (see
:func:`cardlint.loading.parse.parse_document`),
as the long form CloudFormation itself reads them: ``!Ref Bucket`` is ``{"Ref": "Bucket"}``,
``!Sub "${A}-b"`` is ``{"Fn::Sub": "${A}-b"}``. The values stay opaque: checks never look
inside an intrinsic function. Any other tag is still refused (P006).
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cardlint.loading.yaml_doc import CardLoader

INTRINSIC_TAGS = (
    "And",
    "Base64",
    "Cidr",
    "Condition",
    "Equals",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "If",
    "ImportValue",
    "Join",
    "Not",
    "Or",
    "Ref",
    "Select",
    "Split",
    "Sub",
    "Transform",
    "ToJsonString",
    "Length",
)
"""Short-form tags CloudFormation defines (``!Name``)."""


class TemplateLoader(CardLoader):
    """The card loader, plus CloudFormation's intrinsic-function tags."""

    def construct_intrinsic(self, node: Node) -> dict[str, Any]:
        name = node.tag[1:]
        key = name if name in ("Ref", "Condition") else f"Fn::{name}"
        value: Any
        if isinstance(node, ScalarNode):
            value = self.construct_scalar(node)
        elif isinstance(node, SequenceNode):
            value = self.construct_sequence(node, deep=True)
        else:
            assert isinstance(node, MappingNode)
            value = self.construct_mapping(node, deep=True)
        return {key: value}


for _name in INTRINSIC_TAGS:
    TemplateLoader.add_constructor(f"!{_name}", TemplateLoader.construct_intrinsic)
