"""Hypothesis strategies for ``openness``: licences, components, descriptors, openings, rubrics.

Needs the ``openness[hypothesis]`` extra. Importing this module registers strategies with
Hypothesis, so that ``st.from_type(Descriptor)``, ``st.from_type(Component)`` and
``st.from_type(Rubric)`` work::

    from hypothesis import given, strategies as st
    import openness
    import openness.strategies  # registers the types

    @given(st.from_type(openness.Descriptor))
    def test_scores_are_bounded(descriptor):
        assert 0 <= openness.score(descriptor, "osaid-1.0").score <= 1

A strategy given a rubric (``descriptors(rubric)``) draws the components and assessments that
rubric reads, with the values its conditions ask about, so every criterion is exercised.
Everything shrinks towards small, readable examples: few components, well-known licences.
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from openness._errors import install_hint

try:
    from hypothesis import assume
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised without Hypothesis installed
    msg = f"openness.strategies needs Hypothesis: {install_hint('hypothesis')}"
    raise ImportError(msg, name=exc.name) from exc

from openness._lang.licence_order import CHAINS, OPENNESS_CLASSES, at_least_as_open
from openness._model.conditions import (
    AllOf,
    AnyOf,
    AssessmentCheck,
    ComponentCheck,
    Condition,
    FactCheck,
    Leaf,
    ModalityCheck,
    Not,
    checks,
)
from openness._model.descriptor import Component, Descriptor, load_descriptor
from openness._model.lineage import weight_components
from openness._model.rubric import LicenceList, Rubric, load_rubric
from openness._reading.vocabulary import (
    ACCESS_LEVELS,
    COVERAGE_LEVELS,
    MODALITIES,
    component_aliases,
    fact_sections,
    restrictions,
)
from openness._reading.vocabulary import components as component_vocabulary
from openness._reading.vocabulary import facts as fact_vocabulary
from openness.licences import CLASSES, all_licences, normalise, table

__all__ = [
    "BASE_POOL",
    "EXAMPLE_MODEL",
    "LICENCE_POOL",
    "UNKNOWN_BASE",
    "Opening",
    "Thinning",
    "access_levels",
    "component_tables",
    "components",
    "coverage_levels",
    "descriptor_dicts",
    "descriptors",
    "licence_expressions",
    "licence_ids",
    "licence_strings",
    "meeting",
    "openings",
    "reaching",
    "rubric_dicts",
    "rubrics",
    "thinnings",
]

#: The model block of rubric-constrained descriptors (counterexamples read better with a name).
EXAMPLE_MODEL: dict[str, str] = {"id": "example", "name": "Example model"}

#: A small set of licence strings that between them answer every licence question both ways:
#: the chains of the openness order, custom AI licences, an expression of each kind, an unknown
#: name and the non-licences. Rubric-constrained descriptors draw their licences from here.
LICENCE_POOL: tuple[str, ...] = (
    *dict.fromkeys(licence for chain in reversed(CHAINS) for licence in reversed(chain)),
    "MIT",
    "ODC-By-1.0",
    "BSD-3-Clause-Clear",
    "LicenseRef-Llama-2",
    "LicenseRef-Gemma-ToU",
    "LicenseRef-BigScience-BLOOM-RAIL-1.0",
    "LicenseRef-Qwen-Research",
    "LicenseRef-TII-Falcon-LLM-1.0",
    "LicenseRef-Mistral-MNPL-0.1",
    "MIT OR LicenseRef-Llama-3.1",
    "Apache-2.0 AND CC-BY-NC-4.0",
    "GPL-2.0-only WITH Classpath-exception-2.0",
    "LicenseRef-Undisclosed",
    "NOASSERTION",
    "Frobnicate-9",
)

_COMPONENT_DETAILS = ("access", "licence", "coverage")

#: A base model name no resolver knows: a thinned descriptor's base when which base it was is taken out
#: (``model.base-model`` in :func:`thinnings`), so its effective licence is unknown wherever a base could matter.
UNKNOWN_BASE = "example-org/unidentified-base"
#: Bases that :func:`thinnings` draws for rubrics reading effective licence terms: a catalogue model
#: whose licence binds derivatives (Llama 3.1), one whose licence does not (OLMo, Apache-2.0), and a
#: name that does not resolve (its terms unknown).
BASE_POOL: tuple[str, ...] = ("llama-3.1-8b", "olmo-7b", UNKNOWN_BASE)


def access_levels() -> st.SearchStrategy[str]:
    """An access level, most open first (shrinks towards ``public``)."""
    return st.sampled_from(ACCESS_LEVELS)


def coverage_levels() -> st.SearchStrategy[str]:
    """A coverage level, most complete first (shrinks towards ``full``)."""
    return st.sampled_from(COVERAGE_LEVELS)


@functools.cache
def _known_ids() -> tuple[str, ...]:
    preferred = [lic for lic in LICENCE_POOL if " " not in lic and lic != "Frobnicate-9"]
    curated = [lic.id for lic in all_licences() if lic.curated]
    rest = [lic.id for lic in all_licences() if not lic.curated]
    # Deprecated ids that name a family (AGPL-3.0: -only or -or-later?) read as ambiguous: left out.
    unambiguous = [i for i in dict.fromkeys([*preferred, *curated, *rest]) if normalise(i) not in table().ambiguous]
    families = {lic.id for lic in all_licences() if lic.members()}  # a family name is read with a warning
    return tuple(i for i in unambiguous if i not in families and i not in ("NOASSERTION", "LicenseRef-H-Research"))


@functools.cache
def _aliases() -> tuple[str, ...]:
    return tuple(alias for lic in all_licences() for alias in lic.aliases)


def licence_ids() -> st.SearchStrategy[str]:
    """The id of a licence the licence table knows: SPDX ids and ``LicenseRef-`` ids of custom licences."""
    return st.deferred(lambda: st.sampled_from(_known_ids()))


def licence_strings() -> st.SearchStrategy[str]:
    """A licence as descriptors write it: an id, an alias (``Apache 2.0``, ``llama3.1``) or an unknown name."""
    unknown = st.from_regex(r"[A-Za-z][A-Za-z0-9.+-]{0,15}", fullmatch=True)
    return st.one_of(licence_ids(), st.deferred(lambda: st.sampled_from(_aliases())), unknown)


def _exception_ids() -> tuple[str, ...]:
    return ("Classpath-exception-2.0", "LLVM-exception", "GCC-exception-3.1")


def licence_expressions(*, max_leaves: int = 4) -> st.SearchStrategy[str]:
    """An SPDX licence expression over known ids: ``AND``, ``OR``, ``WITH`` and parentheses."""
    atom = st.one_of(
        licence_ids(),
        st.tuples(licence_ids(), st.sampled_from(_exception_ids())).map(lambda p: f"{p[0]} WITH {p[1]}"),
    )

    def combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.tuples(inner, st.sampled_from(["AND", "OR"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})")

    return st.recursive(atom, combine, max_leaves=max_leaves).map(
        lambda text: text[1:-1] if text.startswith("(") and text.endswith(")") else text
    )


def _any_licence() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(LICENCE_POOL), licence_strings(), licence_expressions())


def component_tables(*, licences: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """One component as a descriptor file writes it (``{"access": "public", "licence": "MIT", ...}``)."""
    return st.fixed_dictionaries(
        {},
        optional={
            "access": access_levels(),
            "licence": licences if licences is not None else _any_licence(),
            "coverage": coverage_levels(),
            "unsure": st.booleans(),
            "sources": st.lists(
                st.sampled_from(["https://example.org/release", "https://example.org/card"]), max_size=2
            ),
        },
    )


def components(*, licences: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Component]:
    """A :class:`openness.Component`."""
    return component_tables(licences=licences).map(_component)


def _component(table: Mapping[str, Any]) -> Component:
    return load_descriptor({"format": 1, "model": EXAMPLE_MODEL, "components": {"weights": table}}).components[
        "weights"
    ]


def _model_tables() -> st.SearchStrategy[dict[str, Any]]:
    varied = st.fixed_dictionaries(
        {
            "id": st.from_regex(r"[a-z0-9][a-z0-9._-]{0,15}", fullmatch=True),
            "name": st.text(min_size=1, max_size=20),
        },
        optional={
            "organisation": st.text(max_size=20),
            "sources": st.lists(st.just("https://example.org/model"), max_size=1),
            "modalities": st.lists(st.sampled_from(MODALITIES), max_size=3, unique=True),
        },
    )
    return st.one_of(st.just(dict(EXAMPLE_MODEL)), varied)


@attrs.frozen
class _Reads:
    """What a rubric reads: components, assessments, and the grades its assessment checks name."""

    components: tuple[str, ...]
    assessments: dict[tuple[str, str], tuple[str, ...]]


def _reads(rubric: Rubric) -> _Reads:
    keys: dict[str, None] = {}
    grades: dict[tuple[str, str], dict[str, None]] = {}
    for criterion in rubric.criteria:
        keys.update(dict.fromkeys(criterion.components()))
        for level in criterion.levels:
            for check in _level_checks(level.when):
                if isinstance(check, AssessmentCheck):
                    grades.setdefault((check.assessment, check.parameter), {}).update(dict.fromkeys(check.grade))
    return _Reads(
        components=tuple(keys),
        assessments={pair: (*found, "unrated") for pair, found in grades.items()},
    )


def _level_checks(condition: Condition | None) -> list[Leaf]:
    return [] if condition is None else checks(condition)


# ---- descriptors that reach a rubric's levels ------------------------------------------------------
#
# A condition built from component and assessment checks is solved into a few "needs" (allowed
# values per component and per assessment, in disjunctive form); drawing values from them gives
# descriptors that reach the level, which random drawing would rarely do for a conjunction over
# many components. ``not`` adds no need: the draws are always checked by scoring them.

_MAX_ALTERNATIVES = 32


@attrs.frozen
class _Need:
    """What one component must satisfy; ``None`` means unconstrained."""

    access: frozenset[str] | None = None
    coverage: frozenset[str] | None = None
    licences: frozenset[str] | None = None
    present: bool | None = None

    def merge(self, other: _Need) -> _Need | None:
        if self.present is not None and other.present is not None and self.present != other.present:
            return None
        merged = _Need(
            access=_meet(self.access, other.access),
            coverage=_meet(self.coverage, other.coverage),
            licences=_meet(self.licences, other.licences),
            present=self.present if self.present is not None else other.present,
        )
        if frozenset() in (merged.access, merged.coverage, merged.licences):
            return None
        return merged


def _meet(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None:
        return b
    return a if b is None else a & b


@attrs.frozen
class _FactNeed:
    """What one fact must satisfy: a number in ``[low, high]``, or one of ``answers``."""

    low: float = -math.inf
    high: float = math.inf
    answers: frozenset[bool] | None = None

    def merge(self, other: _FactNeed) -> _FactNeed | None:
        merged = _FactNeed(
            low=max(self.low, other.low),
            high=min(self.high, other.high),
            answers=self.answers
            if other.answers is None
            else other.answers
            if self.answers is None
            else self.answers & other.answers,
        )
        if merged.low > merged.high or merged.high < 0 or merged.answers == frozenset():
            return None
        return merged


_Solution = tuple[
    tuple[tuple[str, _Need], ...],
    tuple[tuple[tuple[str, str], frozenset[str]], ...],
    tuple[tuple[str, _FactNeed], ...],
]


def _merge(a: _Solution, b: _Solution) -> _Solution | None:
    needs = dict(a[0])
    for key, need in b[0]:
        merged = need if key not in needs else needs[key].merge(need)
        if merged is None:
            return None
        needs[key] = merged
    rated = dict(a[1])
    for pair, grades in b[1]:
        both = _meet(rated.get(pair), grades)
        if not both:
            return None
        rated[pair] = both
    stated = dict(a[2])
    for fact_id, fact_need in b[2]:
        joined = fact_need if fact_id not in stated else stated[fact_id].merge(fact_need)
        if joined is None:
            return None
        stated[fact_id] = joined
    return tuple(needs.items()), tuple(rated.items()), tuple(stated.items())


@functools.cache
def _licences_passing(classes: tuple[str, ...], without: tuple[str, ...]) -> frozenset[str]:
    from openness.licences import read  # noqa: PLC0415

    return frozenset(lic for lic in LICENCE_POOL if read(lic).check(classes, without) is True)


@functools.cache
def _licences_on_list(entry: LicenceList) -> frozenset[str]:
    from openness._lang.checks import licence_list_check  # noqa: PLC0415 - the engine's own matching
    from openness.licences import read  # noqa: PLC0415

    on_list = licence_list_check(entry)
    return frozenset(lic for lic in LICENCE_POOL if on_list(lic, read(lic)))


_NO_LISTS: Mapping[str, LicenceList] = {}


def _check_licences(check: ComponentCheck, lists: Mapping[str, LicenceList]) -> frozenset[str] | None:
    """The pool licences passing a component check's licence parts (``None``: it reads no licence)."""
    passing = None
    if check.licence or check.licence_without:
        passing = _licences_passing(check.licence, check.licence_without)
    if check.licence_in is not None and check.licence_in in lists:
        listed = _licences_on_list(lists[check.licence_in])
        passing = listed if passing is None else passing & listed
    return passing


