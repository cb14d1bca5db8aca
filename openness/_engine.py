"""Scoring: a rubric compiled once into an evaluator; ``score`` is a pure function of its inputs."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from openness._conditions import (
    AllOf,
    AnyOf,
    AssessmentCheck,
    ComponentCheck,
    Condition,
    ModalityCheck,
    Not,
    checks,
    describe,
)
from openness._descriptor import Component, Descriptor, load_descriptor
from openness._report import CriterionResult, Evidence, Report, VerdictResult
from openness._rubric import Criterion, LicenceList, Rubric, Verdict, load_rubric
from openness._vocabulary import ACCESS_PHRASES, component_aliases, components, restrictions
from openness.licences import Reading, read

__all__ = ["Evaluator", "compile_rubric", "score"]

Truth = bool | None
Unknowns = dict[str, None]
Check = Callable[["_Facts", Unknowns], Truth]


def _and(values: list[Truth]) -> Truth:
    if False in values:
        return False
    return None if None in values else True


def _or(values: list[Truth]) -> Truth:
    if True in values:
        return True
    return None if None in values else False


@attrs.frozen
class _Facts:
    """What the engine reads from a descriptor, computed once per score."""

    descriptor: Descriptor
    readings: dict[str, Reading]

    def component(self, key: str) -> Component | None:
        return self.descriptor.components.get(key)


Lists = Mapping[str, LicenceList]


def _compile_condition(condition: Condition, lists: Lists) -> Check:
    if isinstance(condition, AllOf):
        parts = [_compile_condition(c, lists) for c in condition.conditions]
        return lambda facts, unknown: _and([p(facts, unknown) for p in parts])
    if isinstance(condition, AnyOf):
        parts = [_compile_condition(c, lists) for c in condition.conditions]
        return lambda facts, unknown: _or([p(facts, unknown) for p in parts])
    if isinstance(condition, Not):
        inner = _compile_condition(condition.condition, lists)

        def negate(facts: _Facts, unknown: Unknowns) -> Truth:
            value = inner(facts, unknown)
            return None if value is None else not value

        return negate
    if isinstance(condition, AssessmentCheck):
        return _compile_assessment(condition)
    if isinstance(condition, ModalityCheck):
        return _compile_modality(condition)
    return _compile_component(condition, lists)


def _compile_assessment(check: AssessmentCheck) -> Check:
    grades = frozenset(check.grade)
    path = f"assessments.{check.assessment}.{check.parameter}"

    def assessed(facts: _Facts, unknown: Unknowns) -> Truth:
        rating = facts.descriptor.assessments.get(check.assessment, {}).get(check.parameter)
        if rating is None or rating.grade is None:
            unknown[path] = None
            return None
        return rating.grade in grades

    return assessed


def _compile_modality(check: ModalityCheck) -> Check:
    wanted = frozenset(check.modality)

    def modality(facts: _Facts, unknown: Unknowns) -> Truth:
        stated = facts.descriptor.model.modalities
        if not stated:
            unknown["model.modalities"] = None
            return None
        return not wanted.isdisjoint(stated)

    return modality


def _licence_list_check(entry: LicenceList) -> Callable[[str, Reading], bool]:
    ids = frozenset(entry.ids)
    if entry.match == "exact":
        return lambda text, _: text in ids
    return lambda _, reading: any(all(lic.id in ids for lic in alt) for alt in reading.alternatives)


def _compile_component(check: ComponentCheck, lists: Lists) -> Check:
    key = component_aliases()[check.component]
    access = frozenset(check.access)
    coverage = frozenset(check.coverage)
    classes, without = check.licence, check.licence_without
    on_list = _licence_list_check(lists[check.licence_in]) if check.licence_in is not None else None
    reads_licence = bool(classes or without) or on_list is not None
    present = check.present

    def component_check(facts: _Facts, unknown: Unknowns) -> Truth:
        component = facts.component(key)
        if present is not None:
            listed = component is not None and component.access != "not-released"
            if listed != present:
                return False
            if component is None:
                return True
        if component is None:
            unknown[f"components.{key}"] = None
            return None
        results: list[Truth] = []
        if access:
            if component.access is None:
                unknown[f"components.{key}.access"] = None
            results.append(None if component.access is None else component.access in access)
        if reads_licence:
            reading = facts.readings.get(key)
            if reading is None:
                if component.access == "not-released":
                    results.append(False)
                else:
                    unknown[f"components.{key}.licence"] = None
                    results.append(None)
            else:
                if classes or without:
                    value = reading.check(classes, without)
                    if value is None:
                        unknown[f"components.{key}.licence"] = None
                    results.append(value)
                if on_list is not None:
                    results.append(on_list(component.licence or "", reading))
        if coverage:
            if component.coverage is None:
                unknown[f"components.{key}.coverage"] = None
            results.append(None if component.coverage is None else component.coverage in coverage)
        return _and(results)

    return component_check


@attrs.frozen
class _CompiledLevel:
    grade: str
    points: float
    check: Check | None
    requirement: str


@attrs.frozen
class _CompiledCriterion:
    criterion: Criterion
    levels: tuple[_CompiledLevel, ...]
    components: tuple[str, ...]
    assessments: tuple[tuple[str, str], ...]
    applies: Check | None
    lists: tuple[tuple[str, str, Callable[[str, Reading], bool]], ...] = ()
    #: Whether ``applies`` reads the model's modalities (then they are shown as evidence).
    reads_modalities: bool = False


@attrs.frozen
class Evaluator:
    """A rubric prepared for scoring: conditions compiled to closures, references resolved."""

    rubric: Rubric
    criteria: tuple[_CompiledCriterion, ...]
    best_points: float
    lowest_grade: str
    unless: Mapping[tuple[str, int], Check]

    def __call__(self, descriptor: Descriptor) -> Report:
        """Score one descriptor."""
        facts = _Facts(
            descriptor=descriptor,
            readings={
                key: read(component.licence)
                for key in components()
                if (component := descriptor.components.get(key)) is not None and component.licence is not None
            },
        )
        results = tuple(self._criterion(c, facts) for c in self.criteria)
        points = sum(r.points for r in results)
        max_points = sum(r.max_points for r in results)
        score = points / max_points if max_points else 0.0
        score = min(1.0, max(0.0, score))
        verdicts = _verdicts(self, {r.criterion: r for r in results}, score, facts)
        warnings = tuple(
            dict.fromkeys(
                f"components.{key}.licence: {w}" for key, reading in facts.readings.items() for w in reading.warnings
            )
        )
        model = descriptor.model
        return Report(
            rubric={
                "id": self.rubric.id,
                "title": self.rubric.title,
                "version": self.rubric.version,
                "source": self.rubric.source,
            },
            model={
                k: v
                for k, v in {
                    "id": model.id,
                    "name": model.name,
                    "organisation": model.organisation,
                    "checked": model.checked,
                    "sources": list(model.sources),
                }.items()
                if v is not None
            },
            score=score,
            points=points,
            max_points=max_points,
            verdicts=verdicts,
            results=results,
            warnings=warnings,
        )

    def _criterion(self, compiled: _CompiledCriterion, facts: _Facts) -> CriterionResult:
        criterion = compiled.criterion
        unknown: Unknowns = {}
        if compiled.applies is not None and compiled.applies(facts, unknown) is False:
            return self._not_applicable(compiled, facts)
        reached = None
        for index, level in enumerate(compiled.levels):
            if level.check is None or level.check(facts, unknown) is True:
                reached = index
                break
        if reached is None:
            grade, grade_points = self.lowest_grade, self.rubric.scale[self.lowest_grade]
            better = compiled.levels[-1] if compiled.levels[-1].grade != grade else None
        else:
            level = compiled.levels[reached]
            grade, grade_points = level.grade, level.points
            better = compiled.levels[reached - 1] if reached > 0 else None
        evidence = _evidence(compiled, facts)
        if compiled.reads_modalities:
            evidence = (_modalities_evidence(facts.descriptor), *evidence)
        reason = _reason(compiled, facts, grade, self.rubric)
        to_raise = f"{better.grade} would need: {better.requirement}" if better is not None else None
        return CriterionResult(
            criterion=criterion.id,
            title=criterion.title,
            group=criterion.group,
            grade=grade,
            points=criterion.weight * grade_points,
            max_points=criterion.weight * self.best_points,
            weight=criterion.weight,
            reason=reason,
            evidence=evidence,
            to_raise=to_raise,
            unknown=tuple(unknown) if reached is None or reached > 0 else (),
            unsure=any(e.unsure for e in evidence),
        )

    def _not_applicable(self, compiled: _CompiledCriterion, facts: _Facts) -> CriterionResult:
        criterion = compiled.criterion
        condition = criterion.applies_when
        assert condition is not None  # noqa: S101 - only called when the criterion has one
        return CriterionResult(
            criterion=criterion.id,
            title=criterion.title,
            group=criterion.group,
            grade=NOT_APPLICABLE,
            points=0.0,
            max_points=0.0,
            weight=criterion.weight,
            reason=f"{NOT_APPLICABLE}: the criterion applies only when {describe(condition)}, which does not hold.",
            evidence=(_modalities_evidence(facts.descriptor),) if compiled.reads_modalities else (),
            applies=False,
        )


#: The grade of a criterion whose ``applies-when`` condition does not hold.
NOT_APPLICABLE = "not-applicable"


def _modalities_evidence(descriptor: Descriptor) -> Evidence:
    stated = ", ".join(descriptor.model.modalities) or "not stated"
    return Evidence(fact="model.modalities", value=stated, sources=descriptor.model.sources)


def _human_number(number: int) -> str:
    for size, word in ((1_000_000_000, "billion"), (1_000_000, "million")):
        if number % size == 0 and number >= size:
            return f"{number // size} {word}"
    return f"{number:,}"


def _restriction_phrases(reading: Reading) -> list[str]:
    vocabulary = restrictions()
    phrases = []
    cap = min((lic.user_cap for alt in reading.alternatives for lic in alt if lic.user_cap), default=None)
    for name in reading.restrictions():
        if name == "attribution":
            continue
        phrase = vocabulary[name].phrase
        if cap is not None:
            phrase = phrase.replace("{user-cap}", _human_number(cap))
        phrases.append(phrase)
    return phrases


@functools.lru_cache(maxsize=4096)
def _licence_phrase(reading: Reading) -> str:
    if len(reading.alternatives) == 1:
        names = " and ".join(lic.phrase() for lic in reading.alternatives[0])
    else:
        names = "a choice of " + " or ".join(" and ".join(lic.phrase() for lic in alt) for alt in reading.alternatives)
    phrases = _restriction_phrases(reading)
    if not phrases:
        return names
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
    return f"{names}, which {joined}"


def _component_phrase(key: str, component: Component | None, reading: Reading | None) -> str:
    title = components()[key].title
    if component is None:
        return f"{title}: not stated in the descriptor"
    parts = [ACCESS_PHRASES[component.access] if component.access else "access not stated"]
    if reading is not None:
        parts.append(f"under {_licence_phrase(reading)}")
    elif component.access not in (None, "not-released"):
        parts.append("licence not stated")
    if component.coverage is not None:
        parts.append(f"coverage {component.coverage}")
    text = f"{title}: " + ", ".join(parts)
    if component.unsure:
        text += " (marked unsure in the descriptor)"
    return text


def _list_phrase(
    key: str, name: str, on_list: Callable[[str, Reading], bool], facts: _Facts, rubric: Rubric
) -> str | None:
    component, reading = facts.component(key), facts.readings.get(key)
    if component is None or component.licence is None or reading is None:
        return None
    how = "exactly as written" if rubric.licence_lists[name].match == "exact" else "as read"
    where = "on" if on_list(component.licence, reading) else "not on"
    return f"the licence {component.licence!r} is {where} the rubric's {name!r} list ({how})"


def _reason(compiled: _CompiledCriterion, facts: _Facts, grade: str, rubric: Rubric) -> str:
    phrases = [_component_phrase(key, facts.component(key), facts.readings.get(key)) for key in compiled.components]
    phrases += [
        phrase
        for key, name, on_list in compiled.lists
        if (phrase := _list_phrase(key, name, on_list, facts, rubric)) is not None
    ]
    for assessor, parameter in compiled.assessments:
        rating = facts.descriptor.assessments.get(assessor, {}).get(parameter)
        if rating is None:
            phrases.append(f"{assessor} gives no rating for {parameter}")
        elif rating.grade is None:
            phrases.append(f"{assessor} lists {parameter} but has not rated it")
        else:
            note = f" ({rating.notes.strip()})" if rating.notes else ""
            phrases.append(f"{assessor} rates {parameter} {rating.grade}{note}")
    text = f"{grade}: " + "; ".join(phrases) if phrases else f"{grade}: no condition applies"
    return text + "."


def _evidence(compiled: _CompiledCriterion, facts: _Facts) -> tuple[Evidence, ...]:
    out = []
    model_sources = facts.descriptor.model.sources
    for key in compiled.components:
        component = facts.component(key)
        if component is None:
            out.append(Evidence(fact=f"components.{key}", value="not stated"))
            continue
        sources = component.sources or model_sources
        if component.access is None and component.licence is None and component.coverage is None:
            out.append(Evidence(fact=f"components.{key}", value="listed, with no access, licence or coverage stated"))
            continue
        for name in ("access", "licence", "coverage"):
            value = getattr(component, name)
            if value is None:
                continue
            shown = str(value)
            if name == "licence":
                reading = facts.readings[key]
                shown = _licence_evidence(reading)
            out.append(Evidence(fact=f"components.{key}.{name}", value=shown, sources=sources, unsure=component.unsure))
    for assessor, parameter in compiled.assessments:
        rating = facts.descriptor.assessments.get(assessor, {}).get(parameter)
        path = f"assessments.{assessor}.{parameter}"
        if rating is None:
            out.append(Evidence(fact=path, value="not stated"))
        else:
            out.append(Evidence(fact=path, value=rating.grade or "not assessed", sources=rating.link))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _licence_evidence(reading: Reading) -> str:
    parts = [reading.text if reading.text == reading.expression else f"{reading.text} (read as {reading.expression})"]
    for licence in reading.licences:
        facts = []
        if licence.kind == "licence":
            facts.append("OSI-approved" if licence.osi_approved else "not OSI-approved")
            if licence.restrictions:
                facts.append("restrictions: " + ", ".join(licence.restrictions))
            elif not licence.curated:
                facts.append("restrictions not reviewed")
        else:
            facts.append(
                {"no-licence": "grants no rights", "unknown": "terms unknown", "exception": "exception"}[licence.kind]
            )
        source = f"; terms: {licence.sources[0]}" if licence.sources else ""
        parts.append(f"{licence.id}: {', '.join(facts)}{source}")
    return " | ".join(parts)


def _needs(evaluator: Evaluator, criterion: str, needed: float) -> str | None:
    """What the easiest level worth at least ``needed`` points asks for."""
    for compiled in evaluator.criteria:
        if compiled.criterion.id == criterion:
            sufficient = [level for level in compiled.levels if level.points >= needed]
            if sufficient:
                level = sufficient[-1]
                return f"{level.grade} would need: {level.requirement}"
    return None


def _verdicts(
    evaluator: Evaluator, results: Mapping[str, CriterionResult], score: float, facts: _Facts
) -> tuple[VerdictResult, ...]:
    rubric = evaluator.rubric
    by_id = {v.id: v for v in rubric.verdicts}

    done: dict[str, tuple[tuple[bool, str], ...]] = {}

    def own(verdict: Verdict) -> list[tuple[bool, str]]:
        """The verdict's own requirements, each with whether it holds."""
        found: list[tuple[bool, str]] = []
        for index, requirement in enumerate(verdict.requires):
            unless = evaluator.unless.get((verdict.id, index))
            if unless is not None and unless(facts, {}) is True:
                continue
            needed = rubric.scale[requirement.grade]
            for criterion in requirement.criteria:
                result = results[criterion]
                if not result.applies:
                    continue
                ok = rubric.scale[result.grade] >= needed
                text = f"{criterion} must be at least {requirement.grade} (now {result.grade})"
                needs = None if ok else _needs(evaluator, criterion, needed)
                found.append((ok, f"{text}; {needs}" if needs else text))
        if verdict.min_score is not None:
            found.append((score >= verdict.min_score, f"the score must reach {verdict.min_score:g} (now {score:.3g})"))
        return found

    def items(verdict_id: str) -> tuple[tuple[bool, str], ...]:
        """Every requirement of the verdict (inherited ones first); a loop, so long builds-on chains are fine."""
        chain: list[str] = []
        current: str | None = verdict_id
        while current is not None and current not in done:
            chain.append(current)
            current = by_id[current].builds_on
        inherited = done[current] if current is not None else ()
        for member in reversed(chain):
            inherited = done[member] = inherited + tuple(own(by_id[member]))
        return done[verdict_id]

    out = []
    for verdict in rubric.verdicts:
        found = items(verdict.id)
        met = all(ok for ok, _ in found)
        progress = sum(ok for ok, _ in found) / len(found) if found else 1.0
        if verdict.gated and verdict.builds_on is not None and not _met(verdict.builds_on, items):
            progress = 0.0
        out.append(
            VerdictResult(
                id=verdict.id,
                title=verdict.title,
                met=met,
                progress=progress,
                missing=tuple(dict.fromkeys(text for ok, text in found if not ok)),
            )
        )
    return tuple(out)


