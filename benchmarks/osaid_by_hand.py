"""The ``osaid-1.0`` rubric written out by hand: the fastest plain Python that gives the engine's grades.

It reads the same loaded :class:`openness.Descriptor` objects and the same (cached) licence readings
as the engine, and computes grades, points, score and the verdict with its progress; it writes no
reasons and no evidence. It is the limit the engine is measured against (``benchmarks/run.py``), and
``tests/test_benchmarks.py`` checks that it agrees with the engine.
"""

from __future__ import annotations

from typing import NamedTuple

from openness import Descriptor
from openness.licences import read

SCALE = {"open": 1.0, "partial": 0.5, "closed": 0.0}
OPEN_TERMS = (("open-data",), ("osd-conformant",))


class Grades(NamedTuple):
    """What the hand-written function computes for one descriptor."""

    grades: dict[str, str]
    score: float
    met: bool
    progress: float


def _has(descriptor: Descriptor, key: str, access: tuple[str, ...] = (), coverage: tuple[str, ...] = ()) -> bool:
    component = descriptor.components.get(key)
    if component is None:
        return False
    if access and component.access not in access:
        return False
    return not (coverage and component.coverage not in coverage)


def _licensed(descriptor: Descriptor, key: str, classes: tuple[str, ...]) -> bool:
    component = descriptor.components.get(key)
    return component is not None and component.licence is not None and read(component.licence).check(classes) is True


def _openly_licensed(descriptor: Descriptor, key: str) -> bool:
    return any(_licensed(descriptor, key, classes) for classes in OPEN_TERMS)


def grade(descriptor: Descriptor) -> Grades:
    """Grades, score and the ``open-source-ai`` verdict of ``osaid-1.0`` for one descriptor."""
    data_open = any(
        _has(descriptor, key, ("public",), ("full",)) and _openly_licensed(descriptor, key)
        for key in ("training-data", "data-card")
    ) or (
        _has(descriptor, "training-data", ("public",), ("full",))
        and _has(descriptor, "data-card", ("public",), ("full", "partial"))
    )
    if data_open:
        data = "open"
    elif any(_has(descriptor, key, coverage=("full", "partial")) for key in ("training-data", "data-card")):
        data = "partial"
    else:
        data = "closed"

    code_keys = ("training-code", "data-preprocessing-code", "inference-code")
    if all(_has(descriptor, key, ("public",)) and _licensed(descriptor, key, ("osi-approved",)) for key in code_keys):
        code = "open"
    elif any(_has(descriptor, key, ("public",)) for key in code_keys):
        code = "partial"
    else:
        code = "closed"

    if _has(descriptor, "weights", ("public",)) and _licensed(descriptor, "weights", ("osd-conformant",)):
        parameters = "open"
    elif _has(descriptor, "weights", ("public", "gated", "restricted")):
        parameters = "partial"
    else:
        parameters = "closed"

    grades = {"data-information": data, "code": code, "parameters": parameters}
    score = sum(SCALE[g] for g in grades.values()) / len(grades)
    opened = sum(g == "open" for g in grades.values())
    return Grades(grades=grades, score=score, met=opened == len(grades), progress=opened / len(grades))