def _solve(condition: Condition | None, lists: Mapping[str, LicenceList] = _NO_LISTS) -> list[_Solution]:
    """Ways to make ``condition`` hold, at most :data:`_MAX_ALTERNATIVES`."""
    if condition is None or isinstance(condition, ModalityCheck):
        return [((), (), ())]
    if isinstance(condition, Not):
        return _solve_not(condition.condition, lists)
    if isinstance(condition, AssessmentCheck):
        return [((), (((condition.assessment, condition.parameter), frozenset(condition.grade)),), ())]
    if isinstance(condition, FactCheck):
        return [((), (), ((condition.fact, need),)) for need in _fact_needs(condition, holds=True)]
    if isinstance(condition, AnyOf):
        return [s for c in condition.conditions for s in _solve(c, lists)][:_MAX_ALTERNATIVES]
    if isinstance(condition, AllOf):
        found: list[_Solution] = [((), (), ())]
        for part in condition.conditions:
            options = _solve(part, lists)
            found = [m for a in found for b in options if (m := _merge(a, b)) is not None][:_MAX_ALTERNATIVES]
        return found
    check = condition
    need = _Need(
        access=frozenset(check.access) if check.access else None,
        coverage=frozenset(check.coverage) if check.coverage else None,
        licences=_check_licences(check, lists),
        present=check.present,
    )
    if need.licences == frozenset():
        return []  # no licence in the pool passes: the strategy cannot aim at this check
    if need.present is True:
        need = need.merge(_Need(access=frozenset(ACCESS_LEVELS[:-1]))) or need
    return [(((component_aliases()[check.component], need),), (), ())]