def _met(verdict_id: str, items: Callable[[str], tuple[tuple[bool, str], ...]]) -> bool:
    return all(ok for ok, _ in items(verdict_id))


_COMPILED: OrderedDict[int, tuple[Rubric, Evaluator]] = OrderedDict()
_COMPILED_MAX = 128
_COMPILED_LOCK = threading.Lock()


def compile_rubric(rubric: Rubric) -> Evaluator:
    """Prepare a rubric for scoring; cached per rubric object (the cache holds the rubric alive).

    Safe to call from many threads: the cache is guarded by a lock (compiling happens outside it;
    two threads compiling the same rubric at once get equal evaluators).
    """
    with _COMPILED_LOCK:
        cached = _COMPILED.get(id(rubric))
    if cached is not None and cached[0] is rubric:
        return cached[1]
    evaluator = _compile(rubric)
    with _COMPILED_LOCK:
        _COMPILED[id(rubric)] = (rubric, evaluator)
        while len(_COMPILED) > _COMPILED_MAX:
            _COMPILED.popitem(last=False)
    return evaluator


def _compile(rubric: Rubric) -> Evaluator:
    compiled = []
    for criterion in rubric.criteria:
        levels = tuple(
            _CompiledLevel(
                grade=level.grade,
                points=rubric.scale[level.grade],
                check=_compile_condition(level.when, rubric.licence_lists) if level.when is not None else None,
                requirement=level.requirement_text(),
            )
            for level in criterion.levels
        )
        compiled.append(
            _CompiledCriterion(
                criterion=criterion,
                levels=levels,
                components=criterion.components(),
                lists=_lists_read(criterion, rubric),
                assessments=criterion.assessments(),
                applies=(
                    _compile_condition(criterion.applies_when, rubric.licence_lists)
                    if criterion.applies_when is not None
                    else None
                ),
                reads_modalities=criterion.applies_when is not None
                and any(isinstance(check, ModalityCheck) for check in checks(criterion.applies_when)),
            )
        )
    return Evaluator(
        rubric=rubric,
        criteria=tuple(compiled),
        best_points=rubric.scale[rubric.grades[0]],
        lowest_grade=rubric.lowest_grade,
        unless={
            (verdict.id, index): _compile_condition(requirement.unless, rubric.licence_lists)
            for verdict in rubric.verdicts
            for index, requirement in enumerate(verdict.requires)
            if requirement.unless is not None
        },
    )


def _lists_read(criterion: Criterion, rubric: Rubric) -> tuple[tuple[str, str, Callable[[str, Reading], bool]], ...]:
    seen: dict[tuple[str, str], None] = {}
    for level in criterion.levels:
        if level.when is not None:
            for check in checks(level.when):
                if isinstance(check, ComponentCheck) and check.licence_in is not None:
                    seen[(component_aliases()[check.component], check.licence_in)] = None
    return tuple((key, name, _licence_list_check(rubric.licence_lists[name])) for key, name in seen)


def score(
    descriptor: Descriptor | Mapping[str, Any] | str | Path,
    rubric: Rubric | Mapping[str, Any] | str | Path | None = None,
) -> Report:
    """Score a model descriptor against a rubric (the default rubric when none is given).

    Both may be given as loaded objects, paths, mappings, or (for rubrics) built-in ids. Scoring
    never raises for missing or unknown facts: the report says what was unknown. Only malformed
    input raises an :class:`openness.OpennessError`.
    """
    return compile_rubric(load_rubric(rubric))(load_descriptor(descriptor))
