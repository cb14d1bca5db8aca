"""Checks a rubric author runs from their own tests, each with a shrunk counterexample on failure.

Needs the ``openness[hypothesis]`` extra.

>>> from openness.testing import check_rubric
>>> checked = check_rubric("osaid-1.0", max_examples=20)
>>> checked.ok
True
>>> [result.check for result in checked.results]
['weights', 'verdict-chains', 'bounded', 'deterministic', 'explained', 'monotone', 'reachable', 'sound']

The checks:

``weights``
    weights and the scale's points are finite and not negative, and some criterion can earn points.
``verdict-chains``
    a verdict that builds on another asks for more than it, and meeting it always meets the other.
``bounded``
    the score is in [0, 1]; the points, and each criterion's points, are within [0, max].
``deterministic``
    the same facts give the same report, whatever the order of components and keys.
``explained``
    every criterion result has a reason and evidence, names the unknown facts it used, and says
    what would raise it; a verdict not met says what is missing.
``monotone``
    making a component more available, more complete or more openly licensed never lowers a
    criterion's grade nor loses a verdict. "More openly licensed" is the order of
    ``docs/how-to/test-a-rubric-change.md``: every openness question about the licence answered
    at least as favourably.
``reachable``
    every grade a criterion can give and every verdict is reached by some descriptor (shown).
``sound``
    unknown is not closed, and the range it leaves is honest: for a descriptor with facts taken
    out and every way of stating them again, each criterion's grade lies between ``grade`` and
    ``best_grade`` of the thinned report (not applicable only where applicability was open), the
    score lies in ``[score, best_score]``, and a verdict ``met`` or ``not-met`` stays so.

Searches use Hypothesis with a fixed seed, so a check gives the same counterexample on every run;
the number of examples is the current Hypothesis profile's ``max_examples`` unless given.
A rubric states a known, intended exception as an allowance (``[[allowances]]`` in the rubric
file, with its reason); findings it covers are reported as allowed, not as failures.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from openness._errors import install_hint

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised without Hypothesis installed
    msg = f"openness.testing needs Hypothesis: {install_hint('hypothesis')}"
    raise ImportError(msg, name=exc.name) from exc

from openness import strategies
from openness._errors import not_one_of
from openness._model.descriptor import Descriptor, load_descriptor
from openness._model.report import Report
from openness._model.rubric import Allowance, Rubric, load_rubric
from openness._scoring.diff import required_points as _requirements
from openness._scoring.engine import NOT_APPLICABLE, Evaluator, compile_rubric
from openness._scoring.search import minimise, search, search_settings
from openness._words import counted

__all__ = [
    "CHECKS",
    "CheckResult",
    "Counterexample",
    "RubricCheck",
    "assert_rubric_ok",
    "check_bounded",
    "check_deterministic",
    "check_explained",
    "check_monotone",
    "check_reachable",
    "check_rubric",
    "check_sound",
    "check_verdict_chains",
    "check_weights",
    "minimise",
    "search_settings",
]

T = TypeVar("T")
RubricLike = Rubric | str | Path | Mapping[str, Any]


@attrs.frozen(kw_only=True)
class Counterexample:
    """A minimal descriptor on which a check fails (for ``monotone``: before and after one change)."""

    explanation: str
    descriptor: Descriptor
    changed: Descriptor | None = None
    change: str | None = None

    def __str__(self) -> str:
        lines = [self.explanation, "", "descriptor:", _indent(self.descriptor.to_toml())]
        if self.changed is not None:
            lines += [f"after the change ({self.change}):", _indent(self.changed.to_toml())]
        return "\n".join(lines).rstrip() + "\n"

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the explanation and the descriptors as descriptor mappings."""
        out: dict[str, Any] = {"explanation": self.explanation, "descriptor": self.descriptor.to_dict()}
        if self.changed is not None:
            out["change"] = self.change
            out["changed"] = self.changed.to_dict()
        return out