def _solve_not(condition: Condition, lists: Mapping[str, LicenceList] = _NO_LISTS) -> list[_Solution]:
    """Ways to make ``condition`` fail (by De Morgan; an unknown fact never makes it fail)."""
    if isinstance(condition, ModalityCheck):
        return [((), (), ())]
    if isinstance(condition, Not):
        return _solve(condition.condition, lists)
    if isinstance(condition, AllOf):
        return [s for c in condition.conditions for s in _solve_not(c, lists)][:_MAX_ALTERNATIVES]
    if isinstance(condition, AnyOf):
        return _all_of([_solve_not(c, lists) for c in condition.conditions])
    if isinstance(condition, AssessmentCheck):
        pair = (condition.assessment, condition.parameter)
        return [((), ((pair, frozenset({"unrated"}) - frozenset(condition.grade)),), ())]
    if isinstance(condition, FactCheck):
        return [((), (), ((condition.fact, need),)) for need in _fact_needs(condition, holds=False)]
    key = component_aliases()[condition.component]
    found: list[_Solution] = []
    if condition.access:
        found.append((((key, _Need(access=frozenset(ACCESS_LEVELS) - frozenset(condition.access))),), (), ()))
    if condition.coverage:
        found.append((((key, _Need(coverage=frozenset(COVERAGE_LEVELS) - frozenset(condition.coverage))),), (), ()))
    passing = _check_licences(condition, lists)
    if passing is not None:
        failing = frozenset(LICENCE_POOL) - passing
        found.append((((key, _Need(access=frozenset(ACCESS_LEVELS[:-1]), licences=failing)),), (), ()))
    if condition.present is not None:
        found.append((((key, _Need(present=not condition.present)),), (), ()))
    return [s for s in found if all(need.access != frozenset() and need.licences != frozenset() for _, need in s[0])]


def _realise(solution: _Solution) -> st.SearchStrategy[dict[str, Any]]:
    def ordered(values: frozenset[str], order: tuple[str, ...]) -> list[str]:
        return sorted(values, key=lambda v: order.index(v) if v in order else len(order))

    @st.composite
    def realise(draw: st.DrawFn) -> dict[str, Any]:
        tables: dict[str, dict[str, Any]] = {}
        for key, need in solution[0]:
            if need.present is False:
                continue
            table: dict[str, Any] = {}
            if need.access is not None:
                table["access"] = draw(st.sampled_from(ordered(need.access, ACCESS_LEVELS)))
            if need.licences is not None:
                table["licence"] = draw(st.sampled_from(ordered(need.licences, LICENCE_POOL)))
            if need.coverage is not None:
                table["coverage"] = draw(st.sampled_from(ordered(need.coverage, COVERAGE_LEVELS)))
            tables[key] = table
        ratings: dict[str, dict[str, Any]] = {}
        for (assessor, parameter), grades in solution[1]:
            ratings.setdefault(assessor, {})[parameter] = {"grade": draw(st.sampled_from(sorted(grades)))}
        data: dict[str, Any] = {"format": 1, "model": dict(EXAMPLE_MODEL), "components": tables}
        if ratings:
            data["assessments"] = ratings
        for fact_id, fact_need in solution[2]:
            _state(data, fact_id, draw(st.sampled_from(_fact_values(fact_id, fact_need))))
        return {k: v for k, v in data.items() if v != {}}

    return realise()


