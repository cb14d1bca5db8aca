"""Rubrics: a grading scale, criteria with ordered levels, and verdicts (format version 1)."""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from openness._errors import Problem, RubricError, UnsupportedFormatError, did_you_mean, not_one_of
from openness._model.conditions import AssessmentCheck, ComponentCheck, Condition, checks, describe
from openness._reading.documents import parse_text, read_document
from openness._reading.limit_checks import check_count, check_tree
from openness._reading.resources import rubrics_dir
from openness._reading.structure import Invalid, converter, problems, register_class
from openness._reading.vocabulary import component_aliases
from openness._words import counted

__all__ = [
    "ALLOWABLE_CHECKS",
    "Allowance",
    "Criterion",
    "Level",
    "LicenceList",
    "Requirement",
    "Rubric",
    "Verdict",
    "list_rubrics",
    "load_rubric",
]

FORMAT = 1
DEFAULT_RUBRIC = "openness-default"


@attrs.frozen(kw_only=True)
class Level:
    """One grade of a criterion and the condition that earns it."""

    grade: str
    when: Condition | None = None
    says: str | None = None

    def requirement_text(self) -> str:
        """What this level asks for, in words."""
        if self.says:
            return self.says
        return describe(self.when) if self.when is not None else "nothing further"


@attrs.frozen(kw_only=True)
class Criterion:
    """A stable id, a title, a weight, and the levels (best first) that decide its grade."""

    id: str
    title: str
    group: str | None = None
    weight: float = 1.0
    description: str | None = None
    interpretation: str | None = None
    applies_when: Condition | None = None
    levels: tuple[Level, ...]

    def _leaf_checks(self) -> list[Any]:
        return [check for level in self.levels if level.when is not None for check in checks(level.when)]

    def components(self) -> tuple[str, ...]:
        """The component ids this criterion's levels read, in order of first mention."""
        seen: dict[str, None] = {}
        for check in self._leaf_checks():
            if isinstance(check, ComponentCheck):
                seen[component_aliases()[check.component]] = None
        return tuple(seen)

    def assessments(self) -> tuple[tuple[str, str], ...]:
        """The (assessor, parameter) pairs this criterion's levels read."""
        seen: dict[tuple[str, str], None] = {}
        for check in self._leaf_checks():
            if isinstance(check, AssessmentCheck):
                seen[(check.assessment, check.parameter)] = None
        return tuple(seen)


@attrs.frozen(kw_only=True)
class LicenceList:
    """A named list of licences a rubric's conditions test with ``licence-in``.

    ``match = "exact"`` compares the licence string as written, case and spaces included, with
    each entry (the way some tools match ids); ``match = "reading"`` reads the licence string as
    usual and holds when some alternative of it uses only licences on the list.
    """

    match: Literal["exact", "reading"] = "reading"
    ids: tuple[str, ...]
    description: str | None = None
    source: str | None = None


@attrs.frozen(kw_only=True)
class Requirement:
    """Criteria that must reach at least ``grade``; none of it applies when ``unless`` holds."""

    criteria: tuple[str, ...]
    grade: str
    unless: Condition | None = None


@attrs.frozen(kw_only=True)
class Verdict:
    """A named outcome: requirements on criteria, optionally on another verdict and on the score."""

    id: str
    title: str
    description: str | None = None
    requires: tuple[Requirement, ...] = ()
    builds_on: str | None = None
    gated: bool = False
    min_score: float | None = None


#: Checks of :mod:`openness.testing` a rubric may state an allowance for.
ALLOWABLE_CHECKS = ("monotone", "reachable")


@attrs.frozen(kw_only=True)
class Allowance:
    """A known, intended exception to one invariant check, with its reason.

    ``criterion``, ``verdict`` and ``grade`` narrow what is allowed; none of them means the whole
    rubric. Scoring ignores allowances; :mod:`openness.testing` reports what they excuse.
    """

    check: str
    reason: str
    criterion: str | None = None
    verdict: str | None = None
    grade: str | None = None


