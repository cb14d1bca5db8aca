"""The texts that explain a score: reasons, evidence, what would raise a grade, what a verdict misses.

Scoring (:mod:`openness._scoring.engine`) decides grades, points and verdicts; this module writes, from the
same facts, the parts of a :class:`~openness.Report` a reader looks at. It runs when a report is
first read, not when it is scored.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from openness._lang.checks import Facts
from openness._model.conditions import Condition, describe, fact_title, number_text
from openness._model.descriptor import Component, Descriptor
from openness._model.lineage import BASE_MODEL, Lineage, weight_components
from openness._model.report import CriterionResult, Evidence, Explained, VerdictResult
from openness._model.rubric import Rubric
from openness._reading.vocabulary import ACCESS_PHRASES, components, restrictions
from openness._reading.vocabulary import facts as fact_vocabulary
from openness.licences import Reading
from openness.limits import Limits, current, limited

if TYPE_CHECKING:
    from openness._scoring.engine import CompiledCriterion, Evaluator, Graded, Outcome

__all__ = ["NOT_APPLICABLE", "Requirement", "explain", "verdict_requirements"]

#: The grade of a criterion whose ``applies-when`` condition does not hold.
NOT_APPLICABLE = "not-applicable"


def explain(evaluator: Evaluator, facts: Facts, graded: Graded, limits: Limits) -> Explained:
    """The explaining parts of a report, under the limits it was scored with (licences read alike)."""
    if current() is limits:
        return _explain(evaluator, facts, graded, limits)
    with limited(limits):
        return _explain(evaluator, facts, graded, limits)


def _explain(evaluator: Evaluator, facts: Facts, graded: Graded, limits: Limits) -> Explained:
    written = evaluator.texts_written.get(limits)
    if written is None:
        written = evaluator.texts_written[limits] = tuple({} for _ in evaluator.criteria)
    descriptor = facts.descriptor
    keys = [key(descriptor, code) for key, code in zip(evaluator.texts_keys, graded.codes, strict=True)]
    results: list[CriterionResult | None] = list(map(dict.get, written, keys))
    if not all(results):  # results are always true: only a text not yet written is missing
        for index, (compiled, texts, key, outcome) in enumerate(
            zip(evaluator.criteria, written, keys, graded.outcome, strict=True)
        ):
            if results[index] is None:  # written once per distinct set of the facts it reads (models share them)
                results[index] = texts[key] = _criterion(evaluator, compiled, facts, outcome)
                if len(texts) > _WRITTEN_SIZE:
                    texts.clear()
    warnings = _component_warnings(facts, evaluator.licence_warnings.setdefault(limits, {})) + _stated_warnings(
        facts.descriptor
    )
    if facts.lineage is not None:  # base licences that bind the model but are missing from what it declares
        warnings += facts.lineage.warnings
    model = facts.descriptor.model
    stated: dict[str, Any] = {"id": model.id, "name": model.name}  # the model's identity, as far as stated
    if model.organisation is not None:
        stated["organisation"] = model.organisation
    if model.checked is not None:
        stated["checked"] = model.checked
    stated["sources"] = list(model.sources)
    return Explained(
        rubric=dict(evaluator.rubric_info),
        model=stated,
        verdicts=_verdicts(evaluator, facts, graded),
        results=tuple(results),  # type: ignore[arg-type]  # every one written above
        warnings=warnings,
    )


def _component_warnings(facts: Facts, known: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Each licence reading's warnings, and each coverage stated where it means nothing, naming the component.

    In vocabulary order, each once. ``known``: the warnings of each licence string read so far under
    the same limits (a licence string is stated for many components, and by many models). One pass
    over the components finds both.
    """
    warned = []
    coverage_stated = False
    for key, component in facts.components.items():
        coverage_stated = coverage_stated or component.coverage is not None
        licence = component.licence
        if licence is None:
            continue
        found = known.get(licence)
        if found is None:
            found = facts.reading(key).warnings  # type: ignore[union-attr]
            if len(known) >= _WRITTEN_SIZE:
                known.clear()
            known[licence] = found
        if found:
            warned.append(key)
    coverage = _coverage_warnings(facts.descriptor) if coverage_stated else ()
    if not warned:
        return coverage
    order = list(components())
    return (
        tuple(
            dict.fromkeys(
                f"components.{key}.licence: {warning}"
                for key in sorted(warned, key=order.index)
                for warning in facts.reading(key).warnings  # type: ignore[union-attr]
            )
        )
        + coverage
    )