@attrs.frozen(kw_only=True)
class CheckResult:
    """The outcome of one check on one rubric.

    ``examples`` holds what a passing ``reachable`` check found (target -> descriptor);
    ``allowed`` lists findings excused by the rubric's allowances, each with its reason.
    """

    check: str
    ok: bool
    message: str
    counterexample: Counterexample | None = None
    examples: dict[str, Descriptor] = attrs.field(factory=dict)
    allowed: tuple[str, ...] = ()

    def __str__(self) -> str:
        head = f"{'ok' if self.ok else 'FAILED'} {self.check}: {self.message}"
        parts = [head] + [f"  allowed: {a}" for a in self.allowed]
        if self.counterexample is not None:
            parts.append(_indent(str(self.counterexample)))
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Plain data, for JSON output."""
        return {
            "allowed": list(self.allowed),
            "check": self.check,
            "counterexample": None if self.counterexample is None else self.counterexample.to_dict(),
            "examples": {k: v.to_dict() for k, v in self.examples.items()},
            "message": self.message,
            "ok": self.ok,
        }


@attrs.frozen(kw_only=True)
class RubricCheck:
    """Every check's result for one rubric; ``raise_for_failures()`` turns failures into an AssertionError."""

    rubric: str
    results: tuple[CheckResult, ...]

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(r.ok for r in self.results)

    @property
    def failures(self) -> tuple[CheckResult, ...]:
        """The checks that failed."""
        return tuple(r for r in self.results if not r.ok)

    def result(self, check: str) -> CheckResult:
        """The result of one check, by name."""
        for result in self.results:
            if result.check == check:
                return result
        raise KeyError(check)

    def raise_for_failures(self) -> None:
        """Raise AssertionError listing every failed check with its counterexample."""
        if not self.ok:
            raise AssertionError(str(self))

    def __str__(self) -> str:
        return f"rubric {self.rubric}:\n" + "\n".join(str(r) for r in self.results)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The results as JSON."""
        return json.dumps(
            {"rubric": self.rubric, "ok": self.ok, "results": [r.to_dict() for r in self.results]}, indent=indent
        )


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def _allowances(rubric: Rubric, check: str) -> list[Allowance]:
    return [a for a in rubric.allowances if a.check == check]


def _rank(rubric: Rubric, grade: str) -> float:
    return rubric.scale[grade]


# ---- static checks -------------------------------------------------------------------------------


def check_weights(rubric: RubricLike, *, max_examples: int | None = None) -> CheckResult:  # noqa: ARG001
    """Weights and points are finite and not negative, and the best grade earns points (a static check)."""
    loaded = load_rubric(rubric)
    problems = [
        f"criterion {c.id!r} has weight {c.weight:g}"
        for c in loaded.criteria
        if not math.isfinite(c.weight) or c.weight < 0
    ]
    problems += [f"grade {g!r} is worth {p:g} points" for g, p in loaded.scale.items() if not math.isfinite(p) or p < 0]
    if not problems and loaded.max_points <= 0:
        problems.append("no criterion can earn points (every weight is 0 or the best grade is worth 0)")
    if problems:
        return CheckResult(check="weights", ok=False, message="; ".join(problems))
    return CheckResult(
        check="weights",
        ok=True,
        message=f"{counted(len(loaded.criteria), 'weight')}, {counted(len(loaded.scale), 'grade')}, "
        f"at most {loaded.max_points:g} {'point' if loaded.max_points == 1 else 'points'}",
    )


def check_verdict_chains(rubric: RubricLike, *, max_examples: int | None = None) -> CheckResult:
    """Each verdict that builds on another asks for more, and meeting it always meets the other."""
    loaded = load_rubric(rubric)
    problems = []
    for verdict in loaded.verdicts:
        if verdict.builds_on is None:
            continue
        mine, my_score = _requirements(loaded, verdict.id)
        theirs, their_score = _requirements(loaded, verdict.builds_on)
        stricter = any(points > theirs.get(c, -math.inf) for c, points in mine.items()) or (
            my_score is not None and (their_score is None or my_score > their_score)
        )
        if not stricter:
            problems.append(f"verdict {verdict.id!r} builds on {verdict.builds_on!r} but asks for nothing more")
    if problems:
        return CheckResult(check="verdict-chains", ok=False, message="; ".join(problems))
    chained = [v for v in loaded.verdicts if v.builds_on is not None]
    if not chained:
        return CheckResult(check="verdict-chains", ok=True, message="no verdict builds on another")
    evaluator = compile_rubric(loaded)

    def failing(descriptor: Descriptor) -> str | None:
        report = evaluator(descriptor)
        for verdict in chained:
            if report.verdict(verdict.id).met and not report.verdict(str(verdict.builds_on)).met:
                return f"verdict {verdict.id!r} is met but {verdict.builds_on!r}, which it builds on, is not"
        return None

    found = search(strategies.descriptors(loaded), failing, search_settings(max_examples))
    if found is not None:
        descriptor, message = found
        return _failed("verdict-chains", descriptor, message)
    chains = ", ".join(f"{v.id} > {v.builds_on}" for v in chained)
    return CheckResult(check="verdict-chains", ok=True, message=f"verdicts nest: {chains}")


# ---- searched checks -----------------------------------------------------------------------------


def _failed(check: str, descriptor: Descriptor, message: str) -> CheckResult:
    """A failed check with its (shrunk) counterexample."""
    return CheckResult(
        check=check,
        ok=False,
        message=message,
        counterexample=Counterexample(explanation=message, descriptor=descriptor),
    )


def _check_reports(
    check: str,
    rubric: RubricLike,
    problems: Callable[[Rubric, Report], str | None],
    ok_message: str,
    max_examples: int | None,
) -> CheckResult:
    """Search the rubric's descriptors for a report ``problems`` objects to."""
    loaded = load_rubric(rubric)
    evaluator = compile_rubric(loaded)
    found = search(
        strategies.descriptors(loaded), lambda d: problems(loaded, evaluator(d)), search_settings(max_examples)
    )
    if found is not None:
        return _failed(check, *found)
    return CheckResult(check=check, ok=True, message=ok_message)


