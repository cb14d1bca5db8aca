"""Why rubrics disagree on one model: each rubric's headline verdict, and what decides each disagreement.

Nothing here is written per rubric pair. A disagreement is derived from the rubrics themselves (a
verdict's requirements, the levels that meet them, the leaf checks of those levels' conditions and
the facts each check reads) and from the engine's reports (grades, statuses, evidence):

1. Each rubric's verdicts form a *ladder*, least demanding first: a verdict ranks above another when
   its requirements (inherited ones included) contain the other's. The *headline* verdict is the
   highest verdict met; when none is met, the lowest one facts not stated leave open
   (``undetermined``); otherwise the lowest one (``not-met``).
2. Two rubrics disagree when their headline statuses differ (met > undetermined > not-met), or when
   both meet a verdict but only one meets its highest. The one ahead *leads*; the other *trails*,
   and its *missed* verdict is its headline when that is not met, else the verdict above it.
3. The missed verdict's requirements that do not hold are the *shortfalls*. For each, the level
   that would meet it is split into tests of one fact each (a component's access, its licence
   classes, a licence list, its coverage, an assessment, the modalities); the tests that fail (or
   that facts not stated leave open) name the *deciding facts*.
4. The leading rubric's headline verdict is explained the same way (the tests that make each of
   its requirements hold). A deciding fact the leading verdict does not rest on is required by the
   trailing rubric only; one it does rest on is judged differently, and a licence judged
   differently is a *licence reading*: each side names the classes or lists it tests and how this
   licence answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from openness._lang.checks import Facts, compile_condition
from openness._model.conditions import (
    AllOf,
    AnyOf,
    AssessmentCheck,
    ComponentCheck,
    Condition,
    FactCheck,
    Not,
    checks,
    describe,
)
from openness._model.descriptor import Descriptor
from openness._model.markup import grade_words
from openness._model.report import Report, VerdictResult
from openness._model.rubric import LicenceList, Rubric
from openness._reading.structure import converter
from openness._reading.vocabulary import component_aliases
from openness._scoring.diff import required_points
from openness._scoring.engine import compile_rubric
from openness._scoring.texts import verdict_requirements

__all__ = [
    "CONTRAST_FORMAT",
    "DecidingFact",
    "Disagreement",
    "FactTest",
    "Shortfall",
    "Standing",
    "analyse",
    "answer_words",
    "fact_paths",
    "ladder",
    "short_value",
]

#: Version of the contrast's dict/JSON layout.
CONTRAST_FORMAT = 1

#: Headline statuses, from behind to ahead.
_RANK = {"not-met": 0, "undetermined": 1, "met": 2}

#: The kinds of deciding fact.
LICENCE_READING, JUDGED_DIFFERENTLY, ONE_SIDED = "licence-reading", "judged-differently", "one-sided"

Truth = bool | None
Lists = Mapping[str, LicenceList]


@attrs.frozen(kw_only=True)
class FactTest:
    """One test a rubric makes of one fact for a requirement, and how this model's fact answers it."""

    #: The rubric's label in the contrast (its id; ``id #2`` for a second copy).
    rubric: str
    #: The criterion whose level makes the test (``None`` for a requirement's ``unless``).
    criterion: str | None
    #: The test as a rubric condition of one fact (``{not = ...}`` when the rubric asks it not to hold).
    condition: dict[str, Any]
    #: The test in words.
    says: str
    #: ``True`` (passes), ``False`` (fails) or ``None`` (the fact is not stated).
    answer: bool | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data, keys sorted."""
        return {
            "answer": self.answer,
            "condition": self.condition,
            "criterion": self.criterion,
            "rubric": self.rubric,
            "says": self.says,
        }


@attrs.frozen(kw_only=True)
class DecidingFact:
    """A fact that decides a disagreement: what the model states, and how each rubric tests it."""

    #: The fact's path in the descriptor (``components.weights.licence``).
    fact: str
    #: What the descriptor states, as the report's evidence gives it (``not stated`` when nothing).
    value: str
    #: ``licence-reading`` (a licence both test, differently), ``judged-differently`` (another fact
    #: both test, differently) or ``one-sided`` (only the trailing rubric's verdict rests on it).
    kind: str
    #: The trailing rubric's tests of the fact that fail or are open.
    trailing: tuple[FactTest, ...]
    #: The leading rubric's tests of the fact that its headline verdict rests on (empty when one-sided).
    leading: tuple[FactTest, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data, keys sorted."""
        return {
            "fact": self.fact,
            "kind": self.kind,
            "leading": [t.to_dict() for t in self.leading],
            "trailing": [t.to_dict() for t in self.trailing],
            "value": self.value,
        }


