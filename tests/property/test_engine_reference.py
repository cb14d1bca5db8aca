"""The compiled engine against a plain interpreter of the rubric language, on generated rubrics.

The engine compiles conditions to closures, reduces criteria to outcome indices, counts verdict
requirements from precomputed tables and remembers the grading of each pattern of answers. This
file scores the same descriptors by reading the rubric directly, as docs/rubric-format.md states
the rules, and checks the two agree on every number and grade.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import openness
from openness import strategies
from openness._lang.checks import Facts
from openness._model.conditions import AllOf, AnyOf, AssessmentCheck, ComponentCheck, Condition, ModalityCheck, Not
from openness._reading.vocabulary import component_aliases
from openness._scoring.engine import compile_rubric
from openness._scoring.texts import verdict_requirements
from openness.licences import read

Truth = bool | None


def _and(values: list[Truth]) -> Truth:
    return False if False in values else None if None in values else True


def _or(values: list[Truth]) -> Truth:
    return True if True in values else None if None in values else False


def _component(check: ComponentCheck, descriptor: openness.Descriptor, rubric: openness.Rubric) -> Truth:
    component = descriptor.components.get(component_aliases()[check.component])
    if check.present is not None:
        listed = component is not None and component.access != "not-released"
        if listed != check.present:
            return False
        if component is None:
            return True
    if component is None:
        return None
    parts: list[Truth] = []
    if check.access:
        parts.append(None if component.access is None else component.access in check.access)
    reads_licence = check.licence or check.licence_without or check.licence_in
    if reads_licence and component.licence is None:
        parts.append(False if component.access == "not-released" else None)
    elif reads_licence:
        assert component.licence is not None
        reading = read(component.licence)
        if check.licence or check.licence_without:
            parts.append(reading.check(check.licence, check.licence_without))
        if check.licence_in is not None:
            entry = rubric.licence_lists[check.licence_in]
            if entry.match == "exact":
                parts.append(component.licence in entry.ids)
            else:
                parts.append(any(all(lic.id in entry.ids for lic in alt) for alt in reading.alternatives))
    if check.coverage:
        parts.append(None if component.coverage is None else component.coverage in check.coverage)
    return _and(parts)


def _truth(condition: Condition, descriptor: openness.Descriptor, rubric: openness.Rubric) -> Truth:
    if isinstance(condition, AllOf):
        return _and([_truth(c, descriptor, rubric) for c in condition.conditions])
    if isinstance(condition, AnyOf):
        return _or([_truth(c, descriptor, rubric) for c in condition.conditions])
    if isinstance(condition, Not):
        value = _truth(condition.condition, descriptor, rubric)
        return None if value is None else not value
    if isinstance(condition, AssessmentCheck):
        rating = descriptor.assessments.get(condition.assessment, {}).get(condition.parameter)
        return None if rating is None or rating.grade is None else rating.grade in condition.grade
    if isinstance(condition, ModalityCheck):
        stated = descriptor.model.modalities
        return None if not stated else any(m in stated for m in condition.modality)
    return _component(condition, descriptor, rubric)


def _reference(descriptor: openness.Descriptor, rubric: openness.Rubric) -> dict[str, Any]:
    """Grades, points, score and verdicts, read straight from the rubric's rules."""
    best = rubric.scale[rubric.grades[0]]
    grades: dict[str, str] = {}
    points = max_points = 0.0
    for criterion in rubric.criteria:
        if criterion.applies_when is not None and _truth(criterion.applies_when, descriptor, rubric) is False:
            grades[criterion.id] = "not-applicable"
            continue
        grade = next(
            (
                level.grade
                for level in criterion.levels
                if level.when is None or _truth(level.when, descriptor, rubric) is True
            ),
            rubric.lowest_grade,
        )
        grades[criterion.id] = grade
        points += criterion.weight * rubric.scale[grade]
        max_points += criterion.weight * best
    score = min(1.0, max(0.0, points / max_points)) if max_points else 0.0
    by_id = {v.id: v for v in rubric.verdicts}

    def requirements(verdict_id: str) -> list[bool]:
        verdict = by_id[verdict_id]
        found = requirements(verdict.builds_on) if verdict.builds_on is not None else []
        for requirement in verdict.requires:
            if requirement.unless is not None and _truth(requirement.unless, descriptor, rubric) is True:
                continue
            found += [
                rubric.scale[grades[c]] >= rubric.scale[requirement.grade]
                for c in requirement.criteria
                if grades[c] != "not-applicable"
            ]
        if verdict.min_score is not None:
            found.append(score >= verdict.min_score)
        return found

    verdicts = {}
    for verdict in rubric.verdicts:
        found = requirements(verdict.id)
        progress = sum(found) / len(found) if found else 1.0
        if verdict.gated and verdict.builds_on is not None and not all(requirements(verdict.builds_on)):
            progress = 0.0
        verdicts[verdict.id] = (all(found), progress)
    met = tuple(verdict_id for verdict_id, (ok, _) in verdicts.items() if ok)
    return {
        "grades": grades,
        "points": points,
        "max_points": max_points,
        "score": score,
        "verdicts": verdicts,
        "met": met,
    }


def _engine(report: openness.Report) -> dict[str, Any]:
    return {
        "grades": {r.criterion: r.grade for r in report.results},
        "points": report.points,
        "max_points": report.max_points,
        "score": report.score,
        "verdicts": {v.id: (v.met, v.progress) for v in report.verdicts},
        "met": report.met,
    }


@settings(max_examples=300)
@given(strategies.rubrics(max_criteria=5, max_verdicts=4), st.data())
def test_the_engine_agrees_with_the_rules_read_directly(rubric: openness.Rubric, data: st.DataObject) -> None:
    """Grades, points, score and each verdict's met and progress equal a direct reading of the rubric.

    Each descriptor is scored twice with one evaluator, so the second score comes from the
    evaluator's table of remembered gradings.
    """
    evaluator = compile_rubric(rubric)
    aimed = st.one_of(strategies.descriptors(rubric), strategies.descriptors())
    for descriptor in data.draw(st.lists(aimed, min_size=1, max_size=4)):
        expected = _reference(descriptor, rubric)
        assert _engine(evaluator(descriptor)) == expected
        assert _engine(evaluator(descriptor)) == expected


@settings(max_examples=150)
@given(strategies.rubrics(max_criteria=5, max_verdicts=4), st.data())
def test_a_verdict_is_met_exactly_when_nothing_is_missing(rubric: openness.Rubric, data: st.DataObject) -> None:
    """The counted outcome and the written requirements agree: met iff no requirement fails, same progress."""
    evaluator = compile_rubric(rubric)
    descriptor = data.draw(st.one_of(strategies.descriptors(rubric), strategies.descriptors()))
    report = evaluator(descriptor)
    graded = evaluator.grade(
        tuple(c.decide(Facts(descriptor), {}) for c in evaluator.criteria)
        + tuple(check(Facts(descriptor), {}) is True for check in evaluator.unless.values())
    )
    written = verdict_requirements(evaluator, graded.reached, Facts(descriptor), report.score)
    for verdict in report.verdicts:
        found = written[verdict.id]
        assert verdict.met == all(ok for ok, _ in found) == (not verdict.missing)
        if not any(v.gated for v in rubric.verdicts if v.id == verdict.id):
            assert verdict.progress == (sum(ok for ok, _ in found) / len(found) if found else 1.0)