def _bounded_problems(rubric: Rubric, report: Report) -> str | None:
    if not 0.0 <= report.score <= 1.0:
        return f"score {report.score!r} is outside [0, 1]"
    if not 0.0 <= report.points <= report.max_points:
        return f"points {report.points!r} are outside [0, {report.max_points!r}]"
    if not math.isclose(report.max_points, rubric.max_points):
        return f"max points {report.max_points!r} differ from the rubric's {rubric.max_points!r}"
    for result in report.results:
        if not 0.0 <= result.points <= result.max_points:
            return f"criterion {result.criterion!r} has {result.points!r} points, outside [0, {result.max_points!r}]"
    for verdict in report.verdicts:
        if not 0.0 <= verdict.progress <= 1.0:
            return f"verdict {verdict.id!r} has progress {verdict.progress!r}, outside [0, 1]"
    return None


def check_bounded(rubric: RubricLike, *, max_examples: int | None = None) -> CheckResult:
    """Scores in [0, 1], points within [0, max] (in total and per criterion), progress in [0, 1]."""
    return _check_reports(
        "bounded", rubric, _bounded_problems, "scores, points and progress stay within their bounds", max_examples
    )


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    return value


def check_deterministic(rubric: RubricLike, *, max_examples: int | None = None) -> CheckResult:
    """The same facts give the same report, in any order of components and keys, from a fresh copy of the rubric."""
    loaded = load_rubric(rubric)
    evaluator = compile_rubric(loaded)
    fresh = compile_rubric(load_rubric(loaded.to_dict()))

    def failing(case: tuple[dict[str, Any], random.Random]) -> str | None:
        data, rng = case
        first = evaluator(load_descriptor(data)).to_json()
        if evaluator(load_descriptor(data)).to_json() != first:
            return "scoring the same descriptor twice gives different reports"
        if evaluator(load_descriptor(_shuffled(data, rng))).to_json() != first:
            return "reordering the descriptor's components or keys changes the report"
        if fresh(load_descriptor(data)).to_json() != first:
            return "a copy of the rubric (loaded from its to_dict()) gives a different report"
        return None

    found = search(
        st.tuples(strategies.descriptor_dicts(loaded), st.randoms(use_true_random=False)),
        failing,
        search_settings(max_examples),
    )
    if found is not None:
        (data, _), message = found
        descriptor = load_descriptor(data)
        return _failed("deterministic", descriptor, message)
    return CheckResult(check="deterministic", ok=True, message="reports do not depend on order or on caching")


