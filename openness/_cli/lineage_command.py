"""Plain-text lineage of a model: what ``openness lineage MODEL`` prints."""

from __future__ import annotations

from openness._model.descriptor import Descriptor
from openness._model.lineage import Lineage, lineage
from openness._words import clean
from openness.licences import read

__all__ = ["describe_lineage"]


def _declared(descriptor: Descriptor) -> str:
    weights = descriptor.components.get("weights")
    if weights is None or weights.licence is None:
        return "no weights licence stated"
    return f"weights under {clean(read(weights.licence).expression)}"


def _chain(found: Lineage, depth: int) -> list[str]:
    lines = []
    pad = "  " * depth
    for base in found.bases:
        relation = f" ({found.relation})" if found.relation else ""
        if base.descriptor is None:
            lines.append(f"{pad}<- {clean(base.name)}{relation}: not resolved; its terms are unknown")
            continue
        lines.append(
            f"{pad}<- {clean(base.name)}{relation}: {clean(base.descriptor.model.name)}, {_declared(base.descriptor)}"
        )
        if base.note:
            lines.append(f"{pad}   nothing flows down: {clean(base.note)}")
        for licence in base.flowing:
            record = licence.flows_down
            where = record.citation() if record is not None else "clause not recorded"
            lines.append(f"{pad}   flows down: {clean(licence.phrase())}, {clean(where)}")
        lines.extend(f"{pad}   may flow down (unknown): {clean(licence.phrase())}" for licence in base.maybe)
        if base.lineage is not None:
            lines += _chain(base.lineage, depth + 1)
    return lines


def describe_lineage(descriptor: Descriptor) -> str:
    """The chain model -> base -> base's base, each with its declared licence, what flows down, and conflicts."""
    found = lineage(descriptor)
    lines = [f"{descriptor.id}: {clean(descriptor.model.name)}, {_declared(descriptor)}"]
    if not found.bases:
        lines.append("  no base model stated")
    lines += _chain(found, 1)
    weights = descriptor.components.get("weights")
    if found.bases and weights is not None and weights.licence is not None:
        low, high = found.effective(read(weights.licence))
        effective = " OR ".join(" AND ".join(lic.id for lic in alt) for alt in low.alternatives)
        lines.append(f"effective weights licence: {clean(effective)}" + (" (and possibly more)" if high else ""))
    lines += [f"conflict: {clean(warning)}" for warning in found.warnings]
    return "\n".join(lines) + "\n"
