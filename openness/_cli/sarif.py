"""SARIF 2.1.0 output: each criterion a rule, each result below the best grade a finding in the descriptor file.

One run (tool ``openness``) holds every model and rubric of a command: rule ids are
``<rubric-id>/<criterion-id>``, so criteria of different rubrics never collide. A finding's level is
``error`` (no points) or ``warning`` (some) when the stated facts settle the grade, and ``note`` when
facts not stated could still raise it: its message then says the grade as stated, the best it could
reach and the facts not stated, never a bare "closed".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from openness._cli.scored import Scored, is_top
from openness._model.markup import grade_words
from openness._model.report import CriterionResult
from openness._model.rubric import Criterion, Rubric

__all__ = ["SARIF_SCHEMA", "to_sarif"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _rule(rubric: Rubric, criterion: Criterion) -> dict[str, Any]:
    levels = [f"{level.grade}: {level.requirement_text()}" for level in criterion.levels]
    levels.append(f"{rubric.lowest_grade}: otherwise")
    text = (criterion.description or criterion.title).strip()
    rule: dict[str, Any] = {
        "id": f"{rubric.id}/{criterion.id}",
        "name": criterion.id,
        "shortDescription": {"text": criterion.title},
        "fullDescription": {"text": text},
        "help": {"text": f"{text}\n\nLevels, best first:\n" + "\n".join(f"- {line}" for line in levels)},
        "defaultConfiguration": {"level": "warning"},
        "properties": {
            "rubric": rubric.id,
            "rubricVersion": rubric.version,
            "weight": criterion.weight,
            **({"group": criterion.group} if criterion.group else {}),
        },
    }
    if rubric.source.startswith(("https://", "http://")):
        rule["helpUri"] = rubric.source
    return rule


def _level(result: CriterionResult) -> str:
    """``note`` for a grade facts not stated could raise; else ``error`` with no points, ``warning`` with some."""
    if not result.determined:
        return "note"
    return "error" if result.points <= 0 else "warning"


def _message(result: CriterionResult, model: dict[str, str], rubric_id: str) -> str:
    grade = grade_words(result)
    if not result.determined:
        grade += f" (not stated: {', '.join(result.unknown) or 'a fact the conditions read'})"
    text = f"{model.get('name')} ({model.get('id')}): {result.title} is {grade} under {rubric_id}. {result.reason}"
    if result.to_raise:
        text += f" To raise: {result.to_raise}."
    if result.unknown and result.determined:
        text += f" Not stated: {', '.join(result.unknown)}."
    return text


def to_sarif(scored: Sequence[Scored]) -> str:
    """A SARIF 2.1.0 log (JSON text) for several reports."""
    from openness import __version__  # noqa: PLC0415

    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for item in scored:
        for criterion in item.rubric.criteria:
            rule_id = f"{item.rubric.id}/{criterion.id}"
            if rule_id not in index:
                index[rule_id] = len(rules)
                rules.append(_rule(item.rubric, criterion))
    artifacts: dict[str, int] = {}
    results = []
    for item in scored:
        location = item.model.location
        artifacts.setdefault(location, len(artifacts))
        model = item.report.model
        for result in item.report.results:
            if is_top(result):
                continue
            rule_id = f"{item.rubric.id}/{result.criterion}"
            physical: dict[str, Any] = {"artifactLocation": {"uri": location, "index": artifacts[location]}}
            line = item.line_of(result)
            if line is not None:
                physical["region"] = {"startLine": line}
            results.append(
                {
                    "ruleId": rule_id,
                    "ruleIndex": index[rule_id],
                    "level": _level(result),
                    "message": {"text": _message(result, model, item.rubric.id)},
                    "locations": [{"physicalLocation": physical}],
                    "partialFingerprints": {"openness/v1": f"{model.get('id')}/{rule_id}"},
                    "properties": {
                        "model": model.get("id"),
                        "grade": result.grade,
                        "bestGrade": result.best_grade,
                        "determined": result.determined,
                        "points": result.points,
                        "maxPoints": result.max_points,
                        "unknown": list(result.unknown),
                    },
                }
            )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "openness",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "artifacts": [{"location": {"uri": uri}} for uri in artifacts],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