def _explanation_problems(rubric: Rubric, report: Report) -> str | None:
    best = {c.id: c.levels[0].grade for c in rubric.criteria}
    for result in report.results:
        if not result.reason.strip():
            return f"criterion {result.criterion!r} gives no reason"
        if not result.evidence:
            return f"criterion {result.criterion!r} shows no evidence (does it read any fact?)"
        # A component's unstated detail is covered by the evidence on that component.
        shown = {".".join(e.fact.split(".")[:2]) for e in result.evidence}
        missing = [u for u in result.unknown if ".".join(u.split(".")[:2]) not in shown]
        if missing:
            return f"criterion {result.criterion!r} used unknown facts it shows no evidence for: {', '.join(missing)}"
        top = best[result.criterion]
        if rubric.scale[result.grade] < rubric.scale[top] and not result.to_raise:
            return (
                f"criterion {result.criterion!r} is {result.grade}, below {top}, but does not say what would raise it"
            )
    for verdict in report.verdicts:
        if verdict.met == bool(verdict.missing):
            state = "met but lists missing requirements" if verdict.met else "not met but says nothing is missing"
            return f"verdict {verdict.id!r} is {state}"
    return None


def check_explained(rubric: RubricLike, *, max_examples: int | None = None) -> CheckResult:
    """Every criterion result has a reason and evidence; every verdict not met says what is missing."""
    return _check_reports(
        "explained", rubric, _explanation_problems, "every result has a reason and evidence", max_examples
    )


def _verdict_reads(rubric: Rubric, verdict_id: str) -> set[str]:
    needs, min_score = _requirements(rubric, verdict_id)
    return {c.id for c in rubric.criteria} if min_score is not None else set(needs)


def _monotone_findings(rubric: Rubric, old: Report, new: Report) -> tuple[list[str], list[str]]:
    """(failures, allowed) for one opening move."""
    allowances = _allowances(rubric, "monotone")
    failures: list[str] = []
    allowed: list[str] = []
    dropped: set[str] = set()
    for before, after in zip(old.results, new.results, strict=True):
        if _rank(rubric, after.grade) < _rank(rubric, before.grade):
            dropped.add(before.criterion)
            text = f"criterion {before.criterion!r} fell from {before.grade} to {after.grade}"
            detail = f"{text}\n  before: {before.reason}\n  after:  {after.reason}"
            excuse = next(
                (a for a in allowances if a.criterion in (None, before.criterion) and a.verdict is None), None
            )
            (allowed if excuse else failures).append(f"{text} ({excuse.reason})" if excuse else detail)
    lost = [v.id for v, w in zip(old.verdicts, new.verdicts, strict=True) if v.met and not w.met]
    for verdict in lost:
        text = f"verdict {verdict!r} was lost"
        reads = _verdict_reads(rubric, verdict)
        excuse = next(
            (
                a
                for a in allowances
                if a.verdict == verdict
                or (a.verdict is None and (a.criterion is None or (a.criterion in dropped and a.criterion in reads)))
            ),
            None,
        )
        if excuse is not None:
            allowed.append(f"{text} ({excuse.reason})")
        else:
            failures.append(f"{text}\n  now missing: {'; '.join(new.verdict(verdict).missing)}")
    return failures, allowed


