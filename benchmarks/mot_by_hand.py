"""MOT's classes written out by hand, for pre-parsed data: the limit `mot-1.0` is measured against.

Input: for one model, a mapping from each listed MOT component name to its resolved licence string
(inheritance already applied, as the importer does). Output: MOT's class and its three progress
figures, computed as ``ModelEvaluator.php`` does (see ../shared/notes/mof.md section 5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

R3 = (
    "Model architecture",
    "Model parameters (Final)",
    "Evaluation results",
    "Model card",
    "Data card",
    "Technical report",
)
R2 = ("Training code", "Inference code", "Evaluation code", "Evaluation data")
R1 = ("Datasets", "Data preprocessing code", "Model parameters (Intermediate)", "Research paper")


class Classified(NamedTuple):
    """MOT's class (0 to 3) and progress per class, in percent."""

    klass: int
    progress_1: float
    progress_2: float
    progress_3: float


def classify(licences: Mapping[str, str], open_ids: frozenset[str]) -> Classified:
    """MOT's class and progress for one model."""

    def met(name: str) -> bool:
        return licences.get(name) in open_ids

    substitution = not met("Technical report") and met("Research paper")
    n3 = sum(map(met, R3)) + substitution
    n2 = n3 + sum(map(met, R2))
    n1 = sum(map(met, R3)) + sum(map(met, R2)) + sum(map(met, R1))
    p3 = n3 / 6 * 100
    p2 = 0 if n3 < 6 else n2 / 10 * 100
    p1 = 0 if n3 < 6 or n2 < 10 else n1 / (13 if substitution else 14) * 100
    klass = 1 if p1 == 100 else 2 if p2 == 100 else 3 if p3 == 100 else 0
    return Classified(klass, p1, p2, p3)


def classify_all(models: Iterable[Mapping[str, str]], open_ids: frozenset[str]) -> list[Classified]:
    """:func:`classify` for every model."""
    return [classify(licences, open_ids) for licences in models]
