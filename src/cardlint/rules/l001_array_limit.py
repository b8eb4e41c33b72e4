"""An array has more items than the schema allows, a limit the published schema cannot enforce.

What it does:
    Counts the items of arrays whose limit the published schema declares in a way that checks
    nothing, and reports the measured count and the limit:

    - `maxContains: 15` without `contains` (draft 2020-12 ignores it):
      `model_overview.model_artifact`, `training_job_details.training_datasets`,
      `training_environment.container_image` — at most 15 items;
    - `maxItems` written inside `items`, where it applies to each item (an object) instead of
      the array: `training_metrics` and `user_provided_training_metrics` — at most 50;
      `hyper_parameters` and `user_provided_hyper_parameters` — at most 100.

    cardlint validates with a corrected copy of the schema (`strict.py`): `maxContains`/
    `minContains` without `contains` become `maxItems`/`minItems`, and `maxItems` moves from
    `items` to the array.

Why it matters:
    A generic JSON Schema validator passes the card, but the tools that send it do not. Each
    limit is an error because something that creates cards enforces it:

    - the SageMaker Python SDK refuses longer lists when it builds a card (its collection-size
      constants in `sagemaker/model_card/schema_constraints.py`: `MODEL_ARTIFACT_MAX_SIZE`,
      `ENVIRONMENT_CONTAINER_IMAGES_MAX_SIZE`, `TRAINING_DATASETS_MAX_SIZE` = 15;
      `TRAINING_METRICS_MAX_SIZE`, `USER_PROVIDED_TRAINING_METRICS_MAX_SIZE` = 50;
      `HYPER_PARAMETERS_MAX_SIZE`, `USER_PROVIDED_HYPER_PARAMETERS_MAX_SIZE` = 100, checked by
      its `_IsList(type, max_size)` attributes);
    - CloudFormation's `AWS::SageMaker::ModelCard` resource schema declares `maxItems: 15` on
      `ModelArtifact`, `TrainingDatasets` and both `ContainerImage` lists (the training and
      hyper-parameter lists carry the same misplaced `maxItems` inside `items` there).

    Limits the schema declares properly (`evaluation_details[].datasets`, at most 10, also the
    SDK's `EVALUATION_DATASETS_MAX_SIZE`) are plain schema findings (S007).

Example (fails)::

    model_overview:
      model_artifact:     # 16 entries
        - s3://bucket/model-01.tar.gz
        - ...
        - s3://bucket/model-16.tar.gz

Use instead::

    model_overview:
      model_artifact:     # at most 15 entries
        - s3://bucket/model-01.tar.gz
        - ...
        - s3://bucket/model-15.tar.gz
"""

from __future__ import annotations

from typing import Any

from cardlint.core.diagnostics import Severity
from cardlint.schema.strict import mark

CODE = "L001"
NAME = "array-limit"
SEVERITY = Severity.ERROR
FIXABLE = False

_CONTAINS_WHY = (
    "the published schema declares this limit with {keyword}, which does nothing without contains"
)
_ITEMS_WHY = (
    "the published schema declares this limit inside items, where it does not apply to the array"
)


def patch(node: dict[str, Any]) -> None:
    """Correct one schema object in place (see the module docstring)."""
    if "contains" not in node:
        for old, new, pick in (("maxContains", "maxItems", min), ("minContains", "minItems", max)):
            if isinstance(node.get(old), int):
                limit = node.pop(old)
                if isinstance(node.get(new), int):
                    limit = pick(limit, node[new])
                node[new] = limit
                mark(node, new, CODE, _CONTAINS_WHY.format(keyword=old))
    items = node.get("items")
    if isinstance(items, dict) and "maxItems" in items and not _is_array_schema(items):
        node["maxItems"] = items.pop("maxItems")
        mark(node, "maxItems", CODE, _ITEMS_WHY)


def _is_array_schema(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    return kind == "array" or (isinstance(kind, list) and "array" in kind) or "items" in schema
