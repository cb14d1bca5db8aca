"""Conditions compiled to closures: three-valued checks over one descriptor's facts.

A compiled check takes the :class:`Facts` of one descriptor and a dict it adds the path of every
fact it needed but found unstated (``components.weights.licence``); it returns ``True``,
``False`` or ``None`` (unknown). Every part of ``all`` and ``any`` is evaluated, so the unknown
facts are the same whichever part decides. The paths are written when the rubric compiles, and a
check reads a component's licence only if it looks at it, so scoring a rubric that matches
licence strings exactly never parses one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

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
from openness._model.descriptor import Component, Descriptor
from openness._model.lineage import BASE_MODEL, Lineage, Resolve, lineage, weight_components
from openness._model.rubric import LicenceList
from openness._reading.vocabulary import component_aliases
from openness.licences import Reading, read

__all__ = ["Check", "Facts", "Truth", "Unknowns", "compile_condition", "licence_list_check"]

Truth = bool | None
Unknowns = dict[str, None]
Check = Callable[["Facts", Unknowns], Truth]
Lists = Mapping[str, LicenceList]

_UNREAD = object()

#: How many licence readings a compiled check remembers its answer for.
_MEMO_SIZE = 1024


class Facts:
    """What checks read from one descriptor; each licence is read once, when first needed."""

    __slots__ = ("_lineage", "components", "descriptor", "readings")

    def __init__(self, descriptor: Descriptor, *, resolve: Resolve | None = None) -> None:
        self.descriptor = descriptor
        self.components: Mapping[str, Component] = descriptor.components
        #: Readings of component licences so far, by component key (``None``: no licence stated).
        self.readings: dict[str, Reading | None] = {}
        self._lineage: Lineage | Resolve | None = resolve

    @property
    def lineage(self) -> Lineage | None:
        """The model's lineage (``None`` when it names no base), resolved when first needed."""
        if not self.descriptor.model.bases:
            return None
        if not isinstance(self._lineage, Lineage):
            self._lineage = lineage(self.descriptor, resolve=self._lineage)
        return self._lineage

    def effective(self, key: str, reading: Reading) -> tuple[Reading, Reading | None]:
        """A weights component's effective licence: (what surely applies, with what may too, or ``None``)."""
        found = self.lineage
        if found is None or key not in weight_components():
            return reading, None
        return found.effective(reading)

    def reading(self, key: str) -> Reading | None:
        """The reading of a component's licence (``None`` when the component or its licence is unstated)."""
        found = self.readings.get(key, _UNREAD)
        if found is _UNREAD:
            component = self.components.get(key)
            found = None if component is None or component.licence is None else read(component.licence)
            self.readings[key] = found
        return found  # type: ignore[return-value]


def compile_condition(condition: Condition, lists: Lists) -> Check:
    """A closure deciding ``condition`` (``lists``: the rubric's licence lists, by name)."""
    if isinstance(condition, AllOf):
        return _joined([compile_condition(c, lists) for c in condition.conditions], decisive=False)
    if isinstance(condition, AnyOf):
        return _joined([compile_condition(c, lists) for c in condition.conditions], decisive=True)
    if isinstance(condition, Not):
        return _not(compile_condition(condition.condition, lists))
    if isinstance(condition, AssessmentCheck):
        return _assessment(condition)
    if isinstance(condition, ModalityCheck):
        return _modality(condition)
    if isinstance(condition, FactCheck):
        return _fact(condition)
    return _component(condition, lists)


def _joined(parts: list[Check], *, decisive: bool) -> Check:
    """``all`` (a ``False`` part decides) or ``any`` (a ``True`` part decides); otherwise unknown wins."""
    undecided = not decisive

    def joined(facts: Facts, unknown: Unknowns) -> Truth:
        result: Truth = undecided
        for part in parts:
            value = part(facts, unknown)
            if value is decisive:
                result = decisive
            elif value is None and result is undecided:
                result = None
        return result

    return joined


def _not(inner: Check) -> Check:
    def negate(facts: Facts, unknown: Unknowns) -> Truth:
        value = inner(facts, unknown)
        return None if value is None else not value

    return negate


def _assessment(check: AssessmentCheck) -> Check:
    grades = frozenset(check.grade)
    assessor, parameter = check.assessment, check.parameter
    path = f"assessments.{assessor}.{parameter}"
    nothing: Mapping[str, Any] = {}

    def assessed(facts: Facts, unknown: Unknowns) -> Truth:
        rating = facts.descriptor.assessments.get(assessor, nothing).get(parameter)
        if rating is None or rating.grade is None:
            unknown[path] = None
            return None
        return rating.grade in grades

    return assessed


def _modality(check: ModalityCheck) -> Check:
    wanted = frozenset(check.modality)

    def modality(facts: Facts, unknown: Unknowns) -> Truth:
        stated = facts.descriptor.model.modalities
        if not stated:
            unknown["model.modalities"] = None
            return None
        return not wanted.isdisjoint(stated)

    return modality


