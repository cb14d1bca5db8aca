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
from openness._model.conditions import (
    AllOf,
    AnyOf,
    AssessmentCheck,
    ComponentCheck,
    Condition,
    FactCheck,
    ModalityCheck,
    Not,
)
from openness._reading.vocabulary import component_aliases, facts
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
        if component is None or component.access is None:
            return None
        if (component.access != "not-released") != check.present:
            return False
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


def _stated(descriptor: openness.Descriptor, fact_id: str) -> float | bool | None:
    section, name = fact_id.split(".", 1)
    fact = getattr(descriptor, section).get(name)
    return None if fact is None else fact.value


def _fact(check: FactCheck, descriptor: openness.Descriptor) -> Truth:
    """A fact's value (a derived one: factor times its inputs, all stated) against the check."""
    spec = facts()[check.fact]
    if spec.derived_from:
        inputs = [_stated(descriptor, name) for name in spec.derived_from]
        if any(value is None for value in inputs):
            return None
        value: float | bool | None = spec.factor
        for one in inputs:
            value = float(value) * float(one)  # type: ignore[arg-type]
    else:
        value = _stated(descriptor, check.fact)
    if value is None:
        return None
    if check.is_ is not None:
        return value is check.is_
    low = -float("inf") if check.at_least is None else check.at_least
    high = float("inf") if check.at_most is None else check.at_most
    return low <= value <= high


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
    if isinstance(condition, FactCheck):
        return _fact(condition, descriptor)
    return _component(condition, descriptor, rubric)


def _ratio(points: float, max_points: float) -> float:
    return min(1.0, max(0.0, points / max_points)) if max_points else 0.0


def _reference(descriptor: openness.Descriptor, rubric: openness.Rubric) -> dict[str, Any]:
    """Grades (as stated and at best), points, the score range and verdicts, read straight from the rubric's rules.

    The score range is found by trying every subset of the criteria whose applicability is unknown.
    """
    best = rubric.scale[rubric.grades[0]]
    grades: dict[str, str] = {}
    best_grades: dict[str, str] = {}
    doubtful: list[str] = []
    for criterion in rubric.criteria:
        applies = True if criterion.applies_when is None else _truth(criterion.applies_when, descriptor, rubric)
        if applies is False:
            grades[criterion.id] = best_grades[criterion.id] = "not-applicable"
            continue
        if applies is None:
            doubtful.append(criterion.id)
        truths = [True if level.when is None else _truth(level.when, descriptor, rubric) for level in criterion.levels]
        grades[criterion.id] = next(
            (level.grade for level, truth in zip(criterion.levels, truths, strict=True) if truth is True),
            rubric.lowest_grade,
        )
        best_grades[criterion.id] = next(
            (level.grade for level, truth in zip(criterion.levels, truths, strict=True) if truth is not False),
            rubric.lowest_grade,
        )
    weights = {c.id: c.weight for c in rubric.criteria}

    def total(chosen: dict[str, str], counted: set[str]) -> tuple[float, float]:
        points = sum(weights[c] * rubric.scale[g] for c, g in chosen.items() if c in counted)
        return points, sum(weights[c] * best for c in counted)

    applying = {c for c, g in grades.items() if g != "not-applicable"}
    points, max_points = total(grades, applying)
    certain = applying - set(doubtful)
    subsets = [certain | {c for i, c in enumerate(doubtful) if mask >> i & 1} for mask in range(2 ** len(doubtful))]
    score = min(_ratio(*total(grades, counted)) for counted in subsets)
    best_score = max(_ratio(*total(best_grades, counted)) for counted in subsets)
    by_id = {v.id: v for v in rubric.verdicts}

    def holds(criterion: str, needed: str) -> Truth:
        if rubric.scale[grades[criterion]] >= rubric.scale[needed]:
            return True
        if rubric.scale[best_grades[criterion]] < rubric.scale[needed] and criterion not in doubtful:
            return False
        return None

    def requirements(verdict_id: str) -> list[Truth]:
        verdict = by_id[verdict_id]
        found = requirements(verdict.builds_on) if verdict.builds_on is not None else []
        for requirement in verdict.requires:
            waived = False if requirement.unless is None else _truth(requirement.unless, descriptor, rubric)
            if waived is True:
                continue
            for c in requirement.criteria:
                if grades[c] == "not-applicable":
                    continue
                value = holds(c, requirement.grade)
                found.append(None if waived is None and value is not True else value)
        if verdict.min_score is not None:
            found.append(True if score >= verdict.min_score else (False if best_score < verdict.min_score else None))
        return found

    verdicts = {}
    for verdict in rubric.verdicts:
        found = requirements(verdict.id)
        progress = sum(value is True for value in found) / len(found) if found else 1.0
        if (
            verdict.gated
            and verdict.builds_on is not None
            and not all(v is True for v in requirements(verdict.builds_on))
        ):
            progress = 0.0
        status = "not-met" if False in found else ("met" if None not in found else "undetermined")
        verdicts[verdict.id] = (status == "met", progress, status)
    met = tuple(verdict_id for verdict_id, (ok, _, _) in verdicts.items() if ok)
    return {
        "grades": grades,
        "best_grades": best_grades,
        "points": points,
        "max_points": max_points,
        "score": score,
        "best_score": best_score,
        "verdicts": verdicts,
        "met": met,
    }


def _engine(report: openness.Report) -> dict[str, Any]:
    return {
        "grades": {r.criterion: r.grade for r in report.results},
        "best_grades": {r.criterion: r.best_grade for r in report.results},
        "points": report.points,
        "max_points": report.max_points,
        "score": report.score,
        "best_score": report.best_score,
        "verdicts": {v.id: (v.met, v.progress, v.status) for v in report.verdicts},
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
    facts = Facts(descriptor)
    graded = evaluator.grade(
        tuple(c.decide(facts, {}) for c in evaluator.criteria)
        + tuple(check(facts, {}) for check in evaluator.unless.values())
    )
    written = verdict_requirements(evaluator, graded, facts)
    for verdict in report.verdicts:
        found = written[verdict.id]
        truths = [requirement.holds for requirement in found]
        assert verdict.met == all(holds is True for holds in truths) == (not verdict.missing)
        assert verdict.status == ("not-met" if False in truths else "met" if None not in truths else "undetermined")
        if not any(v.gated for v in rubric.verdicts if v.id == verdict.id):
            assert verdict.progress == (sum(holds is True for holds in truths) / len(found) if found else 1.0)