@attrs.frozen(kw_only=True)
class Rubric:
    """A rubric: metadata, a scale of grades, criteria and verdicts.

    Load one with :func:`openness.load_rubric`. Grades in ``scale`` are ordered best first.
    """

    format: int = FORMAT
    id: str
    title: str
    version: str
    source: str
    licence: str | None = None
    retrieved: str | None = None
    description: str | None = None
    interpretation: str | None = None
    scale: dict[str, float]
    licence_lists: dict[str, LicenceList] = attrs.field(factory=dict)
    criteria: tuple[Criterion, ...]
    verdicts: tuple[Verdict, ...] = ()
    allowances: tuple[Allowance, ...] = ()
    path: str | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def grades(self) -> tuple[str, ...]:
        """Grade names, best first."""
        return tuple(sorted(self.scale, key=lambda g: -self.scale[g]))

    @property
    def lowest_grade(self) -> str:
        """The grade a criterion gets when no level's condition holds."""
        return self.grades[-1]

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise RubricError(f"{self.id}: " + not_one_of(criterion_id, [c.id for c in self.criteria], "criterion"))

    @property
    def max_points(self) -> float:
        """The most points a model can get."""
        best = self.scale[self.grades[0]]
        return sum(c.weight * best for c in self.criteria)

    def to_dict(self) -> dict[str, Any]:
        """The rubric as a plain mapping; loading it gives an equal rubric."""
        data: dict[str, Any] = _prune(converter.unstructure(self))
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """The rubric as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def __repr__(self) -> str:
        criteria = counted(len(self.criteria), "criterion", "criteria")
        return f"<Rubric {self.id!r} {self.version}: {criteria}, {counted(len(self.verdicts), 'verdict')}>"

    def _repr_html_(self) -> str:
        from openness._model import views  # noqa: PLC0415 - renderers load on first use, not when scoring

        return views.rubric_html(self)

    def _repr_markdown_(self) -> str:
        from openness._model import views  # noqa: PLC0415 - renderers load on first use, not when scoring

        return views.rubric_markdown(self)


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _prepare_rubric(table: Mapping[str, Any], _: list[Invalid]) -> Mapping[str, Any]:
    value = table.get("retrieved")
    if isinstance(value, datetime.date):
        return {**table, "retrieved": value.isoformat()}
    return table


def _prepare_verdict(table: Mapping[str, Any], _: list[Invalid]) -> Mapping[str, Any]:
    if isinstance(table.get("requires"), Mapping):
        return {**table, "requires": [table["requires"]]}
    return table


def _prepare_requirement(table: Mapping[str, Any], _: list[Invalid]) -> Mapping[str, Any]:
    if isinstance(table.get("criteria"), str):
        return {**table, "criteria": [table["criteria"]]}
    return table


register_class(Level)
register_class(Criterion)
register_class(LicenceList)
register_class(Requirement, prepare=_prepare_requirement)
register_class(Verdict, prepare=_prepare_verdict)
register_class(Allowance)
register_class(Rubric, prepare=_prepare_rubric, omit=("path",))


def _unknown_grade(grade: str, grades: list[str], at: tuple[str | int, ...]) -> Invalid:
    return Invalid(f"unknown grade {grade!r}{did_you_mean(grade, grades)}", at)


def _unknown_criterion(criterion: str, known: set[str], at: tuple[str | int, ...]) -> Invalid:
    return Invalid(f"unknown criterion {criterion!r}{did_you_mean(criterion, known)}", at)


def _tables(value: object) -> list[tuple[int, Mapping[str, Any]]]:
    """The tables of a raw list, with their positions (anything else in it is the structural check's)."""
    if not isinstance(value, (list, tuple)):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, Mapping)]


def _names(value: object) -> list[str]:
    """A raw ``criteria`` value of a requirement as its strings (one string stands for a list of one)."""
    items = [value] if isinstance(value, str) else value if isinstance(value, (list, tuple)) else []
    return [item for item in items if isinstance(item, str)]


