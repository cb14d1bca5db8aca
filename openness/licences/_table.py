"""The licence table: the SPDX list (generated) merged with the hand-curated entries (licences.toml)."""

from __future__ import annotations

import functools
import re
from typing import Literal

import attrs

from openness._errors import OpennessError
from openness._reading.resources import data_table
from openness._reading.structure import Invalid, register_class, structure
from openness._reading.vocabulary import restrictions

__all__ = ["Ambiguity", "FlowDown", "Licence", "LicenceTable", "Spelling", "agree", "normalise", "table"]

LicenceKind = Literal["licence", "exception", "no-licence", "unknown"]
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form licence strings are matched in: case-folded, white space collapsed, trimmed."""
    return _SPACES.sub(" ", text).strip().casefold()


def agree(values: list[bool | None]) -> bool | None:
    """What a set of candidates says together: true or false when all agree, else unknown."""
    if values and all(v is True for v in values):
        return True
    if values and all(v is False for v in values):
        return False
    return None


@attrs.frozen(kw_only=True)
class FlowDown:
    """The clause that binds derivatives of a model to a licence's terms (``flows-down`` in the table).

    ``clause`` names it (``section 1.b.i``), ``quote`` gives its key words, ``source`` is the URL
    of the text it was read in; ``unsure`` marks a clause whose number or wording was not confirmed.
    """

    clause: str
    source: str
    quote: str | None = None
    unsure: bool = False

    def citation(self) -> str:
        """The clause and the URL it was read at, saying "unsure" when its number or wording was not confirmed."""
        where = f"{self.clause} ({self.source})"
        return f"{where}, unsure: its number or wording was not confirmed" if self.unsure else where


@attrs.frozen(kw_only=True)
class Licence:
    """What one licence (or non-licence) allows and forbids, and where that comes from.

    ``osi_approved`` and ``fsf_libre`` come from the SPDX License List for SPDX ids. ``curated``
    is true when the project's own table reviewed the licence's restrictions; for a licence that
    was not reviewed only what its OSI or FSF status implies is known. ``candidates`` is set for
    an entry that names a family (one of these licences, not said which): its facts are those all
    candidates share. ``replaced_by`` is the replacement of a deprecated SPDX id.
    """

    id: str
    name: str
    kind: LicenceKind = "licence"
    spdx: bool = False
    deprecated: bool = False
    osi_approved: bool = False
    fsf_libre: bool = False
    open_data: bool = False
    osd_conformant: bool | None = None
    restrictions: tuple[str, ...] = ()
    user_cap: int | None = None
    aliases: tuple[str, ...] = ()
    url: str | None = None
    sources: tuple[str, ...] = ()
    checked: str | None = None
    notes: str | None = None
    unsure: bool = False
    curated: bool = False
    candidates: tuple[str, ...] = ()
    replaced_by: str | None = None
    #: Restrictions the text was read not to impose, for an entry whose text was not fully reviewed.
    absent: tuple[str, ...] = ()
    #: The clause that binds derivatives to these terms, when the table records it.
    flows_down: FlowDown | None = None

    def has_restriction(self, restriction: str) -> bool | None:
        """Whether this licence imposes ``restriction``; ``None`` when that is not known."""
        if self.candidates:
            return agree([c.has_restriction(restriction) for c in self.members()])
        if self.kind == "unknown":
            return None
        if self.kind == "no-licence" or restriction in self.restrictions:
            return True
        if self.curated or restriction in self.absent:
            return False
        if (self.osi_approved or self.fsf_libre) and restrictions()[restriction].osd_forbidden:
            return False
        return None

    def binds_derivatives(self) -> bool | None:
        """Whether a model derived from one under this licence is bound by its terms; ``None`` if unknown.

        True when the table records the clause (``flows-down``) or the licence imposes a restriction
        the vocabulary marks ``binds-derivatives`` (restrictions passed on, share-alike); a "no
        licence" grants nothing, so a derivative has no rights either. A family binds derivatives when
        every candidate does.
        """
        if self.flows_down is not None:
            return True
        if self.candidates:
            return agree([member.binds_derivatives() for member in self.members()])
        if self.kind == "no-licence":
            return True
        values = [self.has_restriction(r) for r, spec in restrictions().items() if spec.binds_derivatives]
        if True in values:
            return True
        return None if None in values else False

    def members(self) -> tuple[Licence, ...]:
        """The licences a family entry may stand for (empty for a single licence)."""
        known = table().licences
        return tuple(known[c] for c in self.candidates if c in known)

    def phrase(self) -> str:
        """How reasons name the licence: ``the Llama 3.1 Community License Agreement (LicenseRef-Llama-3.1)``."""
        if self.kind == "unknown" and self.name == self.id:
            return f"an unrecognised licence {self.id!r}"
        return f"{self.name} ({self.id})" if self.name != self.id else self.id


@attrs.frozen(kw_only=True)
class _CuratedLicence:
    id: str
    name: str
    kind: LicenceKind = "licence"
    osi_approved: bool | None = None
    fsf_libre: bool | None = None
    open_data: bool = False
    osd_conformant: bool | None = None
    restrictions: tuple[str, ...] = ()
    user_cap: int | None = None
    aliases: tuple[str, ...] = ()
    url: str | None = None
    sources: tuple[str, ...] = ()
    checked: str | None = None
    notes: str | None = None
    unsure: bool = False
    reviewed: bool = True
    candidates: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    flows_down: FlowDown | None = None


@attrs.frozen(kw_only=True)
class Ambiguity:
    """A string that could mean several licences (a family name such as ``gpl``)."""

    text: str
    candidates: tuple[str, ...]
    notes: str | None = None


@attrs.frozen(kw_only=True)
class Spelling:
    """A whole free-text string that stands for an SPDX expression (it names several licences)."""

    text: str
    expression: str
    notes: str | None = None


@attrs.frozen(kw_only=True)
class _CuratedTable:
    format: int
    licences: tuple[_CuratedLicence, ...]
    ambiguous: tuple[Ambiguity, ...] = ()
    spellings: tuple[Spelling, ...] = ()
    deprecated: dict[str, str] = attrs.field(factory=dict)


def _check_curated(entry: _CuratedLicence) -> None:
    known = restrictions()
    problems = [Invalid(f"unknown restriction {r!r}", ("restrictions",)) for r in entry.restrictions if r not in known]
    problems += [Invalid(f"unknown restriction {r!r}", ("absent",)) for r in entry.absent if r not in known]
    problems += [
        Invalid(f"{r!r} is listed both as imposed and as absent", ("absent",))
        for r in entry.absent
        if r in entry.restrictions
    ]
    if entry.candidates and entry.restrictions:
        problems.append(
            Invalid("a family's restrictions are derived from its candidates: list none", ("restrictions",))
        )
    binding = [r for r in entry.restrictions if r in known and known[r].binds_derivatives]
    if entry.flows_down is not None and not binding:
        problems.append(
            Invalid("flows-down needs a restriction that binds derivatives (flow-down or share-alike)", ("flows-down",))
        )
    if ("user-cap" in entry.restrictions) != (entry.user_cap is not None):
        problems.append(Invalid("user-cap must be given exactly when the 'user-cap' restriction is listed"))
    if problems:
        raise Invalid("; ".join(p.message for p in problems))


register_class(FlowDown)
register_class(_CuratedLicence, check=_check_curated)
register_class(Ambiguity)
register_class(Spelling)
register_class(_CuratedTable)


@attrs.frozen
class LicenceTable:
    """All known licences with the indexes used to read licence strings."""

    licences: dict[str, Licence]
    exceptions: dict[str, Licence]
    by_name: dict[str, str]
    ambiguous: dict[str, Ambiguity]
    spellings: dict[str, Spelling]
    list_version: str


def _merge(spdx_entry: Licence | None, curated: _CuratedLicence) -> Licence:
    base = spdx_entry or Licence(id=curated.id, name=curated.name)
    return attrs.evolve(
        base,
        name=curated.name,
        kind=curated.kind,
        osi_approved=base.osi_approved if curated.osi_approved is None else curated.osi_approved,
        fsf_libre=base.fsf_libre if curated.fsf_libre is None else curated.fsf_libre,
        open_data=curated.open_data,
        osd_conformant=curated.osd_conformant,
        restrictions=curated.restrictions,
        user_cap=curated.user_cap,
        aliases=curated.aliases,
        url=curated.url or base.url,
        sources=curated.sources,
        checked=curated.checked,
        notes=curated.notes,
        unsure=curated.unsure,
        curated=curated.reviewed,
        candidates=curated.candidates,
        absent=curated.absent,
        flows_down=curated.flows_down,
    )


def _family(licence: Licence, licences: dict[str, Licence]) -> Licence:
    """A family entry with the restrictions every candidate imposes (derived, never copied by hand).

    A user cap shared by every candidate is kept with the largest number: every candidate requires
    a separate licence above it.
    """
    members = [licences[c] for c in licence.candidates if c in licences]
    shared = [r for r in restrictions() if members and all(r in m.restrictions for m in members)]
    caps = [m.user_cap for m in members if m.user_cap is not None]
    cap = max(caps) if "user-cap" in shared and caps else None
    return attrs.evolve(licence, restrictions=tuple(shared), user_cap=cap)


@functools.lru_cache(maxsize=1)
def table() -> LicenceTable:
    """Build the licence table once, on first use."""
    from openness.licences import _spdx_data  # noqa: PLC0415 - large generated module, loaded lazily

    spdx_url = "https://spdx.org/licenses/{}.html"
    licences = {
        key: Licence(
            id=key,
            name=name,
            spdx=True,
            osi_approved=osi,
            fsf_libre=fsf,
            deprecated=deprecated,
            url=spdx_url.format(key),
            sources=(spdx_url.format(key),),
        )
        for key, (name, osi, fsf, deprecated) in _spdx_data.LICENSES.items()
    }
    exceptions = {
        key: Licence(id=key, name=name, kind="exception", spdx=True, deprecated=deprecated, url=spdx_url.format(key))
        for key, (name, deprecated) in _spdx_data.EXCEPTIONS.items()
    }
    curated = structure(
        data_table("licences"), _CuratedTable, source="openness/data/licences.toml", error=OpennessError
    )
    for entry in curated.licences:
        licences[entry.id] = _merge(licences.get(entry.id), entry)
    for key in [k for k, lic in licences.items() if lic.candidates]:
        licences[key] = _family(licences[key], licences)
    for key, replacement in curated.deprecated.items():
        if key in licences:
            licences[key] = attrs.evolve(licences[key], replaced_by=replacement)
        elif key in exceptions:
            exceptions[key] = attrs.evolve(exceptions[key], replaced_by=replacement)
    by_name: dict[str, str] = {}
    for key, licence in {**licences, **exceptions}.items():
        by_name[normalise(key)] = key
        for alias in licence.aliases:
            by_name.setdefault(normalise(alias), key)
    ambiguous = {normalise(a.text): a for a in curated.ambiguous}
    spellings = {normalise(s.text): s for s in curated.spellings}
    return LicenceTable(
        licences=licences,
        exceptions=exceptions,
        by_name=by_name,
        ambiguous=ambiguous,
        spellings=spellings,
        list_version=_spdx_data.LIST_VERSION,
    )