def _fact_needs(check: FactCheck, *, holds: bool) -> list[_FactNeed]:
    """The values of a fact that make a check hold (``holds``) or fail; each fails where the others hold."""
    if check.is_ is not None:
        return [_FactNeed(answers=frozenset({check.is_ if holds else not check.is_}))]
    low = -math.inf if check.at_least is None else check.at_least
    high = math.inf if check.at_most is None else check.at_most
    if holds:
        return [_FactNeed(low=low, high=high)]
    outside = []
    if check.at_least is not None and check.at_least > 0:
        outside.append(_FactNeed(low=0.0, high=math.nextafter(low, -math.inf)))
    if check.at_most is not None:
        outside.append(_FactNeed(low=math.nextafter(high, math.inf)))
    return outside


def _fact_values(fact_id: str, need: _FactNeed) -> list[Any]:
    """Values of a fact meeting ``need``: its bounds first (both sides of a threshold are drawn), then between."""
    if need.answers is not None or fact_vocabulary()[fact_id].kind == "boolean":
        return sorted(need.answers if need.answers is not None else {False, True})
    low, high = max(need.low, 0.0), need.high
    found = [low, low * 10 if low > 0 else 1e24] if math.isinf(high) else [high, low, (low + high) / 2, high / 10]
    inside = [value for value in dict.fromkeys(found) if low <= value <= high]
    if fact_vocabulary()[fact_id].derived_from:  # states its inputs: keep the values the product reproduces
        inside = [value for value in inside if _derived_inputs(fact_id, value) is not None]
    return inside or [low]


def _derived_inputs(fact_id: str, value: float, stated: Mapping[str, float] | None = None) -> dict[str, float] | None:
    """Values for a derived fact's inputs (keeping those ``stated``) whose product gives ``value``, if any."""
    spec = fact_vocabulary()[fact_id]
    known = dict(stated or {})
    missing = [name for name in spec.derived_from if name not in known]
    if not missing:
        return None
    for name in missing[:-1]:
        known[name] = 1e9
    rest = spec.factor * math.prod(known.values())
    if rest <= 0:
        return None
    known[missing[-1]] = value / rest
    product = spec.factor * math.prod(known[name] for name in spec.derived_from)
    return known if product == value else None


def _state(data: dict[str, Any], fact_id: str, value: Any) -> None:
    """State a fact in a descriptor mapping; for a derived fact, inputs that give it (others kept)."""
    spec = fact_vocabulary()[fact_id]
    if not spec.derived_from:
        data.setdefault(spec.section, {})[spec.name] = {"value": value}
        return
    stated = {}
    for name in spec.derived_from:
        section, key = name.split(".", 1)
        fact = data.get(section, {}).get(key)
        if fact is not None:
            stated[name] = fact["value"]
    inputs = _derived_inputs(fact_id, value, stated) or _derived_inputs(fact_id, value) or {}
    for name, number in inputs.items():
        section, key = name.split(".", 1)
        data.setdefault(section, {})[key] = {"value": number}


