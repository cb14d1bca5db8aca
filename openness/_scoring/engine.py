"""Scoring: a rubric compiled once into an evaluator; ``score`` is a pure function of its inputs.

An :class:`Evaluator` decides, for one descriptor, which level each criterion reaches, the points
and score, and whether each verdict is met and how far along it is: numbers and indices only. The
report it returns writes its reasons and evidence (:mod:`openness._scoring.texts`) when first read.
"""

from __future__ import annotations

import functools
import operator
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from openness._lang.checks import Check, Facts, Unknowns, compile_condition, licence_list_check
from openness._model.conditions import AssessmentCheck, ComponentCheck, FactCheck, ModalityCheck, checks
from openness._model.descriptor import Descriptor
from openness._model.report import CriterionResult, Report
from openness._model.rubric import Criterion, Rubric, load_rubric
from openness._reading.vocabulary import component_aliases
from openness._scoring.texts import NOT_APPLICABLE, TextsKey, explain, texts_key
from openness.importers import load_descriptor
from openness.licences import Reading
from openness.limits import Limits, current

__all__ = ["NOT_APPLICABLE", "CompiledCriterion", "Evaluator", "compile_rubric", "score"]

#: What a criterion's checks decide, three-valued: ``(reached, best, maybe_not_applicable)``.
#: ``reached`` is the level the stated facts establish: its index, ``len(levels)`` when none is (the
#: rubric's lowest grade), ``-1`` when the criterion does not apply. ``best`` is the best level some
#: completion of the unknown facts could reach (``reached`` when nothing unknown stands in the way).
#: ``maybe_not_applicable``: whether the criterion applies is itself unknown.
Outcome = tuple[int, int, bool]
#: Decides a criterion's :data:`Outcome`.
Grader = Callable[[Facts, Unknowns], Outcome]
#: A grader, or (for a criterion with one conditional level) that level's check: see ``CompiledCriterion``.
Decider = Callable[[Facts, Unknowns], object]
#: The outcome of a criterion that does not apply.
NOT_APPLIES: Outcome = (-1, -1, False)


@attrs.frozen
class CompiledLevel:
    """One level of a criterion: its grade, its points on the rubric's scale, its check."""

    grade: str
    points: float
    check: Check | None
    requirement: str


@attrs.frozen
class CompiledCriterion:
    """A criterion ready to grade, with a row of answers per possible outcome.

    ``points``, ``max_points``, ``values`` (the grade's value on the scale; ``None`` when not
    applicable) and ``grades`` are indexed by what :meth:`grade` returns, ``-1`` included. Scoring
    calls ``decide`` and looks its answer up in ``index_of``: a criterion with one conditional
    level decides with that level's check itself (one call fewer for the most common shape).
    """

    criterion: Criterion
    levels: tuple[CompiledLevel, ...]
    decide: Decider
    index_of: Mapping[object, Outcome]
    points: tuple[float, ...]
    max_points: tuple[float, ...]
    values: tuple[float | None, ...]
    grades: tuple[str, ...]
    components: tuple[str, ...]
    assessments: tuple[tuple[str, str], ...]
    lists: tuple[tuple[str, str, Callable[[str, Reading], bool]], ...] = ()
    #: Whether the criterion's ``applies-when`` reads the model's modalities (then they are evidence).
    reads_modalities: bool = False
    #: The facts of the fact vocabulary its levels read (``training.compute-flop``), in order.
    facts: tuple[str, ...] = ()
    #: Every fact any of its conditions reads (levels and ``applies-when``): component keys,
    #: (assessor, parameter) pairs, whether the modalities, and fact ids. A result's texts depend on these alone.
    reads: tuple[tuple[str, ...], tuple[tuple[str, str], ...], bool, tuple[str, ...]] = ((), (), False, ())
    #: What the criterion's texts are written from, for a descriptor and an outcome (a cache key).
    texts_key: TextsKey = attrs.field(default=None, eq=False, repr=False)

    def grade(self, facts: Facts, unknown: Unknowns) -> Outcome:
        """The outcome (see :data:`Outcome`), adding the facts found unknown to ``unknown``."""
        return self.index_of[self.decide(facts, unknown)]