def _stated_warnings(descriptor: Descriptor) -> tuple[str, ...]:
    """What the descriptor's reader could not read cleanly (``extra.warnings``: a card with no front matter, ...)."""
    if not descriptor.extra:
        return ()
    stated = descriptor.extra.get("warnings", ())
    return tuple(str(warning) for warning in stated) if isinstance(stated, (list, tuple)) else ()


#: The component kinds a ``coverage`` fact describes (how complete a release or description is).
_COVERED_KINDS = ("data", "documentation")


def _coverage_warnings(descriptor: Descriptor) -> tuple[str, ...]:
    """A warning for each coverage stated on a component that has none (code, weights, access)."""
    vocabulary = components()
    return tuple(
        f"components.{key}.coverage: {key!r} ({spec.kind}) has no coverage: coverage describes "
        "data and documentation only; remove the fact"
        for key, spec in vocabulary.items()  # vocabulary order: the descriptor's own order must not matter
        if spec.kind not in _COVERED_KINDS
        and (component := descriptor.components.get(key)) is not None
        and component.coverage is not None
    )


#: How many results a compiled criterion keeps, by the facts they were written from.
_WRITTEN_SIZE = 1024


def _verdicts(evaluator: Evaluator, facts: Facts, graded: Graded) -> tuple[VerdictResult, ...]:
    """The verdicts' results: their texts written once per grading (one pattern of check answers).

    Which facts not stated leave a verdict open depends on the descriptor, not only on the grading,
    so those are found for each report whose verdicts are undetermined.
    """
    requirements = None
    hit = evaluator.verdicts_written.get(id(graded))
    if hit is not None and hit[0] is graded:  # the entry keeps ``graded`` alive, so its id stays its own
        verdicts: tuple[VerdictResult, ...] = hit[1]  # type: ignore[assignment]
    else:
        requirements = verdict_requirements(evaluator, graded, facts)
        verdicts = tuple(
            VerdictResult(
                id=verdict.id,
                title=verdict.title,
                met=status == "met",
                progress=progress,
                missing=tuple(dict.fromkeys(r.text for r in requirements[verdict.id] if r.holds is not True)),
                status=status,
            )
            for verdict, (_, progress), status in zip(
                evaluator.rubric.verdicts, graded.outcomes, graded.statuses, strict=True
            )
        )
        if len(evaluator.verdicts_written) >= _WRITTEN_SIZE:
            evaluator.verdicts_written.clear()
        evaluator.verdicts_written[id(graded)] = (graded, verdicts)
    if "undetermined" not in graded.statuses:
        return verdicts
    if requirements is None:
        requirements = verdict_requirements(evaluator, graded, facts)
    return tuple(
        attrs.evolve(result, unknown=_open_facts(evaluator, facts, requirements[result.id]))
        if result.status == "undetermined"
        else result
        for result in verdicts
    )


def _open_facts(evaluator: Evaluator, facts: Facts, requirements: tuple[Requirement, ...]) -> tuple[str, ...]:
    """The facts not stated that the open requirements read (each once, in order)."""
    unknown: dict[str, None] = {}
    for requirement in requirements:
        if requirement.holds is None:
            for criterion in requirement.criteria:
                evaluator.criteria[criterion].grade(facts, unknown)
    for check in evaluator.unless_checks:  # a requirement an unknown ``unless`` may waive
        if check(facts, {}) is None:
            check(facts, unknown)
    return tuple(unknown)


#: Gives, for a descriptor and a criterion's outcome (as its number, ``Graded.codes``), the key of its texts.
TextsKey = Callable[[Descriptor, int], object]