def reaching(
    conditions: Sequence[Condition | None], *, rubric: Rubric | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """Descriptor mappings that make one of ``conditions`` hold (when it has no ``not``).

    ``None`` stands for a level without a condition. Use it to aim a search at rubric levels;
    the draws are not guaranteed to reach them (``not`` parts are not solved), so check them.
    Pass the ``rubric`` the conditions come from when they use its licence lists (``licence-in``).
    """
    lists = rubric.licence_lists if rubric is not None else _NO_LISTS
    return _drawing([s for c in conditions for s in _solve(c, lists)])


def meeting(rubric: Rubric, verdict_id: str) -> st.SearchStrategy[dict[str, Any]]:
    """Descriptor mappings aimed at meeting one verdict of ``rubric`` (its requirements solved together).

    Like :func:`reaching`, the draws are aimed, not guaranteed (``not`` and ``unless`` parts are not
    solved), so check them. A verdict the rubric does not have gives no draws (``nothing()``).
    """
    if verdict_id not in {verdict.id for verdict in rubric.verdicts}:
        return st.nothing()
    return _drawing(_verdict_solutions(rubric, verdict_id))


def _drawing(solutions: Sequence[_Solution]) -> st.SearchStrategy[dict[str, Any]]:
    if not solutions:
        return st.nothing()
    return st.sampled_from(solutions).flatmap(_realise)


def _all_of(groups: Sequence[list[_Solution]]) -> list[_Solution]:
    found: list[_Solution] = [((), (), ())]
    for options in groups:
        found = [m for a in found for b in options if (m := _merge(a, b)) is not None][:_MAX_ALTERNATIVES]
    return found


def _at_least(rubric: Rubric, criterion_id: str, grade: str) -> list[_Solution]:
    """Ways for one criterion to reach at least ``grade``."""
    criterion = rubric.criterion(criterion_id)
    needed = rubric.scale[grade]
    if rubric.scale[rubric.lowest_grade] >= needed:
        return [((), (), ())]
    lists = rubric.licence_lists
    return [s for level in criterion.levels if rubric.scale[level.grade] >= needed for s in _solve(level.when, lists)][
        :_MAX_ALTERNATIVES
    ]


def _verdict_solutions(rubric: Rubric, verdict_id: str) -> list[_Solution]:
    """Ways to meet a verdict: its requirements (inherited ones included) solved together."""
    by_id = {v.id: v for v in rubric.verdicts}
    groups: list[list[_Solution]] = []
    current: str | None = verdict_id
    seen: set[str] = set()
    while current is not None and current in by_id and current not in seen:
        seen.add(current)
        verdict = by_id[current]
        groups += [_at_least(rubric, c, r.grade) for r in verdict.requires for c in r.criteria]
        if verdict.min_score is not None:
            groups += [_at_least(rubric, c.id, rubric.grades[0]) for c in rubric.criteria]
        current = verdict.builds_on
    return _all_of(groups)


def _rubric_solutions(rubric: Rubric) -> list[_Solution]:
    lists = rubric.licence_lists
    levels = [s for criterion in rubric.criteria for level in criterion.levels for s in _solve(level.when, lists)]
    verdicts = [s for verdict in rubric.verdicts for s in _verdict_solutions(rubric, verdict.id)[:4]]
    return levels + verdicts


def descriptor_dicts(
    rubric: Rubric | str | None = None, *, max_components: int | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """A descriptor as a mapping (what a TOML or JSON descriptor file holds).

    With a rubric (an object or a built-in id), the components and assessments are those the
    rubric reads, with the values its levels ask for (half of the draws are aimed at making one
    level's condition hold or one verdict met), and licences come from :data:`LICENCE_POOL`, so every criterion is
    exercised and counterexamples stay readable. Without one, any component and any licence string may appear.
    """
    if rubric is None:
        return _descriptor_dicts(
            tuple(component_vocabulary()), _any_licence(), st.just({}), _model_tables(), max_components
        )
    loaded = load_rubric(rubric)
    reads = _reads(loaded)
    drawn = _descriptor_dicts(
        reads.components or tuple(component_vocabulary())[:1],
        st.sampled_from(LICENCE_POOL),
        _assessment_tables(reads.assessments),
        st.just(dict(EXAMPLE_MODEL)),
        max_components,
    )
    pool = _fact_pool(loaded)
    if pool:
        drawn = st.tuples(drawn, _fact_tables(pool)).map(_with_facts)
    return st.one_of(_drawing(_rubric_solutions(loaded)), drawn)


def _reads_effective_terms(rubric: Rubric) -> bool:
    """Whether a condition tests a weights component's licence as effective terms (what its bases pass down)."""
    weights = weight_components()
    return any(
        isinstance(leaf, ComponentCheck)
        and leaf.terms != "declared"
        and bool(leaf.licence or leaf.licence_without)
        and component_aliases()[leaf.component] in weights
        for leaf in _leaves(rubric)
    )


def _fact_pool(rubric: Rubric) -> dict[str, tuple[Any, ...]]:
    """The facts any condition of ``rubric`` reads, each with values on both sides of every bound named."""
    pool: dict[str, dict[Any, None]] = {}
    for leaf in _leaves(rubric):
        if isinstance(leaf, FactCheck):
            values = pool.setdefault(leaf.fact, {})
            if leaf.is_ is not None:
                values.update(dict.fromkeys((False, True)))
            for bound in (leaf.at_least, leaf.at_most):
                if bound is not None:
                    values.update(dict.fromkeys(v for v in (bound / 10, bound, bound * 10) if v >= 0))
    return {fact_id: tuple(values) for fact_id, values in pool.items()}


def _fact_tables(pool: Mapping[str, tuple[Any, ...]]) -> st.SearchStrategy[dict[str, Any]]:
    """Some of the facts in ``pool`` stated (a derived one through its inputs), with values from it."""
    return st.dictionaries(st.sampled_from(sorted(pool)), st.none(), max_size=len(pool)).flatmap(
        lambda chosen: st.fixed_dictionaries({fact_id: st.sampled_from(pool[fact_id]) for fact_id in chosen})
    )


def _with_facts(pair: tuple[dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
    data, chosen = pair
    for fact_id, value in chosen.items():
        _state(data, fact_id, value)
    return data


def _descriptor_dicts(
    keys: tuple[str, ...],
    licences: st.SearchStrategy[str],
    assessments: st.SearchStrategy[dict[str, Any]],
    model: st.SearchStrategy[dict[str, Any]],
    max_components: int | None,
) -> st.SearchStrategy[dict[str, Any]]:
    size = len(keys) if max_components is None else min(max_components, len(keys))
    return st.fixed_dictionaries(
        {
            "format": st.just(1),
            "model": model,
            "components": st.dictionaries(st.sampled_from(keys), component_tables(licences=licences), max_size=size),
            "assessments": assessments,
        }
    ).map(lambda data: {k: v for k, v in data.items() if v != {}})


def _assessment_tables(pairs: Mapping[tuple[str, str], tuple[str, ...]]) -> st.SearchStrategy[dict[str, Any]]:
    if not pairs:
        return st.just({})
    ratings = st.dictionaries(
        st.sampled_from(sorted(pairs)),
        st.just(None),
        max_size=len(pairs),
    )

    @st.composite
    def tables(draw: st.DrawFn) -> dict[str, Any]:
        chosen = draw(ratings)
        out: dict[str, dict[str, Any]] = {}
        for assessor, parameter in chosen:
            grade = draw(st.sampled_from(pairs[(assessor, parameter)]))
            out.setdefault(assessor, {})[parameter] = {"grade": grade}
        return out

    return tables()


def descriptors(
    rubric: Rubric | str | None = None, *, max_components: int | None = None
) -> st.SearchStrategy[Descriptor]:
    """A :class:`openness.Descriptor` (see :func:`descriptor_dicts` for what ``rubric`` does)."""
    return descriptor_dicts(rubric, max_components=max_components).map(load_descriptor)


@attrs.frozen(kw_only=True)
class Opening:
    """A descriptor and the same descriptor with one component opened up.

    ``change`` says what changed, e.g. ``components.weights.access: gated -> public``.
    """

    before: Descriptor
    after: Descriptor
    change: str


@functools.cache
def _more_open(licence: str | None) -> tuple[str, ...]:
    return tuple(b for b in LICENCE_POOL if b != licence and at_least_as_open(licence, b))


def _moves(data: Mapping[str, Any], keys: tuple[str, ...]) -> list[tuple[str, str, tuple[Any, ...]]]:
    """Every way to open one component up: (component, detail, better values)."""
    found: list[tuple[str, str, tuple[Any, ...]]] = []
    for key in keys:
        table = data.get("components", {}).get(key)
        if table is None or table.get("access") is None:
            found.append((key, "access", ("public",)))
        else:
            better = ACCESS_LEVELS[: ACCESS_LEVELS.index(table["access"])]
            if better:
                found.append((key, "access", better))
        if table is None:
            continue
        coverage = table.get("coverage")
        more = ("full",) if coverage is None else COVERAGE_LEVELS[: COVERAGE_LEVELS.index(coverage)]
        if more:
            found.append((key, "coverage", more))
        licences = _more_open(table.get("licence"))
        if licences:
            found.append((key, "licence", licences))
    return found


def openings(rubric: Rubric | str | None = None) -> st.SearchStrategy[Opening]:
    """A descriptor and the same descriptor with one component made more open.

    One move: more available access (an unstated or missing component becomes ``public``), more
    complete coverage, or a licence at least as open in every respect (the order is documented
    in ``docs/how-to/test-a-rubric-change.md``; licences come from :data:`LICENCE_POOL`).
    """
    keys = _reads(load_rubric(rubric)).components if rubric is not None else tuple(component_vocabulary())
    keys = keys or tuple(component_vocabulary())[:1]
    before_dicts = (
        descriptor_dicts(rubric)
        if rubric is not None
        else _descriptor_dicts(keys, st.sampled_from(LICENCE_POOL), st.just({}), st.just(dict(EXAMPLE_MODEL)), 6)
    )

    @st.composite
    def opening(draw: st.DrawFn) -> Opening:
        before = draw(before_dicts)
        moves = _moves(before, keys)
        assume(moves)
        key, detail, values = draw(st.sampled_from(moves))
        value = draw(st.sampled_from(values))
        after = copy.deepcopy(before)
        table = after.setdefault("components", {}).setdefault(key, {})
        old = table.get(detail)
        table[detail] = value
        change = f"components.{key}.{detail}: {'not stated' if old is None else old} -> {value}"
        return Opening(before=load_descriptor(before), after=load_descriptor(after), change=change)

    return opening()


@attrs.frozen(kw_only=True)
class Thinning:
    """A descriptor with facts taken out (``thinned``), and descriptors that state them again (``completions``).

    ``removed`` names the facts taken out (``components.weights.licence``). Each completion states
    every fact the rubric reads that ``thinned`` leaves unstated; the first completion is the
    descriptor the facts were taken from, which may leave some unstated still.
    """

    thinned: Descriptor
    completions: tuple[Descriptor, ...]
    removed: tuple[str, ...]


_FIELDS = ("access", "licence", "coverage")


def _leaves(rubric: Rubric) -> list[Leaf]:
    """The leaf checks of every condition of a rubric: levels, ``applies-when``, ``unless``."""
    conditions = [level.when for criterion in rubric.criteria for level in criterion.levels]
    conditions += [criterion.applies_when for criterion in rubric.criteria]
    conditions += [requirement.unless for verdict in rubric.verdicts for requirement in verdict.requires]
    return [leaf for condition in conditions if condition is not None for leaf in checks(condition)]


def _read_everywhere(rubric: Rubric) -> tuple[tuple[str, ...], dict[tuple[str, str], tuple[str, ...]], bool]:
    """The components, assessments (with the grades named) and whether the modalities any condition reads."""
    leaves = _leaves(rubric)
    aliases = component_aliases()
    keys = tuple(dict.fromkeys(aliases[c.component] for c in leaves if isinstance(c, ComponentCheck)))
    grades: dict[tuple[str, str], dict[str, None]] = {}
    for leaf in leaves:
        if isinstance(leaf, AssessmentCheck):
            grades.setdefault((leaf.assessment, leaf.parameter), {}).update(dict.fromkeys(leaf.grade))
    assessments = {pair: (*found, "unrated") for pair, found in grades.items()}
    return keys, assessments, any(isinstance(c, ModalityCheck) for c in leaves)


def _stated_facts(data: Mapping[str, Any]) -> list[str]:
    """The facts a descriptor mapping states that thinning may take out, as paths."""
    found = []
    for key, facts in data.get("components", {}).items():
        found.append(f"components.{key}")
        found += [f"components.{key}.{name}" for name in _FIELDS if facts.get(name) is not None]
    if data.get("model", {}).get("modalities"):
        found.append("model.modalities")
    for section in fact_sections():
        found += [f"{section}.{name}" for name in data.get(section, {})]
    if data.get("model", {}).get("base-model") not in (None, UNKNOWN_BASE):
        found.append("model.base-model")
    for assessor, ratings in data.get("assessments", {}).items():
        found += [f"assessments.{assessor}.{parameter}" for parameter in ratings]
    return found


def _without(data: Mapping[str, Any], removed: Sequence[str]) -> dict[str, Any]:
    out = copy.deepcopy(dict(data))
    for path in removed:
        parts = path.split(".")
        if parts[0] in fact_sections():
            out.get(parts[0], {}).pop(parts[1], None)
        elif path == "model.base-model":  # which base it was is taken out; that it has one stays stated
            out["model"]["base-model"] = UNKNOWN_BASE
        elif parts[0] == "model":
            out["model"].pop(parts[1], None)
        elif parts[0] == "assessments":
            out.get("assessments", {}).get(parts[1], {}).pop(parts[2], None)
        elif len(parts) == 2:
            out.get("components", {}).pop(parts[1], None)
        else:
            out.get("components", {}).get(parts[1], {}).pop(parts[2], None)
    return out


def thinnings(
    rubric: Rubric | str, *, of: Descriptor | Mapping[str, Any] | None = None, completions: int = 3
) -> st.SearchStrategy[Thinning]:
    """A descriptor with some of its facts taken out, and ways of stating them again.

    The descriptor is ``of`` (a catalogue model, say), or drawn as :func:`descriptor_dicts` draws it
    for ``rubric`` (naming a base from :data:`BASE_POOL` in some draws when the rubric tests a weights
    licence as effective terms); any of its component tables, component facts (access, licence,
    coverage), modalities, ratings and which base it names may be taken out (the base becomes
    :data:`UNKNOWN_BASE`, so what it passes down is unknown). Each completion then states every fact
    the rubric reads (in any condition: levels, ``applies-when``, ``unless``) that the thinned
    descriptor leaves unstated, with values drawn as for :func:`descriptor_dicts`, and names a base
    from :data:`BASE_POOL` for an unknown one. Scoring the thinned
    descriptor bounds every completion: the soundness law of :func:`openness.testing.check_sound`.
    """
    loaded = load_rubric(rubric)
    keys, assessments, reads_modalities = _read_everywhere(loaded)
    pool = _fact_pool(loaded)
    given = None if of is None else (of.to_dict() if isinstance(of, Descriptor) else dict(of))
    # Where a base's licence may flow into the weights, drawn descriptors name a base in some draws.
    bases: tuple[str | None, ...] = (None, *BASE_POOL) if _reads_effective_terms(loaded) else (None,)

    @st.composite
    def thinning(draw: st.DrawFn) -> Thinning:
        full = given if given is not None else draw(descriptor_dicts(loaded))
        base = None if given is not None else draw(st.sampled_from(bases))
        if base is not None:
            full = {**full, "model": {**full["model"], "base-model": base}}
        stated = _stated_facts(full)
        removed = draw(st.lists(st.sampled_from(stated), unique=True, max_size=len(stated))) if stated else []
        thinned = _without(full, removed)
        filling = _completion(thinned, keys, assessments, reads_modalities, pool)
        filled = [load_descriptor(full), *(load_descriptor(draw(filling)) for _ in range(completions))]
        return Thinning(thinned=load_descriptor(thinned), completions=tuple(filled), removed=tuple(removed))

    return thinning()


def _completion(
    thinned: Mapping[str, Any],
    keys: tuple[str, ...],
    assessments: Mapping[tuple[str, str], tuple[str, ...]],
    reads_modalities: bool,
    pool: Mapping[str, tuple[Any, ...]],
) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def complete(draw: st.DrawFn) -> dict[str, Any]:
        out = copy.deepcopy(dict(thinned))
        stated = out.setdefault("components", {})
        values = {
            "access": st.sampled_from(ACCESS_LEVELS),
            "licence": st.sampled_from(LICENCE_POOL),
            "coverage": st.sampled_from(COVERAGE_LEVELS),
        }
        for key in keys:
            facts = stated.setdefault(key, {})
            for name in _FIELDS:
                if facts.get(name) is None:
                    facts[name] = draw(values[name])
        if out["model"].get("base-model") == UNKNOWN_BASE:  # state which base it is, or leave it unknown
            out["model"]["base-model"] = draw(st.sampled_from(BASE_POOL))
        if reads_modalities and not out["model"].get("modalities"):
            out["model"]["modalities"] = draw(
                st.lists(st.sampled_from(MODALITIES), min_size=1, max_size=2, unique=True)
            )
        for (assessor, parameter), grades in assessments.items():
            ratings = out.setdefault("assessments", {}).setdefault(assessor, {})
            if ratings.get(parameter, {}).get("grade") is None:
                ratings[parameter] = {"grade": draw(st.sampled_from(grades))}
        for fact_id, pooled in pool.items():
            spec = fact_vocabulary()[fact_id]
            unstated = [
                n for n in spec.derived_from or (fact_id,) if n.split(".", 1)[1] not in out.get(n.split(".")[0], {})
            ]
            if unstated:
                _state(out, fact_id, draw(st.sampled_from(pooled)))
            for name in unstated:  # a value the product could not reproduce still states the fact
                section, key = name.split(".", 1)
                out.setdefault(section, {}).setdefault(key, {"value": 1e9})
        return out

    return complete()


# ---- rubrics -------------------------------------------------------------------------------------

_GRADE_NAMES = ("open", "partial", "limited", "closed")
_RUBRIC_COMPONENTS = ("weights", "training-code", "inference-code", "training-data", "data-card")
_POINTS = (0.0, 0.25, 0.5, 0.75, 1.0, 2.0)


def _upward(levels: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    """A prefix of an ordered vocabulary: every value at least as open as the last one named."""
    return st.integers(1, len(levels)).map(lambda n: list(levels[:n]))


@functools.cache
def _component_checks(monotone: bool) -> st.SearchStrategy[dict[str, Any]]:
    restriction_ids = tuple(restrictions())
    if monotone:
        details: dict[str, st.SearchStrategy[Any]] = {
            "access": _upward(ACCESS_LEVELS[:-1]),
            "licence": st.lists(st.sampled_from(OPENNESS_CLASSES), min_size=1, max_size=2, unique=True),
            "licence-without": st.lists(st.sampled_from(restriction_ids), min_size=1, max_size=2, unique=True),
            "coverage": _upward(COVERAGE_LEVELS[:-1]),
            "present": st.just(True),
        }
    else:
        details = {
            "access": st.lists(access_levels(), min_size=1, max_size=3, unique=True),
            "licence": st.lists(st.sampled_from(tuple(CLASSES)), min_size=1, max_size=2, unique=True),
            "licence-without": st.lists(st.sampled_from(restriction_ids), min_size=1, max_size=2, unique=True),
            "coverage": st.lists(coverage_levels(), min_size=1, max_size=2, unique=True),
            "present": st.booleans(),
        }

    @st.composite
    def check(draw: st.DrawFn) -> dict[str, Any]:
        names = draw(st.lists(st.sampled_from(tuple(details)), min_size=1, max_size=2, unique=True))
        table: dict[str, Any] = {"component": draw(st.sampled_from(_RUBRIC_COMPONENTS))}
        table.update({name: draw(details[name]) for name in names})
        if "licence" in table or "licence-without" in table:  # effective (the default) or declared terms
            terms = draw(st.sampled_from((None, "effective", "declared")))
            if terms is not None:
                table["terms"] = terms
        return table

    return check()


def _assessment_checks() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "assessment": st.just("index"),
            "parameter": st.sampled_from(["code", "weights"]),
            "grade": st.lists(st.sampled_from(["open", "partial", "closed"]), min_size=1, max_size=2, unique=True),
        }
    )


#: The licence list rubrics from :func:`rubrics` may name (``licence-in``), when they have one.
_LIST_NAME = "picked"


def _list_checks() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"component": st.sampled_from(_RUBRIC_COMPONENTS), "licence-in": st.just(_LIST_NAME)},
        optional={"present": st.booleans()},
    )


def _modality_checks() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"modality": st.lists(st.sampled_from(MODALITIES), min_size=1, max_size=2, unique=True)}
    )