def _reference_problems(data: Mapping[str, Any]) -> list[Invalid]:
    """Unknown grades and criteria, read from the raw tables.

    Reported beside the structural problems (which stop the full check), so that one run names every
    mistake. A reference is checked only when what it refers to could be read whole.
    """
    scale = data.get("scale")
    grades = [grade for grade in scale if isinstance(grade, str)] if isinstance(scale, Mapping) else None
    criteria = _tables(data.get("criteria"))
    ids = {c["id"] for _, c in criteria if isinstance(c.get("id"), str)}
    whole = isinstance(data.get("criteria"), (list, tuple)) and len(ids) == len(data["criteria"])
    found: list[Invalid] = []
    for index, criterion in criteria:
        for level_index, level in _tables(criterion.get("levels")):
            grade = level.get("grade")
            if grades is not None and isinstance(grade, str) and grade not in grades:
                found.append(_unknown_grade(grade, grades, ("criteria", index, "levels", level_index, "grade")))
    for index, verdict in _tables(data.get("verdicts")):
        requires = verdict.get("requires")
        for r_index, requirement in _tables([requires] if isinstance(requires, Mapping) else requires):
            at = ("verdicts", index, "requires", r_index)
            grade = requirement.get("grade")
            if grades is not None and isinstance(grade, str) and grade not in grades:
                found.append(_unknown_grade(grade, grades, (*at, "grade")))
            if whole:
                found += [
                    _unknown_criterion(c, ids, (*at, "criteria"))
                    for c in _names(requirement.get("criteria"))
                    if c not in ids
                ]
    return found


def _semantic_problems(rubric: Rubric) -> list[Invalid]:
    """Cross-references and value ranges the types alone cannot check."""
    found: list[Invalid] = []
    if not rubric.scale:
        found.append(Invalid("the scale needs at least one grade", ("scale",)))
    points = list(rubric.scale.values())
    if len(set(points)) != len(points):
        found.append(Invalid("two grades have the same points; grades must be strictly ordered", ("scale",)))
    if not rubric.criteria:
        found.append(Invalid("a rubric needs at least one criterion", ("criteria",)))
    grades = list(rubric.scale)
    seen_ids: set[str] = set()
    for index, criterion in enumerate(rubric.criteria):
        where: tuple[str | int, ...] = ("criteria", index)
        if criterion.id in seen_ids:
            found.append(Invalid(f"criterion id {criterion.id!r} is used twice", (*where, "id")))
        seen_ids.add(criterion.id)
        if criterion.weight < 0:
            found.append(Invalid(f"weight must not be negative (got {criterion.weight:g})", (*where, "weight")))
        if not criterion.levels:
            found.append(Invalid("a criterion needs at least one level", (*where, "levels")))
        previous = None
        for level_index, level in enumerate(criterion.levels):
            at = (*where, "levels", level_index, "grade")
            if level.grade not in rubric.scale:
                found.append(_unknown_grade(level.grade, grades, at))
                continue
            if previous is not None and rubric.scale[level.grade] >= previous:
                found.append(Invalid("levels must be ordered best first, each grade worth fewer points", at))
            previous = rubric.scale[level.grade]
    if rubric.scale and rubric.criteria and rubric.max_points <= 0:
        found.append(Invalid("the rubric's maximum points must be above zero (all weights are 0?)", ("criteria",)))
    found += _verdict_problems(rubric, seen_ids)
    found += _cycles(rubric)
    found += _licence_list_problems(rubric)
    found += _allowance_problems(rubric, seen_ids, [v.id for v in rubric.verdicts])
    return found


