"""Controlled vocabularies shipped as data: model components, access levels, coverage, restrictions."""

from __future__ import annotations

import functools
from typing import Literal

import attrs

from openness._errors import OpennessError
from openness._reading.resources import data_table
from openness._reading.structure import register_class, structure

__all__ = [
    "ACCESS_LEVELS",
    "COVERAGE_LEVELS",
    "KINDS",
    "MODALITIES",
    "Access",
    "ComponentKind",
    "ComponentSpec",
    "Coverage",
    "FactKind",
    "FactSpec",
    "Modality",
    "MofInfo",
    "RestrictionSpec",
    "component_aliases",
    "components",
    "fact_sections",
    "facts",
    "restrictions",
]

Access = Literal["public", "gated", "restricted", "api-only", "not-released"]
Coverage = Literal["full", "partial", "none"]
ComponentKind = Literal["code", "data", "weights", "documentation", "access"]
Modality = Literal["text", "code", "image", "audio", "video", "3d", "other"]
FactKind = Literal["number", "boolean"]

#: Access levels, most open first.
ACCESS_LEVELS: tuple[Access, ...] = ("public", "gated", "restricted", "api-only", "not-released")
#: Coverage levels, most complete first.
COVERAGE_LEVELS: tuple[Coverage, ...] = ("full", "partial", "none")
KINDS: tuple[ComponentKind, ...] = ("code", "data", "weights", "documentation", "access")
#: What a model takes in or puts out (a descriptor's ``model.modalities``).
MODALITIES: tuple[Modality, ...] = ("text", "code", "image", "audio", "video", "3d", "other")

ACCESS_PHRASES: dict[str, str] = {
    "public": "a public release",
    "gated": "a gated download (terms must be accepted first)",
    "restricted": "available on request, granted case by case",
    "api-only": "usable only through a hosted API",
    "not-released": "not released",
}


@attrs.frozen(kw_only=True)
class MofInfo:
    """Where a component sits in the Model Openness Framework."""

    name: str
    class_: int
    required: bool


@attrs.frozen(kw_only=True)
class ComponentSpec:
    """One entry of the component vocabulary."""

    id: str = ""
    title: str
    kind: ComponentKind
    description: str
    mof: MofInfo | None = None
    aliases: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class RestrictionSpec:
    """One restriction a licence can impose."""

    id: str = ""
    title: str
    description: str
    phrase: str
    osd_forbidden: bool
    #: Whether a model derived from one under a licence with this restriction is bound by that licence.
    binds_derivatives: bool = False
    #: How free text states the restriction ("commercial use restrictions"), matched after folding case.
    stated_as: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class FactSpec:
    """One entry of the fact vocabulary: a number or a yes/no answer a descriptor may state.

    A fact with ``derived_from`` is never stated: it is ``factor`` times the product of those facts.
    """

    id: str = ""
    title: str
    kind: FactKind
    description: str
    unit: str | None = None
    derived_from: tuple[str, ...] = ()
    factor: float = 1.0
    derivation: str | None = None

    @property
    def section(self) -> str:
        """The descriptor table the fact is stated in (``training`` for ``training.tokens``)."""
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        """The fact's key in its table (``tokens`` for ``training.tokens``)."""
        return self.id.split(".", 1)[1]


@attrs.frozen(kw_only=True)
class _FactTable:
    format: int
    facts: dict[str, FactSpec]


@attrs.frozen(kw_only=True)
class _ComponentTable:
    format: int
    components: dict[str, ComponentSpec]


@attrs.frozen(kw_only=True)
class _RestrictionTable:
    format: int
    restrictions: dict[str, RestrictionSpec]


register_class(MofInfo)
register_class(ComponentSpec, omit=("id",))
register_class(RestrictionSpec, omit=("id",))
register_class(FactSpec, omit=("id",))
register_class(_FactTable)
register_class(_ComponentTable)
register_class(_RestrictionTable)


@functools.lru_cache(maxsize=1)
def components() -> dict[str, ComponentSpec]:
    """The component vocabulary, keyed by id, in document order."""
    table = structure(
        data_table("components"), _ComponentTable, source="openness/data/components.toml", error=OpennessError
    )
    return {key: attrs.evolve(spec, id=key) for key, spec in table.components.items()}


@functools.lru_cache(maxsize=1)
def component_aliases() -> dict[str, str]:
    """Every accepted spelling of a component id, mapped to the id."""
    out = {key: key for key in components()}
    for key, spec in components().items():
        out.update(dict.fromkeys(spec.aliases, key))
    return out


@functools.lru_cache(maxsize=1)
def restrictions() -> dict[str, RestrictionSpec]:
    """The restriction vocabulary, keyed by id."""
    table = structure(
        data_table("restrictions"),
        _RestrictionTable,
        source="openness/data/restrictions.toml",
        error=OpennessError,
    )
    return {key: attrs.evolve(spec, id=key) for key, spec in table.restrictions.items()}


@functools.lru_cache(maxsize=1)
def facts() -> dict[str, FactSpec]:
    """The fact vocabulary, keyed by id (``training.compute-flop``), in document order."""
    table = structure(data_table("facts"), _FactTable, source="openness/data/facts.toml", error=OpennessError)
    return {key: attrs.evolve(spec, id=key) for key, spec in table.facts.items()}


def fact_sections() -> tuple[str, ...]:
    """The descriptor tables that hold facts (``training``, ``distribution``, ``regulation``)."""
    return tuple(dict.fromkeys(spec.section for spec in facts().values()))