#: Bounds generated numeric fact checks draw from (the EU AI Act's compute thresholds among them).
_BOUNDS = (1e23, 1e24, 1e25)


def _fact_checks() -> st.SearchStrategy[dict[str, Any]]:
    """A check on a fact of the vocabulary: bounds on a number (a derived one too), or a yes/no answer.

    Facts are never moved by :func:`openings` (a number is not more or less open), so these keep
    monotone rubrics monotone.
    """

    @st.composite
    def check(draw: st.DrawFn) -> dict[str, Any]:
        fact_id = draw(st.sampled_from(tuple(fact_vocabulary())))
        if fact_vocabulary()[fact_id].kind == "boolean":
            return {"fact": fact_id, "is": draw(st.booleans())}
        bounds = sorted(draw(st.lists(st.sampled_from(_BOUNDS), min_size=1, max_size=2, unique=True)))
        keys = ["at-least", "at-most"] if len(bounds) == 2 else [draw(st.sampled_from(["at-least", "at-most"]))]
        return {"fact": fact_id, **dict(zip(keys, bounds, strict=True))}

    return check()


@functools.cache
def _conditions(monotone: bool, *, listed: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    leaves = st.one_of(_component_checks(monotone), _assessment_checks(), _fact_checks())
    if listed:
        leaves = st.one_of(leaves, _list_checks())

    def extend(inner: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
        joined = st.tuples(st.sampled_from(["all", "any"]), st.lists(inner, min_size=1, max_size=3)).map(
            lambda pair: {pair[0]: pair[1]}
        )
        return joined if monotone else st.one_of(joined, inner.map(lambda c: {"not": c}))

    return st.recursive(leaves, extend, max_leaves=4)


@st.composite
def _rubric_dict(draw: st.DrawFn, monotone: bool, max_criteria: int, max_verdicts: int) -> dict[str, Any]:
    size = draw(st.integers(2, len(_GRADE_NAMES)))
    points = sorted(draw(st.sets(st.sampled_from(_POINTS), min_size=size, max_size=size)), reverse=True)
    names = (*_GRADE_NAMES[: size - 1], _GRADE_NAMES[-1])
    scale = dict(zip(names, points, strict=True))
    lists = {} if monotone or not draw(st.booleans()) else {_LIST_NAME: draw(_licence_list_tables())}
    conditions = _conditions(monotone, listed=bool(lists))
    criteria = []
    for index in range(draw(st.integers(1, max_criteria))):
        grades = draw(st.lists(st.sampled_from(names), min_size=1, max_size=size, unique=True))
        grades.sort(key=names.index)
        levels: list[dict[str, Any]] = [{"grade": grade, "when": draw(conditions)} for grade in grades]
        if not monotone and draw(st.booleans()):
            del levels[-1]["when"]
        criterion = {
            "id": f"c{index + 1}",
            "title": f"Criterion {index + 1}",
            "weight": draw(st.sampled_from([1.0, 2.0, 0.5, 0.0])),
            "levels": levels,
        }
        if not monotone and draw(st.integers(0, 3)) == 0:
            criterion["applies-when"] = draw(st.one_of(_modality_checks(), conditions))
        criteria.append(criterion)
    if all(c["weight"] == 0 for c in criteria):
        criteria[0]["weight"] = 1.0
    verdicts: list[dict[str, Any]] = []
    ids = [c["id"] for c in criteria]
    for index in range(draw(st.integers(0, max_verdicts))):
        verdict: dict[str, Any] = {"id": f"v{index + 1}", "title": f"Verdict {index + 1}"}
        builds_on = draw(st.booleans()) if verdicts else False
        if builds_on:
            verdict["builds-on"] = draw(st.sampled_from([v["id"] for v in verdicts]))
            verdict["gated"] = draw(st.booleans())
        requirements: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(1, 2))):
            chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))
            requirement: dict[str, Any] = {"criteria": chosen, "grade": draw(st.sampled_from(names[:-1] or names))}
            if not monotone and draw(st.integers(0, 3)) == 0:
                requirement["unless"] = draw(conditions)
            requirements.append(requirement)
        verdict["requires"] = requirements
        if draw(st.booleans()):
            verdict["min-score"] = draw(st.sampled_from([0.25, 0.5, 0.75]))
        verdicts.append(verdict)
    data: dict[str, Any] = {
        "format": 1,
        "id": "generated",
        "title": "Generated rubric",
        "version": "1",
        "source": "openness.strategies",
        "scale": scale,
        "criteria": criteria,
    }
    if verdicts:
        data["verdicts"] = verdicts
    if lists:
        data["licence-lists"] = lists
    return data