@attrs.frozen
class _VerdictPlan:
    """One verdict's own requirements as indices, and where its inherited ones come from."""

    index: int
    #: Per requirement: the position of its ``unless`` check in ``Evaluator.unless_checks`` (or
    #: ``None``), its criteria, and for each criterion whether each of its outcomes satisfies the
    #: requirement (``None``: not applicable, not counted).
    requirements: tuple[tuple[int | None, tuple[int, ...], tuple[tuple[bool | None, ...], ...]], ...]
    min_score: float | None
    builds_on: int | None


class Graded(NamedTuple):
    """What scoring decides: the numbers of a report, the level each criterion reached, the range unknowns leave."""

    #: The lowest score any completion of the unknown facts gives (the score the stated facts establish).
    score: float
    points: float
    max_points: float
    #: Per criterion, the level the stated facts establish (see :data:`Outcome`).
    reached: tuple[int, ...]
    #: Per verdict (rubric order): met (established), and progress in [0, 1].
    outcomes: tuple[tuple[bool, float], ...]
    #: The ids of the verdicts met.
    met: tuple[str, ...]
    #: Per criterion, the best level a completion of the unknown facts could reach.
    best: tuple[int, ...]
    #: Per criterion, whether it may not apply (its ``applies-when`` reads a fact not stated).
    maybe_not_applicable: tuple[bool, ...]
    #: The highest score any completion of the unknown facts could give.
    best_score: float
    #: Per verdict (rubric order): ``"met"``, ``"not-met"`` or ``"undetermined"``.
    statuses: tuple[str, ...]
    #: Per verdict (rubric order), per requirement (inherited first): whether it holds, three-valued.
    holds: tuple[tuple[bool | None, ...], ...]
    #: Per criterion, its :data:`Outcome`, and the same as one number (a cheap key for its texts).
    outcome: tuple[Outcome, ...]
    codes: tuple[int, ...]


#: How many distinct outcome patterns an evaluator remembers the grading of.
_MEMO_SIZE = 4096


