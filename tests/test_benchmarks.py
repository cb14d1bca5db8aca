"""The benchmarks' baselines compute what the engine computes (else the ratios would mean nothing)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import openness
from openness import catalogue
from openness._reading.vocabulary import ACCESS_LEVELS, COVERAGE_LEVELS

REPO = Path(__file__).resolve().parent.parent


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


BY_HAND = _module("osaid_by_hand")
RUBRIC = openness.load_rubric("osaid-1.0")


def _agree(descriptor: openness.Descriptor) -> None:
    report = openness.score(descriptor, RUBRIC)
    mine = BY_HAND.grade(descriptor)
    assert mine.grades == {r.criterion: r.grade for r in report.results}
    assert mine.score == report.score
    verdict = report.verdict("open-source-ai")
    assert (mine.met, mine.progress) == (verdict.met, verdict.progress)


def test_by_hand_agrees_with_the_engine_on_the_catalogue() -> None:
    """For every catalogue model the hand-written osaid-1.0 gives the engine's grades, score and verdict."""
    descriptors = catalogue.all()
    assert {BY_HAND.grade(d).met for d in descriptors} == {True, False}
    for descriptor in descriptors:
        _agree(descriptor)


LICENCES = [
    "Apache-2.0",
    "MIT",
    "CC-BY-4.0",
    "CC-BY-NC-4.0",
    "llama3.1",
    "GPL-3.0-only",
    "Unknown-1",
    "MIT OR llama3.1",
]
KEYS = ["training-data", "data-card", "training-code", "data-preprocessing-code", "inference-code", "weights"]
tables = st.fixed_dictionaries(
    {},
    optional={
        "access": st.sampled_from(ACCESS_LEVELS),
        "licence": st.sampled_from(LICENCES),
        "coverage": st.sampled_from(COVERAGE_LEVELS),
    },
)


@given(st.dictionaries(st.sampled_from(KEYS), tables))
def test_by_hand_agrees_with_the_engine_on_any_descriptor(components: dict[str, Any]) -> None:
    """For any combination of the components osaid-1.0 reads, both give the same grades and verdict."""
    _agree(openness.load_descriptor({"format": 1, "model": {"id": "m", "name": "M"}, "components": components}))
