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
