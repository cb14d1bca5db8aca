"""Plain-text description of a licence reading: what ``openness licence TEXT`` prints."""

from __future__ import annotations

from openness._reading.vocabulary import restrictions
from openness._words import clean
from openness.licences import CLASSES, Licence, Reading, has_class, not_, read

__all__ = ["describe"]

_YES_NO = {True: "yes", False: "no", None: "unknown"}


def _restriction_lines(licence: Licence) -> list[str]:
    vocabulary = restrictions()
    lines = []
    for name in licence.restrictions:
        spec = vocabulary[name]
        text = spec.description
        if name == "user-cap" and licence.user_cap:
            text += f" Cap: {licence.user_cap:,} monthly active users."
        lines.append(f"    - {name}: {text}")
    return lines


def _licence_lines(licence: Licence) -> list[str]:
    lines = [f"{licence.id}: {clean(licence.name)} [{licence.kind}]"]
    if licence.candidates:
        lines.append(f"  one of: {', '.join(licence.candidates)} (only what they all share is used)")
    if licence.kind == "licence":
        lines.append(f"  OSI-approved: {_YES_NO[licence.osi_approved]}; FSF-libre: {_YES_NO[licence.fsf_libre]}")
    values = {name: has_class(licence, name) for name in CLASSES}
    lines.append(f"  classes: {', '.join(n for n, v in values.items() if v is True) or 'none'}")
    lines.append(f"  not: {', '.join(n for n, v in values.items() if v is False) or 'none'}")
    unknown = [n for n, v in values.items() if v is None]
    if unknown:
        lines.append(f"  unknown: {', '.join(unknown)}")
    if licence.kind == "no-licence":
        lines.append("  allows: nothing (no rights are granted)")
    else:
        allows = {
            "commercial use": values["commercial-use"],
            "sharing copies": not_(licence.has_restriction("no-redistribution")),
            "sharing modified versions": not_(licence.has_restriction("no-derivatives")),
        }
        lines.append("  allows: " + "; ".join(f"{what} {_YES_NO[v]}" for what, v in allows.items()))
    if licence.kind != "no-licence" and licence.restrictions:
        lines.append("  restricts or requires:")
        lines.extend(_restriction_lines(licence))
    if licence.kind == "licence" and not licence.curated:
        lines.append("  restrictions not listed here were not reviewed: they are unknown, not absent")
    elif licence.kind == "licence" and not licence.restrictions:
        lines.append("  restricts or requires: nothing recorded")
    if licence.flows_down is not None:
        record = licence.flows_down
        quote = f': "{clean(record.quote)}"' if record.quote else ""
        lines.append(f"  binds derivatives: {clean(record.citation())}{quote}")
    if licence.replaced_by:
        lines.append(f"  deprecated SPDX id, replaced by {licence.replaced_by}")
    if licence.notes:
        lines.append(f"  notes: {clean(licence.notes)}")
    if licence.url:
        lines.append(f"  terms: {clean(licence.url)}")
    lines.extend(f"  source: {clean(source)}" for source in licence.sources if source != licence.url)
    if licence.checked:
        lines.append(f"  checked: {licence.checked}")
    if licence.unsure:
        lines.append("  unsure: some facts about this licence could not be confirmed (see notes)")
    return lines


def _summary_lines(reading: Reading) -> list[str]:
    lines = []
    if len(reading.alternatives) > 1:
        choices = " | ".join(" AND ".join(lic.id for lic in alt) for alt in reading.alternatives)
        lines.append(f"choice: the licensee may pick any one of {choices}; the most open one decides")
    values = {name: reading.check((name,)) for name in CLASSES}
    lines.append(f"as a whole: {', '.join(f'{n} {_YES_NO[v]}' for n, v in values.items())}")
    unavoidable = reading.restrictions()
    lines.append(f"restrictions that cannot be avoided: {', '.join(unavoidable) or 'none recorded'}")
    return lines


def describe(text: str) -> str:
    """How ``text`` is read, what each licence in it allows and forbids, and where that comes from."""
    reading = read(text)
    lines = [f"{clean(text)!r} reads as: {clean(reading.expression)}"]
    lines += [f"  {clean(note)}" for note in reading.notes]
    lines += [f"  warning: {clean(warning)}" for warning in reading.warnings]
    if reading.unresolved:
        lines.append(f"  unresolved: {', '.join(repr(clean(u)) for u in reading.unresolved)}")
    lines += _summary_lines(reading)
    for licence in reading.licences:
        if licence.id in reading.unresolved:
            continue
        lines += ["", *_licence_lines(licence)]
    for exception in reading.exceptions:
        lines += ["", f"{exception.id}: {clean(exception.name)} [exception]"]
        lines.append("  adds permissions to the licence it follows; it never adds a restriction")
        if exception.url:
            lines.append(f"  terms: {clean(exception.url)}")
    return "\n".join(lines) + "\n"
