"""Lineage: the models a model was derived from, and the licence terms that flow down from them.

A descriptor's ``model.base-model`` names its bases. :func:`lineage` resolves each name to a
descriptor (by default a catalogue id; pass ``resolve`` to look names up elsewhere, for example on
the Hugging Face Hub) and follows the chain upwards. A base licence whose terms bind derivatives
(the table records the clause, or the licence imposes a restriction that binds derivatives: see
:meth:`openness.licences.Licence.binds_derivatives`) becomes part of the derived model's
**effective** licence: its declared licence AND the base's. A base that cannot be resolved, or
whose licence is unknown, leaves the effective licence unknown, never open.

A licence binds licensees, not its licensor: a base released by the same organisation (both
descriptors state it, and it is the same) passes nothing down.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from openness._model.descriptor import Descriptor, catalogue_descriptor, catalogue_ids
from openness._reading.vocabulary import components, restrictions
from openness.licences import Licence, Reading, read

__all__ = ["BASE_MODEL", "Base", "Lineage", "Resolve", "lineage", "resolve_catalogue", "weight_components"]

#: Looks a base model's name up: its descriptor, or ``None`` when it is not known.
Resolve = Callable[[str], Descriptor | None]
#: The descriptor fact that names a model's bases: what reports list when a base leaves a licence check open.
BASE_MODEL = "model.base-model"
#: How many bases up a chain is followed.
_MAX_DEPTH = 16


def resolve_catalogue(name: str) -> Descriptor | None:
    """The default resolver: a catalogue id gives its descriptor; any other name is not resolved."""
    return catalogue_descriptor(name) if name in catalogue_ids() else None


def weight_components() -> tuple[str, ...]:
    """The components whose effective licence includes the terms flowing down (the weights kind)."""
    return tuple(key for key, spec in components().items() if spec.kind == "weights")


@attrs.frozen(kw_only=True)
class Base:
    """One base of a model: its name, what it resolved to, and its own lineage."""

    name: str
    descriptor: Descriptor | None = None
    lineage: Lineage | None = None
    #: The base's weights licence as read (``None``: not stated, or the base is not resolved).
    licence: Reading | None = None
    #: Licences of this base (and its own bases) that bind the derived model.
    flowing: tuple[Licence, ...] = ()
    #: Licences (or unknown parts) that may bind it: unknown whether they flow down.
    maybe: tuple[Licence, ...] = ()
    #: Why nothing flows although the base is known (same licensor), if so.
    note: str | None = None


@attrs.frozen(kw_only=True)
class Lineage:
    """A model's bases, what their licences pass down to it, and the conflicts with what it declares."""

    descriptor: Descriptor
    relation: str | None = None
    bases: tuple[Base, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def flowing(self) -> tuple[Licence, ...]:
        """Every base licence that binds this model, once each."""
        return tuple(dict.fromkeys(lic for base in self.bases for lic in base.flowing))

    @property
    def maybe(self) -> tuple[Licence, ...]:
        """Every licence (or unknown part) that may bind this model."""
        return tuple(dict.fromkeys(lic for base in self.bases for lic in base.maybe))

    def effective(self, declared: Reading) -> tuple[Reading, Reading | None]:
        """The declared licence AND what flows down; with the parts that may flow too (``None`` when none may)."""
        flowing, maybe = self.flowing, self.maybe
        low = _and(declared, flowing) if flowing else declared
        return low, (_and(low, maybe) if maybe else None)


def _and(reading: Reading, extra: tuple[Licence, ...]) -> Reading:
    alternatives = tuple(tuple(dict.fromkeys((*alt, *extra))) for alt in reading.alternatives)
    return attrs.evolve(reading, alternatives=alternatives)


def _unknown(name: str, why: str) -> Licence:
    return Licence(id=name, name=name, kind="unknown", notes=why)


def _same_licensor(model: Descriptor, base: Descriptor) -> bool:
    ours, theirs = model.model.organisation, base.model.organisation
    return ours is not None and theirs is not None and ours.casefold() == theirs.casefold()


def _base(model: Descriptor, name: str, resolve: Resolve, seen: frozenset[str]) -> Base:
    found = resolve(name)
    if found is None:
        return Base(name=name, maybe=(_unknown(name, f"base model {name!r} is not resolved: its terms are unknown"),))
    if found.id in seen or len(seen) >= _MAX_DEPTH:
        return Base(name=name, descriptor=found, note="the chain loops back or is too long: not followed")
    upstream = _lineage(found, resolve, seen | {found.id})
    weights = found.components.get("weights")
    reading = read(weights.licence) if weights is not None and weights.licence is not None else None
    if _same_licensor(model, found):
        note = f"released by the same organisation ({found.model.organisation}): its licence binds others, not it"
        return Base(name=name, descriptor=found, lineage=upstream, licence=reading, note=note)
    if reading is None:
        why = f"base model {name!r} states no licence for its weights"
        return Base(name=name, descriptor=found, lineage=upstream, maybe=(_unknown(name, why), *upstream.maybe))
    unavoidable = [lic for lic in reading.alternatives[0] if all(lic in alt for alt in reading.alternatives)]
    terms = tuple(dict.fromkeys((*unavoidable, *upstream.flowing)))
    flowing = tuple(lic for lic in terms if lic.binds_derivatives() is True)
    maybe = tuple(lic for lic in terms if lic.binds_derivatives() is None) + upstream.maybe
    return Base(name=name, descriptor=found, lineage=upstream, licence=reading, flowing=flowing, maybe=maybe)


def _conflicts(model: Descriptor, bases: tuple[Base, ...]) -> tuple[str, ...]:
    """A warning for each base licence that binds the model while its declared weights licence lacks its terms."""
    weights = model.components.get("weights")
    if weights is None or weights.licence is None:
        return ()
    declared = read(weights.licence)
    carried = set(declared.restrictions())
    warnings = []
    for base in bases:
        for licence in base.flowing:
            if all(licence in alt for alt in declared.alternatives):
                continue
            missing = [r for r in licence.restrictions if r not in carried]
            if not missing:
                continue
            record = licence.flows_down
            if record is not None:
                quote = f': "{record.quote}"' if record.quote else ""
                clause = f"whose {record.citation()} binds derivatives{quote}"
            else:
                binding = [r for r in licence.restrictions if restrictions()[r].binds_derivatives]
                clause = f"whose {', '.join(binding) or 'terms'} bind derivatives (clause not recorded; {licence.url})"
            warnings.append(
                f"{BASE_MODEL}: {model.id} declares {declared.expression} for its weights, but its base "
                f"{base.name} is under the {licence.phrase()}, {clause}; the declared licence does not carry: "
                f"{', '.join(missing)}"
            )
    return tuple(warnings)


def _lineage(descriptor: Descriptor, resolve: Resolve, seen: frozenset[str]) -> Lineage:
    model = descriptor.model
    bases = tuple(_base(descriptor, name, resolve, seen) for name in model.bases)
    return Lineage(
        descriptor=descriptor, relation=model.base_model_relation, bases=bases, warnings=_conflicts(descriptor, bases)
    )


def lineage(descriptor: Descriptor, *, resolve: Resolve | None = None) -> Lineage:
    """The lineage of ``descriptor``: its bases (resolved by ``resolve``, by default catalogue ids only), upwards.

    ``resolve`` takes a base's name and returns its descriptor or ``None``; a mapping's ``get``
    will do (``resolve={"my-base": base_descriptor}.get``).
    """
    return _lineage(descriptor, resolve or resolve_catalogue, frozenset({descriptor.id}))