def _licence_list_tables() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "match": st.sampled_from(["exact", "reading"]),
            "ids": st.lists(st.sampled_from(_LIST_IDS), min_size=1, max_size=4, unique=True),
        }
    )


#: Licence ids a generated licence list draws from: single names from the pool, which descriptors use.
_LIST_IDS = tuple(lic for lic in LICENCE_POOL if " " not in lic)


def rubric_dicts(
    *, monotone: bool = False, max_criteria: int = 4, max_verdicts: int = 3
) -> st.SearchStrategy[dict[str, Any]]:
    """A valid rubric as a mapping: a scale, criteria with ordered levels and conditions, verdicts.

    Without ``monotone``, rubrics may also use what the rubric language offers beyond that: a
    licence list (``licence-in``), ``applies-when`` (modalities or any condition), requirements
    with ``unless``, and ``gated`` verdicts. With ``monotone=True`` conditions use no ``not``,
    value lists include every more open value, licence checks ask only openness classes, and every
    level has a condition: such rubrics pass :func:`openness.testing.check_monotone`.
    """
    return _rubric_dict(monotone, max_criteria, max_verdicts)


def rubrics(*, monotone: bool = False, max_criteria: int = 4, max_verdicts: int = 3) -> st.SearchStrategy[Rubric]:
    """A valid :class:`openness.Rubric` (see :func:`rubric_dicts`)."""
    return rubric_dicts(monotone=monotone, max_criteria=max_criteria, max_verdicts=max_verdicts).map(load_rubric)


# Registered on import. There is deliberately no Hypothesis entry point: loading one imports the
# ``openness`` package, which would add its import time to every Hypothesis start-up.
st.register_type_strategy(Descriptor, descriptors())
st.register_type_strategy(Component, components())
st.register_type_strategy(Rubric, rubrics())