def _verdict_problems(rubric: Rubric, criterion_ids: set[str]) -> list[Invalid]:
    found: list[Invalid] = []
    grades = list(rubric.scale)
    seen_ids = criterion_ids
    verdict_ids = [v.id for v in rubric.verdicts]
    known_verdicts = set(verdict_ids)
    seen_verdicts: set[str] = set()
    for index, verdict in enumerate(rubric.verdicts):
        where = ("verdicts", index)
        if verdict.id in seen_verdicts:
            found.append(Invalid(f"verdict id {verdict.id!r} is used twice", (*where, "id")))
        seen_verdicts.add(verdict.id)
        for r_index, requirement in enumerate(verdict.requires):
            at = (*where, "requires", r_index)
            if requirement.grade not in rubric.scale:
                found.append(_unknown_grade(requirement.grade, grades, (*at, "grade")))
            found += [
                _unknown_criterion(c, seen_ids, (*at, "criteria")) for c in requirement.criteria if c not in seen_ids
            ]
        if verdict.builds_on is not None and verdict.builds_on not in known_verdicts:
            hint = did_you_mean(verdict.builds_on, verdict_ids)
            found.append(Invalid(f"unknown verdict {verdict.builds_on!r}{hint}", (*where, "builds-on")))
        if verdict.min_score is not None and not 0 <= verdict.min_score <= 1:
            found.append(
                Invalid(f"min-score must be between 0 and 1 (got {verdict.min_score:g})", (*where, "min-score"))
            )
        if not verdict.requires and verdict.min_score is None and verdict.builds_on is None:
            found.append(Invalid("a verdict needs requires, builds-on or min-score", where))
        if verdict.gated and verdict.builds_on is None:
            found.append(Invalid("a gated verdict needs builds-on (its progress waits for that verdict)", where))
    return found


def _conditions_with_paths(rubric: Rubric) -> list[tuple[tuple[str | int, ...], Condition]]:
    found: list[tuple[tuple[str | int, ...], Condition]] = []
    for index, criterion in enumerate(rubric.criteria):
        if criterion.applies_when is not None:
            found.append((("criteria", index, "applies-when"), criterion.applies_when))
        for level_index, level in enumerate(criterion.levels):
            if level.when is not None:
                found.append((("criteria", index, "levels", level_index, "when"), level.when))
    for index, verdict in enumerate(rubric.verdicts):
        for r_index, requirement in enumerate(verdict.requires):
            if requirement.unless is not None:
                found.append((("verdicts", index, "requires", r_index, "unless"), requirement.unless))
    return found


def _licence_list_problems(rubric: Rubric) -> list[Invalid]:
    names = list(rubric.licence_lists)
    found = [
        Invalid(f"licence list {name!r} is empty", ("licence-lists", name, "ids"))
        for name, entry in rubric.licence_lists.items()
        if not entry.ids
    ]
    for path, condition in _conditions_with_paths(rubric):
        for check in checks(condition):
            name = getattr(check, "licence_in", None)
            if name is not None and name not in rubric.licence_lists:
                found.append(Invalid(f"unknown licence list {name!r}{did_you_mean(name, names)}", path))
    return found


def _allowance_problems(rubric: Rubric, criteria: set[str], verdicts: list[str]) -> list[Invalid]:
    found = []
    for index, allowance in enumerate(rubric.allowances):
        where = ("allowances", index)
        if allowance.check not in ALLOWABLE_CHECKS:
            found.append(Invalid(not_one_of(allowance.check, ALLOWABLE_CHECKS, "check"), (*where, "check")))
        if not allowance.reason.strip():
            found.append(Invalid("an allowance needs a reason", (*where, "reason")))
        if allowance.criterion is not None and allowance.criterion not in criteria:
            hint = did_you_mean(allowance.criterion, criteria)
            found.append(Invalid(f"unknown criterion {allowance.criterion!r}{hint}", (*where, "criterion")))
        if allowance.verdict is not None and allowance.verdict not in verdicts:
            hint = did_you_mean(allowance.verdict, verdicts)
            found.append(Invalid(f"unknown verdict {allowance.verdict!r}{hint}", (*where, "verdict")))
        if allowance.grade is not None and allowance.grade not in rubric.scale:
            hint = did_you_mean(allowance.grade, list(rubric.scale))
            found.append(Invalid(f"unknown grade {allowance.grade!r}{hint}", (*where, "grade")))
    return found