def check_monotone(rubric: RubricLike, *, max_examples: int | None = None) -> CheckResult:
    """Opening one component up (access, coverage, licence) never lowers a grade nor loses a verdict."""
    loaded = load_rubric(rubric)
    evaluator = compile_rubric(loaded)
    seen_allowed: dict[str, None] = {}

    def failing(opening: strategies.Opening) -> str | None:
        failures, allowed = _monotone_findings(loaded, evaluator(opening.before), evaluator(opening.after))
        seen_allowed.update(dict.fromkeys(a.split("\n")[0] for a in allowed))
        if failures:
            return f"after {opening.change}: " + "\n".join(failures)
        return None

    found = search(strategies.openings(loaded), failing, search_settings(max_examples))
    allowed = tuple(seen_allowed)
    if found is not None:
        opening, message = found
        return CheckResult(
            check="monotone",
            ok=False,
            message=message.split("\n")[0],
            counterexample=Counterexample(
                explanation=message, descriptor=opening.before, changed=opening.after, change=opening.change
            ),
            allowed=allowed,
        )
    return CheckResult(
        check="monotone",
        ok=True,
        message="opening a component up never lowered a grade nor lost a verdict",
        allowed=allowed,
    )


def _grade_targets(rubric: Rubric) -> list[tuple[str, str, list[Any]]]:
    """(criterion, grade, conditions aiming at it) for every grade each criterion can give."""
    targets: dict[tuple[str, str], list[Any]] = {}
    for criterion in rubric.criteria:
        for level in criterion.levels:
            targets.setdefault((criterion.id, level.grade), []).append(level.when)
        if criterion.levels[-1].when is not None:
            targets.setdefault((criterion.id, rubric.lowest_grade), [])
    return [(c, g, conditions) for (c, g), conditions in targets.items()]


def _reaches_grade(evaluator: Evaluator, criterion: str, grade: str) -> Callable[[Descriptor], str | None]:
    def reaches(descriptor: Descriptor) -> str | None:
        return "reached" if evaluator(descriptor).result(criterion).grade == grade else None

    return reaches


def _meets(evaluator: Evaluator, verdict: str) -> Callable[[Descriptor], str | None]:
    def meets(descriptor: Descriptor) -> str | None:
        return "met" if evaluator(descriptor).verdict(verdict).met else None

    return meets


def check_reachable(rubric: RubricLike, *, max_examples: int | None = None) -> CheckResult:
    """Every grade each criterion can give and every verdict is reached by some descriptor (one is shown)."""
    loaded = load_rubric(rubric)
    evaluator = compile_rubric(loaded)
    config = search_settings(max_examples)
    anywhere = strategies.descriptors(loaded)
    examples: dict[str, Descriptor] = {}
    unreached: list[str] = []
    allowed: list[str] = []
    allowances = _allowances(loaded, "reachable")
    for criterion, grade, conditions in _grade_targets(loaded):
        aimed = (
            st.one_of(strategies.reaching(conditions, rubric=loaded).map(load_descriptor), anywhere)
            if conditions
            else anywhere
        )
        found = search(aimed, _reaches_grade(evaluator, criterion, grade), config)
        name = f"{criterion}={grade}"
        if found is not None:
            examples[name] = found[0]
            continue
        excuse = next((a for a in allowances if a.criterion == criterion and a.grade in (None, grade)), None)
        (allowed if excuse else unreached).append(f"{name} ({excuse.reason})" if excuse else name)
    for verdict in loaded.verdicts:
        aimed = st.one_of(strategies.meeting(loaded, verdict.id).map(load_descriptor), anywhere)
        found = search(aimed, _meets(evaluator, verdict.id), config)
        name = f"verdict {verdict.id}"
        if found is not None:
            examples[name] = found[0]
            continue
        excuse = next((a for a in allowances if a.verdict == verdict.id), None)
        (allowed if excuse else unreached).append(f"{name} ({excuse.reason})" if excuse else name)
    return CheckResult(
        check="reachable",
        ok=not unreached,
        message=f"never reached in {config.max_examples} examples each: {', '.join(unreached)}"
        if unreached
        else counted(len(examples), "grade or verdict", "grades and verdicts")
        + " reached, each with a minimal example",
        examples=examples,
        allowed=tuple(allowed),
    )