@attrs.frozen(kw_only=True)
class Shortfall:
    """One requirement of the missed verdict that does not hold, or that facts not stated leave open."""

    #: The criterion required (``None`` for a minimum score).
    criterion: str | None
    #: The criterion's title, or ``score``.
    title: str
    #: The grade required (``None`` for a minimum score).
    grade: str | None
    #: The minimum score required (``None`` for a criterion).
    min_score: float | None
    #: Where the model is: its grade in words, or its score.
    now: str
    #: ``False`` (ruled out by the stated facts) or ``None`` (open: facts not stated decide it).
    holds: bool | None
    #: What meeting it would take, in words.
    needs: str
    #: The paths of the deciding facts this requirement's tests read, in order.
    facts: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data, keys sorted."""
        return {
            "criterion": self.criterion,
            "facts": list(self.facts),
            "grade": self.grade,
            "holds": self.holds,
            "min_score": self.min_score,
            "needs": self.needs,
            "now": self.now,
            "title": self.title,
        }


@attrs.frozen(kw_only=True)
class Standing:
    """Where one rubric puts the model: its score range, its verdicts, and its headline verdict."""

    #: The rubric's label in the contrast: its id (``id #2`` for a second copy of one id).
    label: str
    #: The rubric's id, title and version.
    rubric: dict[str, str]
    score: float
    best_score: float
    #: Every verdict, in rubric order (status, progress, what is missing, the facts not stated).
    verdicts: tuple[VerdictResult, ...]
    #: The verdict ids, least demanding first (see the module's documentation).
    ladder: tuple[str, ...]
    #: The headline verdict's id (``None`` when the rubric defines no verdicts).
    headline: str | None
    #: The headline verdict's status: ``met``, ``not-met`` or ``undetermined`` (``None``: no verdicts).
    status: str | None
    #: Whether the model meets the rubric's highest verdict.
    top: bool

    def verdict(self, verdict_id: str) -> VerdictResult:
        """One verdict's result, by id."""
        return next(v for v in self.verdicts if v.id == verdict_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain data, keys sorted."""
        return {
            "best_score": self.best_score,
            "headline": self.headline,
            "label": self.label,
            "ladder": list(self.ladder),
            "rubric": dict(sorted(self.rubric.items())),
            "score": self.score,
            "status": self.status,
            "top": self.top,
            "verdicts": [
                {
                    "id": v.id,
                    "progress": v.progress,
                    "status": v.status,
                    "title": v.title,
                    "unknown": list(v.unknown),
                }
                for v in self.verdicts
            ],
        }


@attrs.frozen(kw_only=True)
class Disagreement:
    """Two rubrics that disagree on the model, and the requirements and facts that decide it."""

    #: The label of the rubric ahead, and its headline verdict.
    leading: str
    leading_verdict: VerdictResult
    #: The label of the rubric behind, and the verdict it misses.
    trailing: str
    trailing_verdict: VerdictResult
    #: Whether both rubrics meet a verdict (the leading one meets its highest, the trailing one does not).
    both_met: bool
    shortfalls: tuple[Shortfall, ...]
    facts: tuple[DecidingFact, ...]

    @property
    def summary(self) -> str:
        """The disagreement in one sentence (not escaped)."""
        lead = self.leading_verdict
        if lead.status == "met":
            ahead = f"meets {'its highest verdict ' if self.both_met else ''}{lead.id}"
        else:
            ahead = f"may still meet {lead.id} (undetermined)"
        behind = (
            f"misses {self.trailing_verdict.id}"
            if self.trailing_verdict.status == "not-met"
            else f"leaves {self.trailing_verdict.id} undetermined"
        )
        return f"{self.leading} {ahead} while {self.trailing} {behind}"

    @property
    def explanation(self) -> str:
        """What decides it, in words (not escaped): the facts only one rubric requires, then those read differently."""
        one_sided = [f for f in self.facts if f.kind == ONE_SIDED]
        differ = [f for f in self.facts if f.kind != ONE_SIDED]
        sentences = []
        if one_sided:
            listed = ", ".join(f"{f.fact} ({short_value(f.value)})" for f in one_sided)
            rests = f"{self.leading}'s {self.leading_verdict.id}"
            sentences.append(f"{self.trailing} requires {listed}; {rests} rests on none of them.")
        for fact in differ:
            what = "Licence reading" if fact.kind == LICENCE_READING else "Judged differently"
            sides = "; ".join(
                f"{side} tests " + ", ".join(f"{t.says} ({answer_words(t.answer)})" for t in tests)
                for side, tests in ((self.trailing, fact.trailing), (self.leading, fact.leading))
            )
            sentences.append(f"{what} of {fact.fact} ({short_value(fact.value)}): {sides}.")
        scores = [s for s in self.shortfalls if s.criterion is None]
        sentences += [f"{self.trailing} requires {s.needs} (now {s.now})." for s in scores]
        return " ".join(sentences)

    def to_dict(self) -> dict[str, Any]:
        """Plain data, keys sorted."""
        return {
            "both_met": self.both_met,
            "explanation": self.explanation,
            "facts": [f.to_dict() for f in self.facts],
            "leading": self.leading,
            "leading_verdict": _verdict_dict(self.leading_verdict),
            "shortfalls": [s.to_dict() for s in self.shortfalls],
            "summary": self.summary,
            "trailing": self.trailing,
            "trailing_verdict": _verdict_dict(self.trailing_verdict),
        }


def answer_words(answer: bool | None) -> str:
    """A test's answer in words: ``yes``, ``no`` or ``unknown`` (the fact is not stated)."""
    return "unknown" if answer is None else "yes" if answer else "no"


def short_value(value: str) -> str:
    """A fact's value without the licence details the evidence adds after `` | ``."""
    return value.split(" | ", 1)[0]


def _verdict_dict(verdict: VerdictResult) -> dict[str, Any]:
    return {"id": verdict.id, "progress": verdict.progress, "status": verdict.status, "title": verdict.title}


# --- the ladder and the headline -------------------------------------------------------------------------------


def ladder(rubric: Rubric) -> tuple[str, ...]:
    """The rubric's verdict ids, least demanding first.

    A verdict ranks above another when its requirements, inherited ones included, contain the
    other's: every criterion the other requires, at a grade at least as high, and a minimum score at
    least as high. Verdicts are ordered by how many others they contain, then by rubric order.
    """
    needs = {v.id: required_points(rubric, v.id) for v in rubric.verdicts}

    def contains(a: str, b: str) -> bool:
        (a_needs, a_score), (b_needs, b_score) = needs[a], needs[b]
        criteria = all(c in a_needs and a_needs[c] >= p for c, p in b_needs.items())
        return criteria and (b_score is None or (a_score is not None and a_score >= b_score))

    ids = [v.id for v in rubric.verdicts]
    contained = {a: sum(contains(a, b) for b in ids if b != a) for a in ids}
    return tuple(sorted(ids, key=lambda a: (contained[a], ids.index(a))))


def _standing(label: str, rubric: Rubric, report: Report) -> Standing:
    order = ladder(rubric)
    results = {v.id: v for v in report.verdicts}
    met = [v for v in order if results[v].status == "met"]
    open_ = [v for v in order if results[v].status == "undetermined"]
    headline = met[-1] if met else open_[0] if open_ else order[0] if order else None
    return Standing(
        label=label,
        rubric={k: report.rubric[k] for k in ("id", "title", "version")},
        score=report.score,
        best_score=report.best_score,
        verdicts=report.verdicts,
        ladder=order,
        headline=headline,
        status=results[headline].status if headline is not None else None,
        top=bool(order) and results[order[-1]].status == "met",
    )


# --- conditions, split into tests of one fact ------------------------------------------------------------------


def _value(condition: Condition, facts: Facts, lists: Lists) -> Truth:
    return compile_condition(condition, lists)(facts, {})


def _tests(leaf: Condition) -> list[Condition]:
    """A leaf check split into tests of one fact each (a component's fields; anything else is one test).

    Licence classes and ``licence-without`` stay together: an expression's alternatives are
    judged on both at once.
    """
    if not isinstance(leaf, ComponentCheck):
        return [leaf]
    name = leaf.component
    parts: list[Condition] = []
    if leaf.present is not None:
        parts.append(ComponentCheck(component=name, present=leaf.present))
    if leaf.access:
        parts.append(ComponentCheck(component=name, access=leaf.access))
    if leaf.licence or leaf.licence_without:
        parts.append(ComponentCheck(component=name, licence=leaf.licence, licence_without=leaf.licence_without))
    if leaf.licence_in is not None:
        parts.append(ComponentCheck(component=name, licence_in=leaf.licence_in))
    if leaf.coverage:
        parts.append(ComponentCheck(component=name, coverage=leaf.coverage))
    return parts


def _fact_path(test: Condition) -> str:
    """The path of the one fact a test reads."""
    if isinstance(test, AssessmentCheck):
        return f"assessments.{test.assessment}.{test.parameter}"
    if isinstance(test, FactCheck):
        return test.fact
    if not isinstance(test, ComponentCheck):
        return "model.modalities"
    key = component_aliases()[test.component]
    if test.present is not None or test.access:
        return f"components.{key}.access"
    if test.coverage:
        return f"components.{key}.coverage"
    return f"components.{key}.licence"


def fact_paths(condition: Condition) -> tuple[str, ...]:
    """Every fact path a condition reads (one per test of one fact), in order."""
    return tuple(dict.fromkeys(_fact_path(t) for leaf in checks(condition) for t in _tests(leaf)))


def _explaining(condition: Condition, value: Truth, facts: Facts, lists: Lists) -> list[tuple[Condition, bool]]:
    """The leaf checks that give ``condition`` its ``value``, each with whether the rubric wants it to hold.

    ``all`` that fails is explained by its failing parts, ``any`` that holds by its holding parts,
    and an open (unknown) one by its open parts; ``not`` turns the wish around.
    """
    if isinstance(condition, (AllOf, AnyOf)):
        return [
            found
            for part in condition.conditions
            if _value(part, facts, lists) is value
            for found in _explaining(part, value, facts, lists)
        ]
    if isinstance(condition, Not):
        inner = None if value is None else not value
        return [(leaf, not wanted) for leaf, wanted in _explaining(condition.condition, inner, facts, lists)]
    return [(condition, True)]


def _fact_tests(
    label: str, criterion: str | None, condition: Condition, value: Truth, facts: Facts, *, lists: Lists
) -> list[tuple[str, FactTest]]:
    """The tests of one fact that give ``condition`` its ``value``, with their fact paths."""
    found = []
    for leaf, wanted in _explaining(condition, value, facts, lists):
        leaf_value = value if wanted else (None if value is None else not value)
        for test in _tests(leaf):
            answer = _value(test, facts, lists)
            if answer is not leaf_value:
                continue
            raw = _condition_dict(test)
            found.append(
                (
                    _fact_path(test),
                    FactTest(
                        rubric=label,
                        criterion=criterion,
                        condition=raw if wanted else {"not": raw},
                        says=describe(test) if wanted else f"not ({describe(test)})",
                        answer=answer if wanted else (None if answer is None else not answer),
                    ),
                )
            )
    return found


def _condition_dict(test: Condition) -> dict[str, Any]:
    raw: dict[str, Any] = converter.unstructure(test, Condition)
    return {k: v for k, v in raw.items() if v is not None and v != []}


# --- requirements ----------------------------------------------------------------------------------------------


@attrs.frozen
class _Need:
    """One requirement of a verdict (inherited ones first), as the engine counts it, and whether it holds."""

    criterion: str | None
    grade: str | None
    min_score: float | None
    holds: Truth
    #: The requirement's ``unless`` when facts not stated may waive it.
    unless: Condition | None = None


def _needs(rubric: Rubric, verdict_id: str, facts: Facts) -> list[_Need]:
    """A verdict's requirements with whether each holds: the engine's own (``verdict_requirements``)."""
    evaluator = compile_rubric(rubric)
    requirements = verdict_requirements(evaluator, evaluator.decide(facts), facts)[verdict_id]
    return [
        _Need(
            criterion=None if r.grade is None else evaluator.criteria[r.criteria[0]].criterion.id,
            grade=r.grade,
            min_score=r.min_score,
            holds=r.holds,
            unless=r.unless,
        )
        for r in requirements
    ]


def status_of(needs: Sequence[_Need]) -> str:
    """A verdict's status from its requirements (as the engine decides it)."""
    holds = [n.holds for n in needs]
    if False in holds:
        return "not-met"
    return "met" if None not in holds else "undetermined"


def _criterion_tests(
    label: str, rubric: Rubric, need: _Need, report: Report, facts: Facts
) -> list[tuple[str, FactTest]]:
    """The tests of one fact that decide whether a criterion requirement holds (or why it does not)."""
    assert need.criterion is not None  # noqa: S101 - a criterion requirement
    assert need.grade is not None  # noqa: S101
    lists, criterion = rubric.licence_lists, rubric.criterion(need.criterion)
    found: list[tuple[str, FactTest]] = []
    if need.holds is True:  # the level reached, and why it holds
        grade = report.result(need.criterion).grade
        level = next((lv for lv in criterion.levels if lv.grade == grade), None)
        if level is not None and level.when is not None:
            found += _fact_tests(label, criterion.id, level.when, True, facts, lists=lists)
        return found
    sufficient = [lv for lv in criterion.levels if rubric.scale[lv.grade] >= rubric.scale[need.grade]]
    valued = [(lv, _value(lv.when, facts, lists)) for lv in sufficient if lv.when is not None]
    open_levels = [(lv, v) for lv, v in valued if v is None]
    chosen = open_levels or valued[-1:]  # the levels facts not stated leave open, else the easiest one that fails
    for level, value in chosen:
        assert level.when is not None  # noqa: S101 - filtered above
        found += _fact_tests(label, criterion.id, level.when, value, facts, lists=lists)
    applies_when = criterion.applies_when
    if need.holds is None and applies_when is not None and _value(applies_when, facts, lists) is None:
        found += _fact_tests(label, criterion.id, applies_when, None, facts, lists=lists)
    if need.unless is not None:  # facts not stated may waive the requirement
        found += _fact_tests(label, None, need.unless, None, facts, lists=lists)
    return found


def _needs_text(rubric: Rubric, need: _Need) -> str:
    if need.criterion is None:
        return f"a score of at least {need.min_score:g}"
    assert need.grade is not None  # noqa: S101 - a criterion requirement
    criterion = rubric.criterion(need.criterion)
    sufficient = [lv for lv in criterion.levels if rubric.scale[lv.grade] >= rubric.scale[need.grade]]
    if not sufficient:
        return f"{need.criterion} at least {need.grade}"
    return f"{sufficient[-1].grade}: {sufficient[-1].requirement_text()}"


# --- pairs ------------------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Scored:
    """One rubric of a contrast, with its report and standing."""

    label: str
    rubric: Rubric
    report: Report
    standing: Standing


def order(a: Standing, b: Standing) -> tuple[Standing, Standing, bool] | None:
    """``(leading, trailing, both_met)`` when the two standings disagree, else ``None``."""
    if a.status is None or b.status is None:
        return None
    if a.status != b.status:
        return (a, b, False) if _RANK[a.status] > _RANK[b.status] else (b, a, False)
    if a.status == "met" and a.top != b.top:
        return (a, b, True) if a.top else (b, a, True)
    return None


def _missed(standing: Standing) -> str:
    assert standing.headline is not None  # noqa: S101 - only standings with verdicts disagree
    if standing.status != "met":
        return standing.headline
    return standing.ladder[standing.ladder.index(standing.headline) + 1]


def _value_of(path: str, reports: Sequence[Report], descriptor: Descriptor) -> str:
    """What the descriptor states for a fact: the reports' evidence for it, else the raw fact."""
    parts = path.split(".")
    whole = ".".join(parts[:2])
    for report in reports:
        for result in report.results:
            for item in result.evidence:
                if item.fact in (path, whole):
                    return item.value
    if parts[0] == "components":
        component = descriptor.components.get(parts[1])
        value = getattr(component, parts[2], None) if component is not None else None
        return "not stated" if value is None else str(value)
    if parts[0] == "model":
        return ", ".join(descriptor.model.modalities) or "not stated"
    if parts[0] != "assessments":  # a fact of the fact vocabulary (training.compute-flop, ...)
        stated = descriptor.fact(path)
        return (
            "not stated"
            if stated is None
            else f"{stated.value:g}"
            if isinstance(stated.value, float)
            else str(stated.value)
        )
    rating = descriptor.assessments.get(parts[1], {}).get(".".join(parts[2:]))
    return "not stated" if rating is None else rating.grade or "not assessed"


def _disagreement(lead: Scored, trail: Scored, both_met: bool, facts: Facts) -> Disagreement:
    lead_verdict = lead.standing.headline
    trail_verdict = _missed(trail.standing)
    assert lead_verdict is not None  # noqa: S101 - only standings with verdicts disagree
    shortfalls = []
    trailing_tests: dict[str, dict[tuple[object, ...], FactTest]] = {}
    for need in _needs(trail.rubric, trail_verdict, facts):
        if need.holds is True:
            continue
        if need.criterion is None:
            now = f"{trail.report.score:.2f}"
            if trail.report.best_score != trail.report.score:
                now += f", {trail.report.best_score:.2f} at best"
            shortfalls.append(
                Shortfall(
                    criterion=None,
                    title="score",
                    grade=None,
                    min_score=need.min_score,
                    now=now,
                    holds=need.holds,
                    needs=_needs_text(trail.rubric, need),
                    facts=(),
                )
            )
            continue
        tests = _criterion_tests(trail.label, trail.rubric, need, trail.report, facts)
        for path, test in tests:
            trailing_tests.setdefault(path, {})[_key(test)] = test
        result = trail.report.result(need.criterion)
        shortfalls.append(
            Shortfall(
                criterion=need.criterion,
                title=result.title,
                grade=need.grade,
                min_score=None,
                now=grade_words(result),
                holds=need.holds,
                needs=_needs_text(trail.rubric, need),
                facts=tuple(dict.fromkeys(path for path, _ in tests)),
            )
        )
    leading_tests: dict[str, dict[tuple[object, ...], FactTest]] = {}
    for need in _needs(lead.rubric, lead_verdict, facts):
        if need.criterion is None:
            continue
        for path, test in _criterion_tests(lead.label, lead.rubric, need, lead.report, facts):
            leading_tests.setdefault(path, {})[_key(test)] = test
    reports = (trail.report, lead.report)
    deciding = []
    for path, trailing in trailing_tests.items():
        leading = tuple(leading_tests.get(path, {}).values())
        kind = ONE_SIDED if not leading else LICENCE_READING if path.endswith(".licence") else JUDGED_DIFFERENTLY
        deciding.append(
            DecidingFact(
                fact=path,
                value=_value_of(path, reports, facts.descriptor),
                kind=kind,
                trailing=tuple(trailing.values()),
                leading=leading,
            )
        )
    return Disagreement(
        leading=lead.label,
        leading_verdict=lead.standing.verdict(lead_verdict),
        trailing=trail.label,
        trailing_verdict=trail.standing.verdict(trail_verdict),
        both_met=both_met,
        shortfalls=tuple(shortfalls),
        facts=tuple(deciding),
    )


def _key(test: FactTest) -> tuple[object, ...]:
    """What makes two tests the same: the rubric, the criterion, the test and its answer."""
    return (test.rubric, test.criterion, test.says, test.answer)


def labels(rubrics: Sequence[Rubric]) -> list[str]:
    """Each rubric's label: its id, with ``#2``, ``#3`` ... for further rubrics of the same id."""
    seen: dict[str, int] = {}
    found = []
    for rubric in rubrics:
        seen[rubric.id] = seen.get(rubric.id, 0) + 1
        found.append(rubric.id if seen[rubric.id] == 1 else f"{rubric.id} #{seen[rubric.id]}")
    return found


def analyse(
    descriptor: Descriptor, rubrics: Sequence[Rubric], reports: Sequence[Report]
) -> tuple[tuple[Standing, ...], tuple[Disagreement, ...], tuple[tuple[str, str], ...]]:
    """The standings, the disagreements of every pair (in input order) and the pairs that agree."""
    scored = [
        Scored(label=label, rubric=rubric, report=report, standing=_standing(label, rubric, report))
        for label, rubric, report in zip(labels(rubrics), rubrics, reports, strict=True)
    ]
    facts = Facts(descriptor)
    disagreements = []
    agreements = []
    for i, first in enumerate(scored):
        for second in scored[i + 1 :]:
            if first.standing.status is None or second.standing.status is None:
                continue  # a rubric without verdicts has no headline to agree or disagree on
            found = order(first.standing, second.standing)
            if found is None:
                agreements.append((first.label, second.label))
                continue
            lead, _, both_met = found
            pair = (first, second) if lead is first.standing else (second, first)
            disagreements.append(_disagreement(pair[0], pair[1], both_met, facts))
    return tuple(s.standing for s in scored), tuple(disagreements), tuple(agreements)