def _cycles(rubric: Rubric) -> list[Invalid]:
    """Every builds-on cycle, reported once at each verdict on it; linear in the number of verdicts."""
    parents = {v.id: v.builds_on for v in rubric.verdicts}
    first_index: dict[str, int] = {}
    for index, verdict in enumerate(rubric.verdicts):
        first_index.setdefault(verdict.id, index)
    state: dict[str, int] = {}  # 1: on the walk now, 2: done
    on_cycle: dict[str, list[str]] = {}
    for start in parents:
        walk: list[str] = []
        current: str | None = start
        while current is not None and current in parents and current not in state:
            state[current] = 1
            walk.append(current)
            current = parents[current]
        if current is not None and state.get(current) == 1:
            cycle = walk[walk.index(current) :]
            for offset, member in enumerate(cycle):
                on_cycle[member] = cycle[offset:] + cycle[:offset]
        for member in walk:
            state[member] = 2
    found = []
    for verdict_id, cycle in on_cycle.items():
        chain = " -> ".join([*cycle, verdict_id])
        found.append((first_index[verdict_id], chain))
    return [
        Invalid(f"verdicts build on each other in a cycle: {chain}", ("verdicts", index, "builds-on"))
        for index, chain in sorted(found)
    ]


def _check_sizes(data: Mapping[str, Any], source: str) -> None:
    check_tree(data, source=source, error=RubricError)
    for key, limit in (("criteria", "max_criteria"), ("verdicts", "max_verdicts")):
        value = data.get(key)
        if isinstance(value, (list, tuple)):
            check_count(len(value), limit, key, source=source, path=(key,))


def rubric_from_mapping(data: Mapping[str, Any], *, source: str) -> Rubric:
    """Build and check a rubric, reporting every problem under ``source``."""
    if not isinstance(data, Mapping):
        raise RubricError([Problem(message=f"expected a mapping, got {type(data).__name__}", source=source)])
    _check_sizes(data, source)
    version = data.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT:
        raise UnsupportedFormatError(
            [
                Problem(
                    message=f"rubric format {version} is not supported (this release reads format {FORMAT})",
                    source=source,
                    path=("format",),
                )
            ]
        )
    try:
        rubric: Rubric = converter.structure(data, Rubric)
    except Exception as exc:  # noqa: BLE001 - reported as problems
        structural = problems(exc, source=source)
        seen = {(p.path, p.message) for p in structural}
        references = [p for p in _reference_problems(data) if (p.path, p.message) not in seen]
        raise RubricError(
            structural + [Problem(message=p.message, source=source, path=p.path) for p in references]
        ) from None
    found = _semantic_problems(rubric)
    if found:
        raise RubricError([Problem(message=p.message, source=source, path=p.path) for p in found])
    return attrs.evolve(rubric, path=source)


def _builtin_names() -> dict[str, str]:
    directory = rubrics_dir()
    return {entry.name[: -len(".toml")]: entry.name for entry in directory.iterdir() if entry.name.endswith(".toml")}


def list_rubrics() -> list[str]:
    """The ids of the built-in rubrics, sorted."""
    return sorted(_builtin_names())


@functools.lru_cache(maxsize=64)
def _load_builtin(name: str) -> Rubric:
    entry = rubrics_dir() / f"{name}.toml"
    source = f"rubrics/{name}.toml"
    data = parse_text(entry.read_text(encoding="utf-8"), kind="toml", source=source, error=RubricError)
    return rubric_from_mapping(data, source=source)


def load_rubric(rubric: str | Path | Mapping[str, Any] | Rubric | None = None) -> Rubric:
    """Load a rubric: a built-in id (see :func:`list_rubrics`), a ``.toml``/``.json`` path, or a mapping.

    ``None`` gives the default rubric. Built-in rubrics are parsed once and cached.
    """
    if rubric is None:
        rubric = DEFAULT_RUBRIC
    if isinstance(rubric, Rubric):
        return rubric
    if isinstance(rubric, Mapping):
        return rubric_from_mapping(rubric, source="<mapping>")
    if isinstance(rubric, str) and rubric in _builtin_names():
        return _load_builtin(rubric)
    path = Path(rubric)
    if isinstance(rubric, str) and path.suffix.lower() not in {".toml", ".json"}:
        names = list_rubrics()
        raise RubricError(
            [
                Problem(
                    message=f"no built-in rubric {rubric!r}{did_you_mean(rubric, names)}; built-in: {', '.join(names)}"
                )
            ]
        )
    data, source = read_document(path, error=RubricError)
    return rubric_from_mapping(data, source=source)
