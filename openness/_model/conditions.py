"""The condition language of rubrics: data, never code.

A condition is a table of exactly one of these shapes::

    { all = [ ... ] }                 every condition in the list holds
    { any = [ ... ] }                 at least one holds
    { not = { ... } }                 the condition does not hold
    { component = "weights", access = ["public", "gated"], licence = "osd-conformant",
      licence-without = ["field-of-use"], licence-in = "open-licences", coverage = "full",
      present = true }
    { assessment = "osai-2023", parameter = "opencode", grade = ["open", "partial"] }
    { modality = ["text", "code"] }   the model works with at least one of these modalities
    { fact = "training.compute-flop", at-most = 1e25 }    a number fact within bounds (at-least, at-most)
    { fact = "distribution.monetised", is = false }       a yes/no fact with this answer

``licence-in`` names a list in the rubric's ``[licence-lists]`` table (checked when the rubric
loads).

Conditions are three-valued: a check on a fact the descriptor does not state is *unknown*, and a
level whose condition is unknown is not reached (the report says which facts were unknown). A
derived fact (``training.compute-flop-estimate``) is unknown until every fact it is derived from is
stated.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal, Optional, Union

import attrs

from openness._errors import did_you_mean, not_one_of
from openness._reading.structure import Invalid, Invalids, converter, describe_value, register_class, relocate
from openness._reading.vocabulary import (
    Access,
    Coverage,
    Modality,
    component_aliases,
    components,
    facts,
    restrictions,
)

__all__ = [
    "AllOf",
    "AnyOf",
    "AssessmentCheck",
    "ComponentCheck",
    "Condition",
    "FactCheck",
    "Leaf",
    "ModalityCheck",
    "Not",
    "checks",
    "describe",
    "describe_fact_check",
    "fact_title",
    "number_text",
]


@attrs.frozen(kw_only=True)
class ComponentCheck:
    """Facts about one component: its access, licence classes, licence restrictions, coverage."""

    component: str
    access: tuple[Access, ...] = ()
    licence: tuple[str, ...] = ()
    licence_without: tuple[str, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    present: bool | None = None
    licence_in: str | None = None
    #: Which terms ``licence`` and ``licence-without`` test: ``effective`` (the default: the declared
    #: licence and what flows down from the model's bases) or ``declared`` (the licence as stated).
    terms: Literal["effective", "declared"] | None = None


@attrs.frozen(kw_only=True)
class AssessmentCheck:
    """The grade another assessor gave one parameter."""

    assessment: str
    parameter: str
    grade: tuple[str, ...]


@attrs.frozen(kw_only=True)
class ModalityCheck:
    """The model works with at least one of these modalities (``model.modalities``)."""

    modality: tuple[Modality, ...]


@attrs.frozen(kw_only=True)
class FactCheck:
    """A fact of the fact vocabulary: a number within bounds (inclusive), or a yes/no answer."""

    fact: str
    at_least: float | None = None
    at_most: float | None = None
    is_: bool | None = None


@attrs.frozen
class AllOf:
    """Every condition holds."""

    conditions: tuple[Condition, ...]


@attrs.frozen
class AnyOf:
    """At least one condition holds."""

    conditions: tuple[Condition, ...]


@attrs.frozen
class Not:
    """The condition does not hold."""

    condition: Condition


Condition = Union[ComponentCheck, AssessmentCheck, ModalityCheck, FactCheck, AllOf, AnyOf, Not]  # noqa: UP007 - runtime alias
#: A condition that tests facts directly (no ``all``, ``any`` or ``not``).
Leaf = Union[ComponentCheck, AssessmentCheck, ModalityCheck, FactCheck]  # noqa: UP007 - runtime alias

_MANY = ("access", "licence", "licence-without", "coverage", "grade", "modality")
_SHAPES = ("all", "any", "not", "component", "assessment", "modality", "fact")
_SHAPE_WORDS = "all, any, not, component, assessment, modality, fact"


def _as_list(table: Mapping[str, Any], _: list[Invalid]) -> Mapping[str, Any]:
    return {k: [v] if k in _MANY and isinstance(v, str) else v for k, v in table.items()}


def _check_component(check: ComponentCheck) -> None:
    from openness.licences import CLASSES  # noqa: PLC0415 - avoid an import cycle

    problems = []
    if check.component not in component_aliases():
        hint = did_you_mean(check.component, list(component_aliases()))
        problems.append(Invalid(f"unknown component {check.component!r}{hint}", ("component",)))
    problems += [
        Invalid(not_one_of(name, CLASSES, "licence class"), ("licence",))
        for name in check.licence
        if name not in CLASSES
    ]
    problems += [
        Invalid(not_one_of(name, restrictions(), "restriction"), ("licence-without",))
        for name in check.licence_without
        if name not in restrictions()
    ]
    if check.terms is not None and not (check.licence or check.licence_without):
        problems.append(Invalid("terms applies to licence and licence-without: give one of them", ("terms",)))
    if not (
        check.access
        or check.licence
        or check.licence_without
        or check.coverage
        or check.present is not None
        or check.licence_in is not None
    ):
        problems.append(
            Invalid(
                "a component check needs at least one of access, licence, licence-without, licence-in, coverage,"
                " present"
            )
        )
    if problems:
        raise Invalids(problems)


register_class(ComponentCheck, prepare=_as_list, check=_check_component)
register_class(AssessmentCheck, prepare=_as_list)


def _check_modality(check: ModalityCheck) -> None:
    if not check.modality:
        raise Invalids([Invalid("expected at least one modality", ("modality",))])


register_class(ModalityCheck, prepare=_as_list, check=_check_modality)


def _bound(value: object, key: str) -> list[Invalid]:
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return [Invalid(f"expected a finite number, got {describe_value(value)}", (key,))]
    return []


def _prepare_fact(table: Mapping[str, Any], problems: list[Invalid]) -> Mapping[str, Any]:
    """Check the fact and its tests against the vocabulary (``is`` is the attribute ``is_``)."""
    out = dict(table)
    spec = facts().get(out["fact"]) if isinstance(out.get("fact"), str) else None
    if spec is None and isinstance(out.get("fact"), str):
        hint = did_you_mean(out["fact"], list(facts()))
        problems.append(Invalid(f"unknown fact {out['fact']!r}{hint}", ("fact",)))
    bounds = [key for key in ("at-least", "at-most") if key in out]
    for key in bounds:
        problems += _bound(out[key], key)
    if "is" in out and not isinstance(out["is"], bool):
        problems.append(Invalid(f"expected true or false, got {describe_value(out['is'])}", ("is",)))
    if spec is not None and spec.kind == "number":
        if "is" in out:
            problems.append(Invalid(f"{spec.id} is a number: test it with at-least or at-most, not is", ("is",)))
        elif not bounds:
            problems.append(Invalid(f"a check on the number {spec.id} needs at-least, at-most or both"))
    if spec is not None and spec.kind == "boolean":
        problems += [Invalid(f"{spec.id} is true or false: test it with is, not {key}", (key,)) for key in bounds]
        if "is" not in out:
            problems.append(Invalid(f"a check on {spec.id} needs is = true or is = false"))
    low, high = out.get("at-least"), out.get("at-most")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
        problems.append(Invalid(f"at-least ({low!r}) is above at-most ({high!r}): nothing passes", ("at-least",)))
    return out


register_class(FactCheck, prepare=_prepare_fact)


def _conditions(value: object) -> tuple[Condition, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise Invalid(f"expected a list of conditions, got {describe_value(value)}")
    if not value:
        raise Invalid("expected at least one condition")
    conditions: tuple[Condition, ...] = converter.structure(value, tuple[Condition, ...])
    return conditions


def _structure_condition(value: object, _: type) -> Condition:
    if not isinstance(value, Mapping):
        raise Invalid(f"expected a condition table, got {describe_value(value)}")
    shapes = [key for key in _SHAPES if key in value]
    if len(shapes) != 1:
        keys = ", ".join(map(str, value)) or "nothing"
        found = f"it has {keys}"
        if not shapes:
            close = "".join(did_you_mean(str(k), _SHAPES) for k in value)
            raise Invalid(f"a condition needs one of {_SHAPE_WORDS} ({found}){close}")
        raise Invalid(f"a condition has exactly one of {_SHAPE_WORDS} ({found})")
    shape = shapes[0]
    if shape in {"all", "any", "not"}:
        extra = [k for k in value if k != shape]
        if extra:
            raise Invalids([Invalid(f"unknown key {k!r} beside {shape!r}", (k,)) for k in extra])
        try:
            if shape == "not":
                return Not(converter.structure(value["not"], Condition))  # type: ignore[arg-type]
            inner = _conditions(value[shape])
        except Exception as exc:  # noqa: BLE001 - relocated as problems
            raise Invalids(relocate(exc, (shape,))) from None
        return AllOf(inner) if shape == "all" else AnyOf(inner)
    if shape == "component":
        return converter.structure(value, ComponentCheck)
    if shape == "modality":
        return converter.structure(value, ModalityCheck)
    if shape == "fact":
        return converter.structure(value, FactCheck)
    return converter.structure(value, AssessmentCheck)


def _unstructure_condition(condition: Condition) -> dict[str, Any]:
    if isinstance(condition, Not):
        return {"not": _unstructure_condition(condition.condition)}
    if isinstance(condition, (AllOf, AnyOf)):
        key = "all" if isinstance(condition, AllOf) else "any"
        return {key: [_unstructure_condition(c) for c in condition.conditions]}
    raw = converter.unstructure(condition)
    if isinstance(condition, FactCheck):
        raw = {k: v for k, v in raw.items() if v is not None}
    return {k: v for k, v in raw.items() if v != []}


converter.register_structure_hook(Condition, _structure_condition)
converter.register_structure_hook(
    Optional[Condition],  # noqa: UP045 - a runtime type, for Level.when
    lambda value, cl: None if value is None else _structure_condition(value, cl),
)
converter.register_unstructure_hook(Condition, _unstructure_condition)
for _cls in (AllOf, AnyOf, Not):
    converter.register_unstructure_hook(_cls, _unstructure_condition)


def _join(words: list[str], conjunction: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def describe(condition: Condition, *, nested: bool = False) -> str:
    """The condition in words, e.g. ``final model weights public under an OSD-conformant licence``."""
    if isinstance(condition, AllOf):
        parts = [describe(c, nested=True) for c in condition.conditions]
        text = _join(parts, "and") if not any("," in p for p in parts) else "; ".join(parts[:-1]) + "; and " + parts[-1]
        return f"({text})" if nested else text
    if isinstance(condition, AnyOf):
        text = "either " + _join([describe(c, nested=True) for c in condition.conditions], "or")
        return f"({text})" if nested else text
    if isinstance(condition, Not):
        return f"not ({describe(condition.condition)})"
    if isinstance(condition, AssessmentCheck):
        return f"{condition.assessment} rates {condition.parameter} {_join(list(condition.grade), 'or')}"
    if isinstance(condition, ModalityCheck):
        return f"the model works with {_join(list(condition.modality), 'or')}"
    if isinstance(condition, FactCheck):
        return describe_fact_check(condition)
    name = components()[component_aliases()[condition.component]].title.lower()
    parts = []
    if condition.access:
        parts.append(_join(list(condition.access), "or"))
    if condition.licence:
        from openness.licences import CLASS_TITLES  # noqa: PLC0415

        titles = [CLASS_TITLES.get(n, n) for n in condition.licence]
        parts.append(f"under {'an' if titles[0][0] in 'AEIOUaeiou' else 'a'} {_join(titles, 'and')} licence")
    if condition.licence_without:
        titles = [restrictions()[r].title.lower() for r in condition.licence_without]
        parts.append("with no " + _join(titles, "or") + " in its licence")
    if condition.terms == "declared":
        parts.append("(as declared, without the terms of its base models)")
    if condition.licence_in is not None:
        parts.append(f"under a licence on the rubric's {condition.licence_in!r} list")
    if condition.coverage:
        parts.append(f"with {_join(list(condition.coverage), 'or')} coverage")
    if condition.present is not None:
        parts.append("listed as released" if condition.present else "not listed as released")
    return f"{name} " + " ".join(parts)


def number_text(value: float, unit: str | None = None) -> str:
    """A number for reading: ``3.8 × 10^25 FLOP``, ``405 billion parameters``, ``0.5``."""
    if isinstance(value, bool) or not math.isfinite(value):
        text = str(value)
    elif value != 0 and (abs(value) >= 1e15 or abs(value) < 1e-3):
        mantissa, exponent = f"{value:.3g}".split("e") if "e" in f"{value:.3g}" else (f"{value:.3g}", "0")
        text = f"10^{int(exponent)}" if mantissa in {"1", "1.0"} else f"{mantissa} × 10^{int(exponent)}"
    else:
        text = _words_number(value)
    return f"{text} {unit}" if unit else text


def _words_number(value: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.4g} {word}"
    return f"{value:.6g}"


def fact_title(title: str) -> str:
    """A fact's title inside a sentence: ``training compute``, but ``EU systemic-risk model`` kept."""
    return title if title[1:2].isupper() else title[0].lower() + title[1:]


def describe_fact_check(check: FactCheck) -> str:
    """A fact check in words, e.g. ``training compute at most 10^25 FLOP``."""
    spec = facts()[check.fact]
    title = fact_title(spec.title)
    if check.is_ is not None:
        return f"{title}: {'yes' if check.is_ else 'no'}"
    parts = []
    if check.at_least is not None:
        parts.append(f"at least {number_text(check.at_least, spec.unit)}")
    if check.at_most is not None:
        parts.append(f"at most {number_text(check.at_most, spec.unit)}")
    return f"{title} " + " and ".join(parts)


def checks(condition: Condition) -> list[Leaf]:
    """The leaf checks of a condition, in order."""
    if isinstance(condition, (AllOf, AnyOf)):
        return [c for inner in condition.conditions for c in checks(inner)]
    if isinstance(condition, Not):
        return checks(condition.condition)
    return [condition]