def texts_key(reads: tuple[tuple[str, ...], tuple[tuple[str, str], ...], bool, tuple[str, ...]]) -> TextsKey:
    """A function giving, for a descriptor and an outcome, what a criterion's texts are written from.

    ``reads`` is what the criterion's conditions read (see ``CompiledCriterion.reads``): two
    descriptors equal in those facts get the same texts. The limits are not part of the key: the
    texts written under each limits are kept apart (:func:`_explain`).
    """
    components_read, assessments_read, modalities_read, facts_read = reads
    stated_read = tuple(
        dict.fromkeys(name for fact_id in facts_read for name in fact_vocabulary()[fact_id].derived_from or (fact_id,))
    )
    # A weights component's texts name the model's bases (its effective licence), so they are part of the key.
    reads_bases = any(name in weight_components() for name in components_read)
    if len(components_read) == 1 and not assessments_read and not modalities_read and not facts_read:  # lean
        (name,) = components_read

        def one_component(descriptor: Descriptor, index: int) -> object:
            component = descriptor.components.get(name)
            if component is None:
                return (index, descriptor.model.base_model) if reads_bases else index
            sources = component.sources
            return (
                index,
                component.access,
                component.licence,
                component.coverage,
                component.unsure,
                sources,
                None if sources else descriptor.model.sources,  # then the evidence cites the model's
                descriptor.model.base_model if reads_bases else None,
            )

        return one_component

    def any_facts(descriptor: Descriptor, index: int) -> object:
        stated = descriptor.components.get
        model = descriptor.model
        return (
            index,
            model.sources,
            model.modalities if modalities_read else None,
            model.base_model if reads_bases else None,
            tuple([_component_facts(stated(name)) for name in components_read]),
            tuple(
                [descriptor.assessments.get(assessor, {}).get(parameter) for assessor, parameter in assessments_read]
            ),
            tuple([descriptor.fact(fact_id) for fact_id in stated_read]),
        )

    return any_facts


def _component_facts(component: Component | None) -> tuple[object, ...] | None:
    """What of a component a result's texts read."""
    if component is None:
        return None
    return (component.access, component.licence, component.coverage, component.sources, component.unsure)


def _criterion(evaluator: Evaluator, compiled: CompiledCriterion, facts: Facts, outcome: Outcome) -> CriterionResult:
    criterion = compiled.criterion
    index, best, maybe_not_applicable = outcome
    if index == -1:
        return _not_applicable(compiled, facts)
    levels = compiled.levels
    grade, best_grade = compiled.grades[index], compiled.grades[best]
    if index == len(levels):  # no level reached: the rubric's lowest grade
        better = levels[-1] if levels[-1].grade != grade else None
    else:
        better = levels[index - 1] if index > 0 else None
    unknown: dict[str, None] = {}
    if index > 0 or maybe_not_applicable:  # the facts that kept the better levels out of reach
        compiled.grade(facts, unknown)
    determined = best == index and not maybe_not_applicable
    evidence = _evidence(compiled, facts)
    if compiled.reads_modalities:
        evidence = (_modalities_evidence(facts.descriptor), *evidence)
    head = grade if determined else _open_grade(compiled, grade, best_grade, tuple(unknown), maybe_not_applicable)
    reason = _reason(compiled, facts, head, evaluator.rubric)
    return CriterionResult(
        criterion=criterion.id,
        title=criterion.title,
        group=criterion.group,
        grade=grade,
        points=compiled.points[index],
        max_points=compiled.max_points[index],
        weight=criterion.weight,
        reason=reason,
        evidence=evidence,
        to_raise=f"{better.grade} would need: {better.requirement}" if better is not None else None,
        unknown=tuple(unknown),
        unsure=any(e.unsure for e in evidence),
        best_grade=best_grade,
        determined=determined,
    )


def _open_grade(
    compiled: CompiledCriterion, grade: str, best_grade: str, unknown: tuple[str, ...], maybe_not_applicable: bool
) -> str:
    """An undetermined grade in words: as stated, the best it could be, and the facts not stated."""
    text = f"{grade} as stated, not final" if best_grade == grade else f"{grade} as stated, {best_grade} at best"
    text += f" (not stated: {', '.join(unknown) or 'a fact the conditions read'}"
    if maybe_not_applicable:
        condition = compiled.criterion.applies_when
        assert condition is not None  # noqa: S101 - only a criterion with a condition may not apply
        text += f"; applies only when {describe(condition)}"
    return text + ")"


def _not_applicable(compiled: CompiledCriterion, facts: Facts) -> CriterionResult:
    criterion = compiled.criterion
    condition = criterion.applies_when
    assert condition is not None  # noqa: S101 - only a criterion with a condition is not applicable
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
    key: str, name: str, on_list: Callable[[str, Reading], bool], facts: Facts, rubric: Rubric
) -> str | None:
    component, reading = facts.components.get(key), facts.reading(key)
    if component is None or component.licence is None or reading is None:
        return None
    how = "exactly as written" if rubric.licence_lists[name].match == "exact" else "as read"
    where = "on" if on_list(component.licence, reading) else "not on"
    return f"the licence {component.licence!r} is {where} the rubric's {name!r} list ({how})"