def _bounds_problem(rubric: Rubric, thinned: Report, filled: Report) -> str | None:
    """What a completion's report does outside the range the thinned report left open, if anything."""
    scale = rubric.scale
    for before, after in zip(thinned.results, filled.results, strict=True):
        name = f"criterion {before.criterion!r}"
        if NOT_APPLICABLE in {after.grade, before.grade}:
            if after.grade != before.grade and before.determined:
                return f"{name} is {after.grade} once stated, but was determined {before.grade}"
            continue
        if not scale[before.grade] <= scale[after.grade] <= scale[before.best_grade]:
            return f"{name} is {after.grade} once stated, outside {before.grade} .. {before.best_grade}"
    if not thinned.score - 1e-9 <= filled.score <= thinned.best_score + 1e-9:
        return f"the score {filled.score:.4g} once stated is outside [{thinned.score:.4g}, {thinned.best_score:.4g}]"
    for before_verdict, after_verdict in zip(thinned.verdicts, filled.verdicts, strict=True):
        if before_verdict.status not in {"undetermined", after_verdict.status}:
            return (
                f"verdict {before_verdict.id!r} was {before_verdict.status} with facts not stated, "
                f"{after_verdict.status} once they are stated"
            )
    return None


def check_sound(rubric: RubricLike, *, max_examples: int | None = None) -> CheckResult:
    """Stating facts left unknown keeps every grade, the score and each settled verdict within what was reported."""
    loaded = load_rubric(rubric)
    evaluator = compile_rubric(loaded)

    def unsound(thinning: strategies.Thinning) -> str | None:
        thinned = evaluator(thinning.thinned)
        for completion in thinning.completions:
            problem = _bounds_problem(loaded, thinned, evaluator(completion))
            if problem is not None:
                removed = ", ".join(thinning.removed) or "nothing"
                return f"{problem} (taken out: {removed})"
        return None

    found = search(strategies.thinnings(loaded), unsound, search_settings(max_examples))
    if found is not None:
        thinning, message = found
        completion = next(
            c for c in thinning.completions if _bounds_problem(loaded, evaluator(thinning.thinned), evaluator(c))
        )
        return CheckResult(
            check="sound",
            ok=False,
            message=message,
            counterexample=Counterexample(
                explanation=message, descriptor=thinning.thinned, changed=completion, change="facts stated again"
            ),
        )
    return CheckResult(
        check="sound", ok=True, message="stating unknown facts kept grades, score and settled verdicts in range"
    )


#: Every check, in the order check_rubric runs them.
CHECKS: dict[str, Callable[..., CheckResult]] = {
    "weights": check_weights,
    "verdict-chains": check_verdict_chains,
    "bounded": check_bounded,
    "deterministic": check_deterministic,
    "explained": check_explained,
    "monotone": check_monotone,
    "reachable": check_reachable,
    "sound": check_sound,
}


def check_rubric(
    rubric: RubricLike, *, checks: Iterable[str] | None = None, max_examples: int | None = None
) -> RubricCheck:
    """Run every check (or those named in ``checks``) on a rubric; see the module docstring."""
    loaded = load_rubric(rubric)
    names: Sequence[str] = list(CHECKS) if checks is None else list(checks)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise ValueError(not_one_of(unknown[0], CHECKS, "check"))
    return RubricCheck(
        rubric=f"{loaded.id} {loaded.version}",
        results=tuple(CHECKS[name](loaded, max_examples=max_examples) for name in names),
    )


def assert_rubric_ok(
    rubric: RubricLike, *, checks: Iterable[str] | None = None, max_examples: int | None = None
) -> RubricCheck:
    """Run :func:`check_rubric` and raise AssertionError with every counterexample if a check fails."""
    checked = check_rubric(rubric, checks=checks, max_examples=max_examples)
    checked.raise_for_failures()
    return checked