@attrs.frozen
class Evaluator:
    """A rubric prepared for scoring: conditions compiled to closures, references resolved to indices.

    Scoring a descriptor runs each criterion's checks, and each ``unless`` check of the verdicts;
    everything else (points, score, verdicts) follows from their answers alone, so it is computed
    once per distinct pattern of answers and remembered (a bounded table, emptied when full).
    """

    rubric: Rubric
    criteria: tuple[CompiledCriterion, ...]
    lowest_grade: str
    #: ``unless`` conditions of verdict requirements, by (verdict id, requirement index).
    unless: Mapping[tuple[str, int], Check]
    #: Verdicts in an order where each comes after the one it builds on.
    plans: tuple[_VerdictPlan, ...]
    #: Per verdict (rubric order): the index of the verdict whose being unmet zeroes its progress.
    gates: tuple[int | None, ...]
    _deciders: tuple[Decider, ...] = attrs.field(init=False)
    #: The rubric's id, title, version and source, as each report gives them (a copy each).
    rubric_info: Mapping[str, str] = attrs.field(init=False)
    #: Each criterion's ``texts_key``, in order.
    texts_keys: tuple[TextsKey, ...] = attrs.field(init=False)
    #: The ``unless`` checks, in one order: plans name them by position.
    unless_checks: tuple[Check, ...] = attrs.field(init=False)
    _index_maps: tuple[Mapping[object, Outcome], ...] = attrs.field(init=False)
    _point_rows: tuple[tuple[float, ...], ...] = attrs.field(init=False)
    _max_rows: tuple[tuple[float, ...], ...] = attrs.field(init=False)
    _memo: dict[tuple[object, ...], Graded] = attrs.field(init=False, factory=dict, eq=False, repr=False)
    #: Criterion texts written so far: per limits, per criterion, by what they were written from.
    texts_written: dict[Limits, tuple[dict[object, CriterionResult], ...]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    #: The warnings of each licence string read so far, per limits.
    licence_warnings: dict[Limits, dict[str, tuple[str, ...]]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    #: Verdict texts written so far, by the identity of their grading (see ``openness._scoring.texts``).
    verdicts_written: dict[int, tuple[Graded, object]] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    @_deciders.default
    def _all_deciders(self) -> tuple[Decider, ...]:
        return tuple(c.decide for c in self.criteria)

    @rubric_info.default
    def _rubric_info(self) -> Mapping[str, str]:
        rubric = self.rubric
        return {"id": rubric.id, "title": rubric.title, "version": rubric.version, "source": rubric.source}

    @texts_keys.default
    def _all_texts_keys(self) -> tuple[TextsKey, ...]:
        return tuple(c.texts_key for c in self.criteria)

    @unless_checks.default
    def _all_unless(self) -> tuple[Check, ...]:
        return tuple(self.unless.values())

    @_index_maps.default
    def _all_index_maps(self) -> tuple[Mapping[object, Outcome], ...]:
        return tuple(c.index_of for c in self.criteria)

    @_point_rows.default
    def _all_points(self) -> tuple[tuple[float, ...], ...]:
        return tuple(c.points for c in self.criteria)

    @_max_rows.default
    def _all_max(self) -> tuple[tuple[float, ...], ...]:
        return tuple(c.max_points for c in self.criteria)

    def __call__(self, descriptor: Descriptor) -> Report:
        """Score one descriptor."""
        facts = Facts(descriptor)
        graded = self.decide(facts)
        return Report.scored(
            score=graded.score,
            best_score=graded.best_score,
            points=graded.points,
            max_points=graded.max_points,
            met=graded.met,
            write=functools.partial(explain, self, facts, graded, current()),
        )

    def decide(self, facts: Facts) -> Graded:
        """What scoring decides for one descriptor's facts (remembered per pattern of the checks' answers)."""
        ignored: Unknowns = {}  # which facts were unknown is for the explanation
        answers = [decide(facts, ignored) for decide in self._deciders]
        answers.extend([check(facts, ignored) for check in self.unless_checks])
        key = tuple(answers)
        graded = self._memo.get(key)
        return graded if graded is not None else self.grade(key)

    def grade(self, answers: tuple[object, ...]) -> Graded:
        """Points, score and verdicts from the checks' answers (criteria first, then ``unless`` checks)."""
        size = len(self.criteria)
        outcomes_of = tuple(map(operator.getitem, self._index_maps, answers[:size]))
        reached, best, maybe = zip(*outcomes_of, strict=True) if outcomes_of else ((), (), ())
        points, max_points, score, best_score = self._score_range(reached, best, maybe)
        holds = self._holds(reached, best, maybe, answers[size:], (score, best_score))
        statuses = tuple(_status(verdict_holds) for verdict_holds in holds)
        outcomes = self._progress(holds)
        met = tuple(verdict.id for verdict, status in zip(self.rubric.verdicts, statuses, strict=True) if status == MET)
        codes = tuple((at << 16) | (top << 1) | may for at, top, may in outcomes_of)
        graded = Graded(
            score,
            points,
            max_points,
            reached,
            outcomes,
            met,
            best,
            maybe,
            best_score,
            statuses,
            holds,
            outcomes_of,
            codes,
        )
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[answers] = graded
        return graded

    def _score_range(
        self, reached: tuple[int, ...], best: tuple[int, ...], maybe: tuple[bool, ...]
    ) -> tuple[float, float, float, float]:
        """Points and max points as stated, and the lowest and highest score over the completions of the unknowns.

        As stated, every criterion that may apply counts, at the level the stated facts establish:
        then ``points / max_points`` is the lowest score unless whether a criterion applies is
        itself unknown. Such a criterion counts, in each bound, unless leaving it out moves the
        score that way: they are tried in order of their own ratio, so the extreme is a prefix.
        """
        low = high = most = 0.0
        doubtful: list[tuple[float, float, float]] = []
        for point_row, max_row, at, top, may in zip(
            self._point_rows, self._max_rows, reached, best, maybe, strict=True
        ):
            if may:
                doubtful.append((point_row[at], point_row[top], max_row[at]))
            else:
                low, high, most = low + point_row[at], high + point_row[top], most + max_row[at]
        if not doubtful:
            return low, most, _ratio(low, most), _ratio(high, most)
        points = low + sum(lo for lo, _, _ in doubtful)
        max_points = most + sum(m for _, _, m in doubtful)
        lowest = _extreme(low, most, [(lo, m) for lo, _, m in doubtful], lowest=True)
        highest = _extreme(high, most, [(hi, m) for _, hi, m in doubtful], lowest=False)
        return points, max_points, lowest, highest

    def _progress(self, holds: tuple[tuple[bool | None, ...], ...]) -> tuple[tuple[bool, float], ...]:
        """Each verdict's (met, progress): the share of its requirements (inherited ones too) established.

        A gated verdict shows no progress while the verdict it builds on is not met.
        """
        outcomes = []
        for found, gate in zip(holds, self.gates, strict=True):
            progress = found.count(True) / len(found) if found else 1.0
            if gate is not None and holds[gate].count(True) != len(holds[gate]):
                progress = 0.0
            outcomes.append((found.count(True) == len(found), progress))
        return tuple(outcomes)

    def _holds(
        self,
        reached: tuple[int, ...],
        best: tuple[int, ...],
        maybe: tuple[bool, ...],
        unless: tuple[object, ...],
        scores: tuple[float, float],
    ) -> tuple[tuple[bool | None, ...], ...]:
        """Per verdict, whether each of its requirements (inherited first) holds: true, false or unknown."""
        done: dict[int, tuple[bool | None, ...]] = {}
        for plan in self.plans:
            found = list(done[plan.builds_on]) if plan.builds_on is not None else []
            for skip, criteria, rows in plan.requirements:
                skipped = unless[skip] if skip is not None else False
                if skipped is True:
                    continue
                for criterion, row in zip(criteria, rows, strict=True):
                    now = row[reached[criterion]]
                    if now is None:  # does not apply
                        continue
                    at_best = row[best[criterion]]
                    holds: bool | None = True if now else (False if at_best is False else None)
                    if holds is False and maybe[criterion]:
                        holds = None  # if it does not apply, it does not count
                    if holds is not True and skipped is None:
                        holds = None  # the requirement may be waived
                    found.append(holds)
            if plan.min_score is not None:
                score, best_score = scores
                found.append(True if score >= plan.min_score else (False if best_score < plan.min_score else None))
            done[plan.index] = tuple(found)
        return tuple(done[index] for index in range(len(self.rubric.verdicts)))


#: The statuses of a verdict.
MET, NOT_MET, UNDETERMINED = "met", "not-met", "undetermined"


def _status(holds: tuple[bool | None, ...]) -> str:
    """``not-met`` if a requirement fails, ``met`` if every one holds, else ``undetermined``."""
    if False in holds:
        return NOT_MET
    return MET if None not in holds else UNDETERMINED


def _ratio(points: float, max_points: float) -> float:
    return min(1.0, max(0.0, points / max_points)) if max_points else 0.0


def _extreme(points: float, max_points: float, doubtful: list[tuple[float, float]], *, lowest: bool) -> float:
    """The lowest (or highest) score counting any subset of the ``doubtful`` criteria's (points, max points)."""
    ordered = sorted(doubtful, key=lambda pair: pair[0] / pair[1] if pair[1] else 0.0, reverse=not lowest)
    scores = [_ratio(points, max_points)]
    for extra, most in ordered:
        points, max_points = points + extra, max_points + most
        scores.append(_ratio(points, max_points))
    return min(scores) if lowest else max(scores)


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
    lists = rubric.licence_lists
    criteria = tuple(_compile_criterion(criterion, rubric) for criterion in rubric.criteria)
    position = {criterion.id: i for i, criterion in enumerate(rubric.criteria)}
    verdict_position = {verdict.id: i for i, verdict in enumerate(rubric.verdicts)}
    unless = {
        (verdict.id, index): compile_condition(requirement.unless, lists)
        for verdict in rubric.verdicts
        for index, requirement in enumerate(verdict.requires)
        if requirement.unless is not None
    }
    unless_position = {key: i for i, key in enumerate(unless)}
    plans = {
        verdict.id: _VerdictPlan(
            index=verdict_position[verdict.id],
            requirements=tuple(
                (
                    unless_position.get((verdict.id, index)),
                    tuple(position[c] for c in requirement.criteria),
                    tuple(
                        _satisfies(criteria[position[c]], rubric.scale[requirement.grade]) for c in requirement.criteria
                    ),
                )
                for index, requirement in enumerate(verdict.requires)
            ),
            min_score=verdict.min_score,
            builds_on=verdict_position[verdict.builds_on] if verdict.builds_on is not None else None,
        )
        for verdict in rubric.verdicts
    }
    return Evaluator(
        rubric=rubric,
        criteria=criteria,
        lowest_grade=rubric.lowest_grade,
        unless=unless,
        plans=_dependency_order(rubric, plans),
        gates=tuple(
            verdict_position[verdict.builds_on] if verdict.gated and verdict.builds_on is not None else None
            for verdict in rubric.verdicts
        ),
    )


def _satisfies(compiled: CompiledCriterion, needed: float) -> tuple[bool | None, ...]:
    """For each outcome of a criterion: whether its grade is worth ``needed`` (``None``: not applicable)."""
    return tuple(None if value is None else value >= needed for value in compiled.values)


def _dependency_order(rubric: Rubric, plans: Mapping[str, _VerdictPlan]) -> tuple[_VerdictPlan, ...]:
    """The plans, each after the one it builds on (a loop, so long builds-on chains are fine)."""
    by_id = {verdict.id: verdict for verdict in rubric.verdicts}
    ordered: dict[str, _VerdictPlan] = {}
    for verdict in rubric.verdicts:
        chain: list[str] = []
        current_id: str | None = verdict.id
        while current_id is not None and current_id not in ordered:
            chain.append(current_id)
            current_id = by_id[current_id].builds_on
        for member in reversed(chain):
            ordered[member] = plans[member]
    return tuple(ordered.values())


def _compile_criterion(criterion: Criterion, rubric: Rubric) -> CompiledCriterion:
    lists = rubric.licence_lists
    levels = tuple(
        CompiledLevel(
            grade=level.grade,
            points=rubric.scale[level.grade],
            check=compile_condition(level.when, lists) if level.when is not None else None,
            requirement=level.requirement_text(),
        )
        for level in criterion.levels
    )
    applies = compile_condition(criterion.applies_when, lists) if criterion.applies_when is not None else None
    lowest = rubric.lowest_grade
    best = rubric.scale[rubric.grades[0]]
    # One entry per level, one for "no level reached" (the lowest grade), one for "not applicable" (index -1).
    values: tuple[float | None, ...] = (*(level.points for level in levels), rubric.scale[lowest], None)
    return CompiledCriterion(
        criterion=criterion,
        levels=levels,
        **_decider(tuple(level.check for level in levels), applies),
        points=tuple(criterion.weight * value if value is not None else 0.0 for value in values),
        max_points=(*(criterion.weight * best for _ in range(len(levels) + 1)), 0.0),
        values=values,
        grades=(*(level.grade for level in levels), lowest, NOT_APPLICABLE),
        components=criterion.components(),
        assessments=criterion.assessments(),
        lists=_lists_read(criterion, rubric),
        reads_modalities=criterion.applies_when is not None
        and any(isinstance(check, ModalityCheck) for check in checks(criterion.applies_when)),
        facts=tuple(
            dict.fromkeys(
                check.fact
                for level in criterion.levels
                if level.when is not None
                for check in checks(level.when)
                if isinstance(check, FactCheck)
            )
        ),
        reads=(reads := _facts_read(criterion)),
        texts_key=texts_key(reads),
    )


def _facts_read(
    criterion: Criterion,
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], bool, tuple[str, ...]]:
    conditions = [level.when for level in criterion.levels if level.when is not None]
    if criterion.applies_when is not None:
        conditions.append(criterion.applies_when)
    leaves = [check for condition in conditions for check in checks(condition)]
    aliases = component_aliases()
    return (
        tuple(dict.fromkeys(aliases[c.component] for c in leaves if isinstance(c, ComponentCheck))),
        tuple(dict.fromkeys((c.assessment, c.parameter) for c in leaves if isinstance(c, AssessmentCheck))),
        any(isinstance(c, ModalityCheck) for c in leaves),
        tuple(dict.fromkeys(c.fact for c in leaves if isinstance(c, FactCheck))),
    )


def _decider(levels: tuple[Check | None, ...], applies: Check | None) -> dict[str, Any]:
    """``decide`` and ``index_of`` for a criterion (see :class:`CompiledCriterion`).

    Levels are tried best first. The first whose condition holds is the level reached; a level
    whose condition is unknown before it could be reached by some completion of the unknown facts.
    """
    unreached = len(levels)
    if applies is None and unreached == 1 and levels[0] is not None:  # one condition, else the lowest grade
        return {"decide": levels[0], "index_of": {True: (0, 0, False), False: (1, 1, False), None: (1, 0, False)}}

    def first_reached(facts: Facts, unknown: Unknowns) -> Outcome:
        best = None
        for index, check in enumerate(levels):
            value = True if check is None else check(facts, unknown)
            if value is True:
                return (index, index if best is None else best, False)
            if value is None and best is None:
                best = index
        return (unreached, unreached if best is None else best, False)

    decide: Grader = first_reached
    if applies is not None:

        def decide(facts: Facts, unknown: Unknowns) -> Outcome:
            applying = applies(facts, unknown)
            if applying is False:
                return NOT_APPLIES
            reached, best, _ = first_reached(facts, unknown)
            return (reached, best, applying is None)

    outcomes = [NOT_APPLIES] + [
        (reached, best, maybe)
        for reached in range(unreached + 1)
        for best in range(reached + 1)
        for maybe in (False, True)
    ]
    return {"decide": decide, "index_of": {outcome: outcome for outcome in outcomes}}


def _lists_read(criterion: Criterion, rubric: Rubric) -> tuple[tuple[str, str, Callable[[str, Reading], bool]], ...]:
    seen: dict[tuple[str, str], None] = {}
    for level in criterion.levels:
        if level.when is not None:
            for check in checks(level.when):
                if isinstance(check, ComponentCheck) and check.licence_in is not None:
                    seen[(component_aliases()[check.component], check.licence_in)] = None
    return tuple((key, name, licence_list_check(rubric.licence_lists[name])) for key, name in seen)


def score(
    descriptor: Descriptor | Mapping[str, Any] | str | Path,
    rubric: Rubric | Mapping[str, Any] | str | Path | None = None,
) -> Report:
    """Score a model descriptor against a rubric (the default rubric when none is given).

    Both may be given as loaded objects, paths, mappings, or ids: a catalogue id for the descriptor
    (``openness.score("olmo-7b")``), a built-in id for the rubric. Scoring
    never raises for missing or unknown facts: the report says what was unknown. Only malformed
    input raises an :class:`openness.OpennessError`.
    """
    return compile_rubric(load_rubric(rubric))(load_descriptor(descriptor))