def _reason(compiled: CompiledCriterion, facts: Facts, grade: str, rubric: Rubric) -> str:
    phrases = [_component_phrase(key, facts.components.get(key), facts.reading(key)) for key in compiled.components]
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
    phrases += [_fact_phrase(fact_id, facts.descriptor) for fact_id in compiled.facts]
    # A clause once: two components with one licence on one list give the same list clause.
    text = f"{grade}: " + "; ".join(dict.fromkeys(phrases)) if phrases else f"{grade}: no condition applies"
    return text + "."


def _evidence(compiled: CompiledCriterion, facts: Facts) -> tuple[Evidence, ...]:
    out = []
    model_sources = facts.descriptor.model.sources
    for key in compiled.components:
        component = facts.components.get(key)
        if component is None:
            out.append(Evidence(fact=f"components.{key}", value="not stated"))
            continue
        sources = component.sources or model_sources
        borrowed = not component.sources and bool(model_sources)
        if component.access is None and component.licence is None and component.coverage is None:
            out.append(Evidence(fact=f"components.{key}", value="listed, with no access, licence or coverage stated"))
            continue
        for name in ("access", "licence", "coverage"):
            value = getattr(component, name)
            if value is None:
                continue
            shown = str(value)
            if name == "licence":
                reading = facts.reading(key)
                assert reading is not None  # noqa: S101 - the component states a licence
                shown = _licence_evidence(reading)
            out.append(
                Evidence(
                    fact=f"components.{key}.{name}",
                    value=shown,
                    sources=sources,
                    unsure=component.unsure,
                    sources_from_model=borrowed,
                )
            )
    found = facts.lineage
    if found is not None and any(key in weight_components() for key in compiled.components):
        out.append(Evidence(fact=BASE_MODEL, value=_base_evidence(found), sources=model_sources))
    for assessor, parameter in compiled.assessments:
        rating = facts.descriptor.assessments.get(assessor, {}).get(parameter)
        path = f"assessments.{assessor}.{parameter}"
        if rating is None:
            out.append(Evidence(fact=path, value="not stated"))
        else:
            out.append(Evidence(fact=path, value=rating.grade or "not assessed", sources=rating.link))
    by_fact = {e.fact: e for fact_id in compiled.facts for e in _fact_evidence(fact_id, facts.descriptor)}
    out += by_fact.values()
    return tuple(out)


def _base_evidence(found: Lineage) -> str:
    """Each base, and what its licence passes down to the model's weights (the effective terms)."""
    parts = []
    for base in found.bases:
        if base.descriptor is None:
            parts.append(f"{base.name} (not resolved: the terms it passes down are unknown)")
            continue
        passed = [f"{lic.id} binds derivatives" for lic in base.flowing]
        if base.maybe:
            passed.append("whether all its terms pass down is unknown")
        parts.append(f"{base.name} ({'; '.join(passed) or base.note or 'its licence passes nothing down'})")
    return ", ".join(parts)


def _fact_shown(fact_id: str, descriptor: Descriptor) -> str:
    """A fact's value in words, with how a derived one was derived; ``not stated`` when unknown."""
    spec = fact_vocabulary()[fact_id]
    value, missing = descriptor.fact_value(fact_id)
    if value is None:
        return "not stated" if not spec.derived_from else f"not known ({', '.join(missing)} not stated)"
    if spec.kind == "boolean":
        return "yes" if value else "no"
    shown = number_text(float(value), spec.unit)
    if not spec.derived_from:
        return shown
    inputs = []
    for name in spec.derived_from:
        stated = descriptor.fact(name)
        assert stated is not None  # noqa: S101 - the value is known, so every input is stated
        inputs.append(number_text(float(stated.value), fact_vocabulary()[name].unit))
    factor = f"{spec.factor:g} × " if spec.factor != 1 else ""
    return f"{shown}, an estimate: {factor}{' × '.join(inputs)}"


