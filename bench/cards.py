"""Realistic model-package cards for the benchmark: about 10 KB each, JSON or YAML, seeded.

Valid cards use every section of the vendored schema (overview, intended uses, business
details, training details with metrics and hyper-parameters, evaluations with all four metric
shapes, additional information). An invalid card is a valid one with exactly one defect of the
kinds people make (a wrong enum case, a camelCase key, a number written as a string, an unknown
metric type, a missing required name, an over-long string).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import yaml

_WORDS = tuple(
    " ".join(
        (
            "model data training evaluation customer churn fraud risk score validation holdout",
            "feature drift bias fairness latency throughput region account segment quarterly",
            "retail banking transactions label threshold precision recall monitoring pipeline",
            "batch inference endpoint review approval governance owner team baseline",
        )
    ).split()
)

_DEFECTS = (
    "enum_case",
    "camel_key",
    "number_as_string",
    "metric_type",
    "missing_name",
    "too_long",
)


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def _metric(rng: random.Random, index: int) -> dict[str, Any]:
    kind = ("number", "number", "linear_graph", "bar_chart", "matrix")[index % 5]
    name = f"{rng.choice(_WORDS)}_{rng.choice(_WORDS)}_{index}"
    if kind == "number":
        return {"name": name, "type": "number", "value": round(rng.random(), 4)}
    if kind == "linear_graph":
        points = [[round(i / 10, 2), round(rng.random(), 4)] for i in range(8)]
        return {
            "name": name,
            "type": "linear_graph",
            "value": points,
            "x_axis_name": "threshold",
            "y_axis_name": "recall",
        }
    if kind == "bar_chart":
        return {
            "name": name,
            "type": "bar_chart",
            "value": [rng.randint(0, 500) for _ in range(6)],
            "x_axis_name": [f"bucket {i}" for i in range(6)],
            "y_axis_name": "count",
        }
    size = 3
    return {
        "name": name,
        "type": "matrix",
        "value": [[rng.randint(0, 900) for _ in range(size)] for _ in range(size)],
        "x_axis_name": [f"class {i}" for i in range(size)],
        "y_axis_name": [f"class {i}" for i in range(size)],
    }


def valid_card(rng: random.Random, number: int) -> dict[str, Any]:
    """One valid model-package card (about 10 KB as indented JSON)."""
    account = rng.randint(10**11, 10**12 - 1)
    region = rng.choice(("us-east-1", "eu-west-1", "ap-southeast-2"))
    job = f"churn-{number:05d}"
    arn = f"arn:aws:sagemaker:{region}:{account}"
    evaluations = []
    for e in range(2):
        groups = [
            {
                "name": f"group {g}",
                "metric_data": [_metric(rng, g * 5 + m) for m in range(4)],
            }
            for g in range(2)
        ]
        evaluations.append(
            {
                "name": f"evaluation {e} of {job}",
                "evaluation_observation": _paragraph(rng, 2),
                "evaluation_job_arn": f"{arn}:processing-job/{job}-{e}",
                "datasets": [f"s3://bucket-{account}/eval/{job}/part-{d}.csv" for d in range(3)],
                "metadata": {"owner": rng.choice(_WORDS), "ticket": f"ML-{rng.randint(1, 9999)}"},
                "metric_groups": groups,
            }
        )
    return {
        "model_overview": {
            "model_creator": f"team {rng.choice(_WORDS)}",
            "model_artifact": [f"s3://bucket-{account}/models/{job}/model.tar.gz"],
        },
        "intended_uses": {
            "purpose_of_model": _paragraph(rng, 2),
            "intended_uses": _paragraph(rng, 2),
            "factors_affecting_model_efficiency": _paragraph(rng, 2),
            "risk_rating": rng.choice(("High", "Medium", "Low", "Unknown")),
            "explanations_for_risk_rating": _paragraph(rng, 2),
        },
        "business_details": {
            "business_problem": _paragraph(rng, 2),
            "business_stakeholders": _sentence(rng, 10),
            "line_of_business": rng.choice(_WORDS),
        },
        "training_details": {
            "objective_function": {
                "function": {"function": "Minimize", "facet": "loss", "condition": "none"},
                "notes": _sentence(rng, 10),
            },
            "training_observations": _paragraph(rng, 2),
            "training_job_details": {
                "training_arn": f"{arn}:training-job/{job}",
                "training_datasets": [
                    f"s3://bucket-{account}/train/{job}/part-{d}.csv" for d in range(3)
                ],
                "training_environment": {
                    "container_image": [
                        f"{account}.dkr.ecr.{region}.amazonaws.com/xgboost:1.7-{rng.randint(1, 9)}"
                    ]
                },
                "training_metrics": [
                    {"name": f"train:{w}", "value": round(rng.random(), 4)}
                    for w in rng.sample(_WORDS, 6)
                ],
                "hyper_parameters": [
                    {"name": w, "value": str(rng.randint(1, 500))} for w in rng.sample(_WORDS, 10)
                ],
            },
        },
        "evaluation_details": evaluations,
        "additional_information": {
            "ethical_considerations": _paragraph(rng, 2),
            "caveats_and_recommendations": _paragraph(rng, 2),
            "custom_details": {f"{w}_note": _sentence(rng, 6) for w in rng.sample(_WORDS, 4)},
        },
    }


def break_card(card: dict[str, Any], rng: random.Random) -> str:
    """Give ``card`` exactly one defect; return which kind."""
    defect = rng.choice(_DEFECTS)
    if defect == "enum_case":
        card["intended_uses"]["risk_rating"] = card["intended_uses"]["risk_rating"].lower()
    elif defect == "camel_key":
        overview = card["model_overview"]
        overview["modelCreator"] = overview.pop("model_creator")
    elif defect == "number_as_string":
        metric = card["training_details"]["training_job_details"]["training_metrics"][0]
        metric["value"] = str(metric["value"])
    elif defect == "metric_type":
        card["evaluation_details"][0]["metric_groups"][0]["metric_data"][0]["type"] = "numbr"
    elif defect == "missing_name":
        del card["evaluation_details"][1]["name"]
    else:
        card["business_details"]["business_problem"] = "x" * 2100
    return defect


def write_cards(directory: Path, count: int, invalid_share: float, seed: int) -> list[Path]:
    """Write ``count`` cards (even numbers JSON, odd YAML); return their paths in order."""
    rng = random.Random(seed)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    directory.mkdir(parents=True, exist_ok=True)
    invalid = set(rng.sample(range(count), round(count * invalid_share)))
    paths = []
    for number in range(count):
        card = valid_card(rng, number)
        if number in invalid:
            break_card(card, rng)
        if number % 2 == 0:
            path = directory / f"{number:05d}-model-card.json"
            text = json.dumps(card, indent=2) + "\n"
        else:
            path = directory / f"{number:05d}-model-card.yaml"
            text = yaml.dump(card, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