def _fact(check: FactCheck) -> Check:
    """A number within bounds or a yes/no answer; unknown (each missing stated fact recorded) when not stated."""
    fact_id, low, high, wanted = check.fact, check.at_least, check.at_most, check.is_

    def fact(facts: Facts, unknown: Unknowns) -> Truth:
        value, missing = facts.descriptor.fact_value(fact_id)
        if value is None:
            unknown.update(dict.fromkeys(missing))
            return None
        if wanted is not None:
            return value is wanted
        return (low is None or value >= low) and (high is None or value <= high)

    return fact


def licence_list_check(entry: LicenceList) -> Callable[[str, Reading], bool]:
    """Whether a licence (its text, and its reading) is on a rubric's licence list."""
    ids = frozenset(entry.ids)
    if entry.match == "exact":
        return lambda text, _: text in ids
    return lambda _, reading: any(all(lic.id in ids for lic in alt) for alt in reading.alternatives)


Decided = tuple[Truth, bool]


def _remembered(decide: Callable[[Reading], Decided]) -> Callable[[Reading], Decided]:
    """``decide``, remembering its answer per reading (readings are cached, so equal texts share one)."""
    memo: dict[int, tuple[Reading, Decided]] = {}

    def remembered(reading: Reading) -> Decided:
        hit = memo.get(id(reading))
        if hit is not None and hit[0] is reading:  # the memo keeps the reading alive, so its id is its own
            return hit[1]
        value = decide(reading)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[id(reading)] = (reading, value)
        return value

    return remembered


def _licence_part(check: ComponentCheck, lists: Lists) -> Callable[[Reading], Decided] | None:
    """The check's licence classes and restrictions (three-valued) and its reading-matched list (yes or no)."""
    classes, without = check.licence, check.licence_without
    entry = lists[check.licence_in] if check.licence_in is not None else None
    on_list = licence_list_check(entry) if entry is not None and entry.match == "reading" else None
    if not (classes or without) and on_list is None:
        return None

    def decide(reading: Reading) -> Decided:
        value = reading.check(classes, without) if classes or without else True
        return value, on_list is None or on_list(reading.text, reading)

    return _remembered(decide)


def _effective_value(facts: Facts, key: str, reading: Reading, tests: tuple[tuple[str, ...], tuple[str, ...]]) -> Truth:
    """The licence checks on the effective licence: unknown when what may flow down from a base could change them."""
    low, high = facts.effective(key, reading)
    value = low.check(*tests)
    if high is not None and high.check(*tests) != value:
        return None
    return value


def _component(check: ComponentCheck, lists: Lists) -> Check:  # noqa: PLR0915 - flat on purpose: runs for every check of every score
    key = component_aliases()[check.component]
    whole, access_path = f"components.{key}", f"components.{key}.access"
    licence_path, coverage_path = f"components.{key}.licence", f"components.{key}.coverage"
    access, coverage, present = frozenset(check.access), frozenset(check.coverage), check.present
    entry = lists[check.licence_in] if check.licence_in is not None else None
    exact = frozenset(entry.ids) if entry is not None and entry.match == "exact" else None
    by_reading = _licence_part(check, lists)
    reads_licence = exact is not None or by_reading is not None
    classes, without = check.licence, check.licence_without
    effective = check.terms != "declared" and bool(classes or without)

    def component_check(facts: Facts, unknown: Unknowns) -> Truth:
        component = facts.components.get(key)
        if present is not None:  # whether it was released: unknown until the descriptor states access
            if component is None or component.access is None:
                unknown[whole if component is None else access_path] = None
                return None
            if (component.access != "not-released") is not present:
                return False
        if component is None:
            unknown[whole] = None
            return None
        result: Truth = True
        if access:
            if component.access is None:
                unknown[access_path] = None
                result = None
            elif component.access not in access:
                result = False
        if reads_licence:
            licence = component.licence
            if licence is None:
                if component.access == "not-released":
                    result = False
                else:
                    unknown[licence_path] = None
                    if result is True:
                        result = None
            else:
                if by_reading is not None:
                    reading = facts.reading(key)
                    assert reading is not None  # noqa: S101 - the component states a licence
                    value, listed_ok = by_reading(reading)
                    why = licence_path
                    if effective and facts.descriptor.model.bases:
                        declared, value = value, _effective_value(facts, key, reading, (classes, without))
                        if value is None and declared is not None:  # the declared licence decides; a base may not
                            why = BASE_MODEL
                    if value is None:
                        unknown[why] = None
                        if result is True:
                            result = None
                    elif value is False:
                        result = False
                    if not listed_ok:
                        result = False
                if exact is not None and licence not in exact:
                    result = False
        if coverage:
            if component.coverage is None:
                unknown[coverage_path] = None
                if result is True:
                    result = None
            elif component.coverage not in coverage:
                result = False
        return result

    return component_check
