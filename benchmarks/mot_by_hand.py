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


def read_score_json(
    texts: Iterable[str], open_ids: frozenset[str], content_types: Mapping[str, str], loader: type
) -> list[str]:
    """A hand-written end to end: parse each MOT file, resolve licences, classify, write a JSON report.

    What a careful script would do without ``openness``: PyYAML's C loader, MOT's licence inheritance
    (the component's own string, else the global licence of its content type, else ``distribution``,
    else ``unlicensed``), :func:`classify`, one reason string per listed component, ``json.dumps``.
    """
    import json  # noqa: PLC0415

    import yaml  # noqa: PLC0415

    out = []
    for text in texts:
        release = yaml.load(text, Loader=loader)["release"]
        globals_ = release.get("license") or {}
        licences = {}
        for entry in release.get("components") or []:
            own = entry.get("license")
            if isinstance(own, str):
                licence = own or "unlicensed"
            else:
                kind = (globals_.get(content_types[entry["name"]]) or {}).get("name")
                licence = kind or (globals_.get("distribution") or {}).get("name") or "unlicensed"
            licences[entry["name"]] = licence
        result = classify(licences, open_ids)
        reasons = {
            name: f"{name}: released under {licence}, {'open' if licence in open_ids else 'not an open licence'}"
            for name, licence in licences.items()
        }
        report = {"model": release["name"], "class": result.klass, "progress": list(result[1:]), "reasons": reasons}
        out.append(json.dumps(report, indent=2, ensure_ascii=False))
    return out
