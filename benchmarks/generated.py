"""Descriptors made up on the fly, for scale benchmarks: each a fresh mapping, none kept."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import openness

LICENCES = ("Apache-2.0", "MIT", "llama3.1", "CC-BY-NC-4.0", "gemma", "Apache-2.0 OR MIT", "LicenseRef-Proprietary")
ACCESS = ("public", "gated", "api-only")


def descriptors(count: int) -> Iterator[dict[str, Any]]:
    """``count`` descriptor mappings, built one at a time from the catalogue's with varied weights terms."""
    templates = [d.to_dict() for d in openness.catalogue.all()]
    for index in range(count):
        template = templates[index % len(templates)]
        components = dict(template.get("components", {}))
        weights = {**components.get("weights", {}), "licence": LICENCES[index % len(LICENCES)]}
        weights["access"] = ACCESS[index // len(LICENCES) % len(ACCESS)]
        components["weights"] = weights
        model = {**template["model"], "id": f"generated-{index}", "name": f"Generated {index}"}
        yield {**template, "model": model, "components": components}


HUB_LICENCES = (
    "apache-2.0",
    "mit",
    "llama3.1",
    "cc-by-nc-4.0",
    "gemma",
    "openrail",
    "other",
    "bigscience-bloom-rail-1.0",
)
PIPELINES = ("text-generation", "text-classification", "image-classification", "automatic-speech-recognition")


def hub_descriptors(count: int) -> Iterator[dict[str, Any]]:
    """``count`` descriptors shaped like Hugging Face Hub model cards read by ``openness.importers.hf``.

    Licence and gate from the card's front matter (some gated, some naming datasets or an arXiv
    preprint), the rest of the front matter kept under ``extra.model-card``; ids ``orgN--model-I``.
    """
    for index in range(count):
        org, name = f"org{index % 997}", f"model-{index}"
        url = f"https://huggingface.co/{org}/{name}"
        licence = HUB_LICENCES[index % len(HUB_LICENCES)]
        weights: dict[str, Any] = {"licence": licence, "sources": [url], "extra": {"model-card": {"license": licence}}}
        if index % 5 == 0:
            weights["access"] = "gated"
        components: dict[str, Any] = {"weights": weights}
        if index % 3 == 0:
            components["training-data"] = {"notes": f"datasets: corpus-{index % 41}", "sources": [url]}
        if index % 7 == 0:
            components["preprint"] = {"access": "public", "url": f"https://arxiv.org/abs/2401.{index % 99999:05d}"}
        yield {
            "format": 1,
            "model": {"id": f"{org}--{name}", "name": f"{org}/{name}", "sources": [url]},
            "components": components,
            "extra": {"model-card": {"pipeline_tag": PIPELINES[index % len(PIPELINES)], "tags": ["transformers"]}},
        }
