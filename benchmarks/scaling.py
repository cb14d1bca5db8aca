"""How reading scales with input size, as ratios (near 2 when doubling the input means linear).

    python benchmarks/scaling.py

Rubrics with n criteria and n chained verdicts, descriptors with n extra values, licence
expressions with n terms, YAML with n aliases: each size is doubled and the time ratio printed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import openness
from openness import limits
from openness.importers._common import load_yaml_text
from openness.licences import read


def _rubric(n: int) -> dict[str, Any]:
    """The OSAID rubric with its criteria repeated to n, and n verdicts each building on the last."""
    base = openness.load_rubric("osaid-1.0").to_dict()
    criteria = [{**c, "id": f"{c['id']}-{i}"} for i in range(n) for c in base["criteria"]][:n]
    verdicts = [
        {"id": f"v{i}", "title": "V", "requires": [{"criteria": [c["id"]], "grade": "partial"}]}
        | ({"builds-on": f"v{i - 1}"} if i else {})
        for i, c in enumerate(criteria)
    ]
    return {**base, "criteria": criteria, "verdicts": verdicts}


def _time(function: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


CASES: dict[str, Callable[[int], Callable[[], object]]] = {
    "rubric: n criteria + n chained verdicts, load": lambda n: lambda: openness.load_rubric(_rubric(n)),
    "rubric: n criteria + chain, load and score": lambda n: (
        lambda: openness.score(openness.catalogue.load("olmo-7b"), openness.load_rubric(_rubric(n)))
    ),
    "descriptor: n extra values": lambda n: (
        lambda: openness.load_descriptor(
            {"format": 1, "model": {"id": "m", "name": "M"}, "extra": {"x": [{"k": i} for i in range(n)]}}
        )
    ),
    "licence: n unknown terms": lambda n: lambda: read(" OR ".join(f"X{i}-{n}" for i in range(n // 8))),
    "yaml: n aliases": lambda n: (
        lambda: load_yaml_text("a: &a [1, 2]\nb: [" + ", ".join(["*a"] * n) + "]\n", source="x.yml")
    ),
}


def main() -> None:
    """Print, per case, the time at n and the ratio to the time at n / 2."""
    with limits.limited(max_verdicts=10_000, max_criteria=10_000, max_licence_terms=10_000):
        for name, make in CASES.items():
            times = {n: _time(make(n)) for n in (500, 1000, 2000)}
            ratios = ", ".join(f"{times[n] / times[n // 2]:.2f}" for n in (1000, 2000))
            print(f"{name:<48} {1000 * times[2000]:8.1f} ms at 2000; doubling ratios {ratios}")


if __name__ == "__main__":
    main()