def _fact_phrase(fact_id: str, descriptor: Descriptor) -> str:
    spec = fact_vocabulary()[fact_id]
    text = f"{fact_title(spec.title)}: {_fact_shown(fact_id, descriptor)}"
    stated = [descriptor.fact(name) for name in spec.derived_from or (fact_id,)]
    if any(fact is not None and fact.unsure for fact in stated):
        text += " (marked unsure in the descriptor)"
    return text


def _fact_evidence(fact_id: str, descriptor: Descriptor) -> list[Evidence]:
    """The fact, or for a derived one each fact it is derived from and then the estimate."""
    spec = fact_vocabulary()[fact_id]
    out = [] if not spec.derived_from else [e for name in spec.derived_from for e in _fact_evidence(name, descriptor)]
    stated = [fact for name in spec.derived_from or (fact_id,) if (fact := descriptor.fact(name)) is not None]
    out.append(
        Evidence(
            fact=fact_id,
            value=_fact_shown(fact_id, descriptor),
            sources=tuple(dict.fromkeys(source for fact in stated for source in fact.sources)),
            unsure=any(fact.unsure for fact in stated),
        )
    )
    return out


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


def _needs(compiled: CompiledCriterion, needed: float) -> str | None:
    """What the easiest level worth at least ``needed`` points asks for."""
    sufficient = [level for level in compiled.levels if level.points >= needed]
    if sufficient:
        level = sufficient[-1]
        return f"{level.grade} would need: {level.requirement}"
    return None


class Requirement(NamedTuple):
    """One requirement of a verdict as the engine counts it: whether it holds, in words, what it reads."""

    #: True, false or unknown (``None``).
    holds: bool | None
    text: str
    #: The indices of the criteria it reads (every criterion, for a minimum score).
    criteria: tuple[int, ...]
    #: The grade it asks of its criterion; ``None`` for a minimum score.
    grade: str | None = None
    #: The minimum score it asks; ``None`` for a criterion's grade.
    min_score: float | None = None
    #: Its ``unless`` condition, when facts not stated leave open whether that waives it.
    unless: Condition | None = None


def verdict_requirements(evaluator: Evaluator, graded: Graded, facts: Facts) -> dict[str, tuple[Requirement, ...]]:
    """Every requirement of every verdict (inherited ones first), as :class:`Requirement` records.

    Read from the same plans the engine counts to decide ``status`` and ``progress``, so a verdict
    is met exactly when every one of these holds, and not met exactly when one fails.
    """
    rubric = evaluator.rubric
    reached, best, score = graded.reached, graded.best, graded.score
    done: dict[int, list[Requirement]] = {}
    for plan in evaluator.plans:  # each after the verdict it builds on
        verdict = rubric.verdicts[plan.index]
        found = list(done[plan.builds_on]) if plan.builds_on is not None else []
        for requirement, (unless, criteria, rows) in zip(verdict.requires, plan.requirements, strict=True):
            waived = None if unless is None else evaluator.unless_checks[unless](facts, {})
            if waived is True:
                continue
            open_unless = requirement.unless if unless is not None and waived is None else None
            for criterion, row in zip(criteria, rows, strict=True):
                ok = row[reached[criterion]]
                if ok is None:  # not applicable
                    continue
                compiled = evaluator.criteria[criterion]
                now = compiled.grades[reached[criterion]]
                if best[criterion] != reached[criterion]:
                    now = f"{now} as stated, {compiled.grades[best[criterion]]} at best"
                text = f"{compiled.criterion.id} must be at least {requirement.grade} (now {now})"
                needs = None if ok else _needs(compiled, rubric.scale[requirement.grade])
                text = f"{text}; {needs}" if needs else text
                found.append(Requirement(None, text, (criterion,), grade=requirement.grade, unless=open_unless))
        if verdict.min_score is not None:
            now = (
                f"{score:.3g}"
                if graded.best_score == score
                else f"{score:.3g} as stated, {graded.best_score:.3g} at best"
            )
            text = f"the score must reach {verdict.min_score:g} (now {now})"
            found.append(Requirement(None, text, tuple(range(len(reached))), min_score=verdict.min_score))
        done[plan.index] = found
    return {
        verdict.id: tuple(
            found._replace(holds=holds) for holds, found in zip(graded.holds[index], done[index], strict=True)
        )
        for index, verdict in enumerate(rubric.verdicts)
    }
