"""Reading licence strings: SPDX ids and expressions, Hugging Face ids, and common spellings.

>>> from openness import licences
>>> licences.lookup("Apache 2.0").id
'Apache-2.0'
>>> reading = licences.read("Apache 2.0 OR MIT")
>>> reading.expression
'Apache-2.0 OR MIT'
>>> reading.notes
("'Apache 2.0' read as Apache-2.0",)

Every reading is reported; an unknown or ambiguous string is reported with close matches and
never guessed.
"""

from __future__ import annotations

import difflib
import functools
import re

import attrs

from openness._errors import LicenceError, Problem, not_one_of
from openness._reading.limit_checks import limit_error
from openness._reading.vocabulary import restrictions
from openness.licences._table import FlowDown, Licence, agree

# Package-internal (not in __all__): openness.strategies reads the table to draw ids that read unambiguously.
from openness.licences._table import normalise as normalise
from openness.licences._table import table as table
from openness.limits import current

__all__ = ["CLASSES", "FlowDown", "Licence", "Reading", "all_licences", "has_class", "lookup", "read"]

#: Licence classes a rubric can ask for, with how each is derived.
CLASSES: dict[str, str] = {
    "osi-approved": "approved by the Open Source Initiative (SPDX isOsiApproved, or the curated table)",
    "fsf-libre": "marked Free/Libre by the Free Software Foundation (SPDX isFsfLibre, or the curated table)",
    "open-data": "an open data or open content licence (curated: CC-BY, CC-BY-SA, CC0, ODC-By, ODbL, PDDL, CDLA, ...)",
    "osd-conformant": "a licence that imposes no restriction the Open Source Definition forbids",
    "permissive": "OSD-conformant and without a share-alike duty",
    "copyleft": "requires modified versions to be shared under the same terms",
    "commercial-use": "allows commercial use (no non-commercial, research-only or non-production clause)",
}
#: How reasons name each class: "under an OSI-approved licence".
CLASS_TITLES: dict[str, str] = {
    "osi-approved": "OSI-approved",
    "fsf-libre": "FSF-libre",
    "open-data": "open data",
    "osd-conformant": "OSD-conformant",
    "permissive": "permissive",
    "copyleft": "copyleft",
    "commercial-use": "commercial-use",
}
_COMMERCIAL_BLOCKERS = ("non-commercial", "research-only", "non-production")
_MAX_SUGGESTIONS = 8  # unknown names in one expression for which close matches are looked up
_OPERATORS = frozenset({"(", ")", "AND", "OR", "WITH"})
_TOKEN = re.compile(r"(\(|\)|(?<![^\s()])(?:AND|OR|WITH)(?![^\s()]))")


def _and(values: list[bool | None]) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def _or(values: list[bool | None]) -> bool | None:
    if True in values:
        return True
    return None if None in values else False


def has_class(licence: Licence, name: str) -> bool | None:
    """Whether ``licence`` belongs to the class ``name`` (see :data:`CLASSES`); ``None`` if unknown.

    A family entry (one of several licences, not said which) belongs to a class when every
    candidate does, not when none does, and is unknown otherwise.
    """
    if name not in CLASSES:
        raise LicenceError(not_one_of(name, CLASSES, "licence class"))
    if licence.candidates:
        return agree([has_class(member, name) for member in licence.members()])
    if licence.kind == "unknown":
        return None
    if licence.kind != "licence":
        return False
    if name == "osi-approved":
        return licence.osi_approved
    if name == "fsf-libre":
        return licence.fsf_libre
    if name == "open-data":
        return licence.open_data if licence.curated else (licence.open_data or None)
    if name == "copyleft":
        return licence.has_restriction("share-alike")
    if name == "commercial-use":
        return _and([not_(licence.has_restriction(r)) for r in _COMMERCIAL_BLOCKERS])
    if name == "osd-conformant":
        if licence.osd_conformant is not None:
            return licence.osd_conformant
        forbidden = [r for r, spec in restrictions().items() if spec.osd_forbidden]
        return _and([not_(licence.has_restriction(r)) for r in forbidden])
    return _and([has_class(licence, "osd-conformant"), not_(licence.has_restriction("share-alike"))])


def not_(value: bool | None) -> bool | None:
    """Three-valued negation."""
    return None if value is None else not value


@attrs.frozen(kw_only=True)
class Reading:
    """How a licence string was read.

    ``alternatives`` is the expression in disjunctive form: the licensee may pick any one
    alternative (``OR``), and must honour every licence inside it (``AND``). ``notes`` says how
    each part was read; ``warnings`` lists what could not be read, was ambiguous or names a
    family of licences. ``unresolved`` lists the parts that match no entry of the table (unknown
    names, ambiguous names, malformed expressions); it is empty when every part was decided.
    ``exceptions`` are the SPDX exceptions named after ``WITH``.
    """

    text: str
    expression: str
    alternatives: tuple[tuple[Licence, ...], ...]
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()
    exceptions: tuple[Licence, ...] = ()

    @property
    def known(self) -> bool:
        """True when every part of the string was recognised."""
        return not self.warnings

    @property
    def licences(self) -> tuple[Licence, ...]:
        """Every licence named in the expression, once each, in order."""
        seen: dict[str, Licence] = {}
        for alternative in self.alternatives:
            for licence in alternative:
                seen.setdefault(licence.id, licence)
        return tuple(seen.values())

    def check(self, classes: tuple[str, ...] = (), without: tuple[str, ...] = ()) -> bool | None:
        """Whether some alternative has every class in ``classes`` and none of ``without``."""
        results = []
        for alternative in self.alternatives:
            per_licence: list[bool | None] = []
            for name in classes:
                if name == "copyleft":
                    per_licence.append(_or([has_class(lic, name) for lic in alternative]))
                else:
                    per_licence.extend(has_class(lic, name) for lic in alternative)
            for restriction in without:
                per_licence.extend(not_(lic.has_restriction(restriction)) for lic in alternative)
            results.append(_and(per_licence))
        return _or(results)

    def restrictions(self) -> tuple[str, ...]:
        """Restrictions imposed in every alternative (what the licensee cannot avoid).

        In vocabulary order, those the Open Source Definition forbids first.
        """
        common: set[str] | None = None
        for alternative in self.alternatives:
            found = {r for lic in alternative for r in lic.restrictions}
            common = found if common is None else common & found
        vocabulary = list(restrictions())
        return tuple(sorted(common or (), key=lambda r: (not restrictions()[r].osd_forbidden, vocabulary.index(r))))


def _unknown(text: str, candidates: tuple[str, ...] = ()) -> Licence:
    return Licence(id=text, name=text, kind="unknown", candidates=candidates)


_LOWER_OPERATOR = re.compile(r"\s(and|or|with)\s", re.IGNORECASE)


def _operator_hint(text: str) -> str:
    """A note when the text joins names with an operator not in upper case (SPDX reads only AND, OR, WITH)."""
    found = [m.group(1) for m in _LOWER_OPERATOR.finditer(text) if m.group(1) != m.group(1).upper()]
    if not found:
        return ""
    return f"; SPDX operators are upper case: AND, OR, WITH (not {', '.join(repr(f) for f in dict.fromkeys(found))})"


def _suggest(text: str) -> str:
    names = list(table().by_name)
    close = difflib.get_close_matches(normalise(text), names, n=3, cutoff=0.75)
    ids = list(dict.fromkeys(table().by_name[c] for c in close))
    return f" (close: {', '.join(ids)})" if ids else ""


def _resolve(text: str, *, suggest: bool = True) -> tuple[Licence, str | None, str | None]:
    """Resolve one licence name: (licence, note, warning); ``suggest`` looks for close names when unknown.

    An unknown or ambiguous name comes back as a licence of kind ``unknown`` whose id is the
    text itself; :func:`_unresolved` tells those apart from the table's own entries.
    """
    key = normalise(text)
    known = table()
    ambiguity = known.ambiguous.get(key)
    if ambiguity is not None:
        options = ", ".join(ambiguity.candidates)
        warning = f"{text!r} is ambiguous: it could be {options}; only what they all share is used"
        return _unknown(text, ambiguity.candidates), None, warning
    target = known.by_name.get(key)
    if target is None:
        hint = _suggest(text) if suggest else ""
        return _unknown(text), None, f"{text!r} is not a known licence{hint}{_operator_hint(text)}"
    licence = known.licences.get(target) or known.exceptions[target]
    note = None if text == licence.id else f"{text!r} read as {licence.id}"
    family: str | None = None
    if licence.candidates:
        options = ", ".join(licence.candidates)
        family = f"{text!r} is ambiguous: it names a family of licences ({options}); only what they all share is used"
    return licence, note, family


def _unresolved(licence: Licence) -> bool:
    """True for a name that matched no entry of the table (unknown or ambiguous)."""
    known = table()
    return licence.kind == "unknown" and licence.id not in known.licences and licence.id not in known.exceptions


def _replacement_note(text: str, licence: Licence) -> str:
    return f"{text!r} read as {licence.replaced_by} (SPDX deprecated {licence.id} in favour of {licence.replaced_by})"


class _Parser:
    """Recursive descent over SPDX-style expressions: OR < AND < WITH, with parentheses."""

    def __init__(self, text: str, *, whole: bool = False, bounds: tuple[int, int, int] = (256, 1_024, 64)) -> None:
        self.text = text
        self.tokens = [text.strip()] if whole else [t for t in (s.strip() for s in _TOKEN.split(text)) if t]
        self.max_terms, self.max_alternatives, self.max_depth = bounds
        self.depth = 0
        self.suggestions = _MAX_SUGGESTIONS
        self.position = 0
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.unresolved: list[str] = []
        self.exceptions: list[Licence] = []

    def fail(self, message: str) -> LicenceError:
        return LicenceError([Problem(message=f"cannot read licence expression {self.text!r}: {message}")])

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> tuple[str, list[list[Licence]]]:
        if not self.tokens:
            raise self.fail("it is empty")
        terms = sum(1 for t in self.tokens if t not in _OPERATORS)
        if terms > self.max_terms:
            raise self.over("max_licence_terms", f"it names {terms:,} licences")
        expression, _, alternatives = self.parse_or()
        if self.peek() is not None:
            raise self.fail(f"unexpected {self.peek()!r}")
        return expression, alternatives

    # Each parse_* returns (canonical text, its top operator, alternatives); the operator decides
    # where parentheses are needed when the text becomes an operand.
    def parse_or(self) -> tuple[str, str, list[list[Licence]]]:
        text, operator, alternatives = self.parse_and()
        while self.peek() == "OR":
            self.take()
            right_text, _, right = self.parse_and()
            text, operator, alternatives = f"{text} OR {right_text}", "OR", alternatives + right
            self.limit(alternatives)
        return text, operator, alternatives

    def parse_and(self) -> tuple[str, str, list[list[Licence]]]:
        text, operator, alternatives = self.parse_with()
        while self.peek() == "AND":
            self.take()
            right_text, right_operator, right = self.parse_with()
            text = f"{_wrap(text, operator)} AND {_wrap(right_text, right_operator)}"
            operator = "AND"
            alternatives = [a + b for a in alternatives for b in right]
            self.limit(alternatives)
        return text, operator, alternatives

    def parse_with(self) -> tuple[str, str, list[list[Licence]]]:
        text, operator, alternatives = self.parse_atom()
        if self.peek() == "WITH":
            self.take()
            token = self.peek()
            if token is None or token in {"(", ")", "AND", "OR", "WITH"}:
                raise self.fail("WITH must be followed by an exception id")
            exception, note, warning = self.resolve(self.take())
            if exception.replaced_by:
                note = f"{note or repr(exception.id)} ({exception.id} is a deprecated SPDX id)"
                replacement = table().exceptions.get(exception.replaced_by)
                if replacement is not None:
                    note = _replacement_note(exception.id, exception)
                    exception = replacement
            self.record(note, warning, exception)
            if exception.kind == "licence":
                self.warnings.append(f"{exception.id!r} after WITH is a licence, not an exception")
            else:
                self.exceptions.append(exception)
            text = f"{_wrap(text, operator, 'AND')} WITH {exception.id}"
            operator = "WITH"
            alternatives = [[*a, exception] for a in alternatives] if exception.kind != "exception" else alternatives
        return text, operator, alternatives

    def parse_atom(self) -> tuple[str, str, list[list[Licence]]]:
        word = self.peek()
        if word is None:
            raise self.fail("it ends where a licence is expected")
        if word == "(":
            self.take()
            self.depth += 1
            if self.depth > self.max_depth:
                raise self.over("max_depth", "its parentheses are nested too deeply")
            result = self.parse_or()
            self.depth -= 1
            if self.peek() != ")":
                raise self.fail("a '(' is not closed")
            self.take()
            return result
        if word in {")", "AND", "OR", "WITH"}:
            raise self.fail(f"unexpected {word!r} where a licence is expected")
        token = self.take()
        licence, note, warning = self.resolve(token)
        if licence.replaced_by:
            return self.replace(token, licence)
        self.record(note, warning, licence)
        return licence.id, "", [[licence]]

    def replace(self, token: str, licence: Licence) -> tuple[str, str, list[list[Licence]]]:
        """Read a deprecated SPDX id as its replacement expression."""
        assert licence.replaced_by is not None  # noqa: S101 - the caller checked
        inner = _Parser(licence.replaced_by, bounds=(self.max_terms, self.max_alternatives, self.max_depth))
        text, operator, alternatives = inner.parse_or()
        self.notes.append(_replacement_note(token, licence))
        self.notes.extend(inner.notes)
        self.warnings.extend(inner.warnings)
        self.unresolved.extend(inner.unresolved)
        self.exceptions.extend(inner.exceptions)
        return text, operator, alternatives

    def resolve(self, token: str) -> tuple[Licence, str | None, str | None]:
        """Resolve a name; close matches are looked for only for the first few unknown names (they are slow)."""
        found = _resolve(token, suggest=self.suggestions > 0)
        if found[0].kind == "unknown":
            self.suggestions -= 1
        return found

    def record(self, note: str | None, warning: str | None, licence: Licence) -> None:
        if note:
            self.notes.append(note)
        if warning:
            self.warnings.append(warning)
        if _unresolved(licence):
            self.unresolved.append(licence.id)

    def over(self, limit: str, what: str) -> LicenceError:
        return self.fail(limit_error(limit, what, source=None).problems[0].message)

    def limit(self, alternatives: list[list[Licence]]) -> None:
        if len(alternatives) > self.max_alternatives:
            raise self.over("max_licence_alternatives", f"it has more than {self.max_alternatives:,} alternatives")


def _wrap(text: str, operator: str, *looser: str) -> str:
    """Parenthesise an operand whose top operator binds more loosely than its new context."""
    return f"({text})" if operator in ("OR", *looser) else text


def read(text: str) -> Reading:
    """Read a licence string: a single name (id, alias, spelling) or an SPDX expression.

    Never raises for an unknown name: the reading says what it could not recognise. A string that
    is not a well-formed expression reads as one unknown licence, with the reason as a warning; so
    does a string over the limits of :mod:`openness.limits` (length, terms, alternatives, nesting).
    """
    if not isinstance(text, str):
        raise LicenceError([Problem(message=f"expected a licence string, got {type(text).__name__}")])
    limits = current()
    if len(text) > limits.max_licence_length:
        shown = text[:80] + "..."
        warning = limit_error("max_licence_length", f"the licence string is {len(text):,} characters", source=None)
        return Reading(
            text=shown,
            expression=shown,
            alternatives=((_unknown(shown),),),
            warnings=(warning.problems[0].message,),
            unresolved=(shown,),
        )
    return _read(text, (limits.max_licence_terms, limits.max_licence_alternatives, limits.max_depth))


#: How close a part of a licence string must come to a ``stated-as`` phrase (difflib's ratio) to state it.
_STATED_CUTOFF = 0.85


@functools.cache
def _stated_phrases() -> dict[str, str]:
    """Every ``stated-as`` phrase of the restriction vocabulary (normalised), with its restriction."""
    return {normalise(phrase): key for key, spec in restrictions().items() for phrase in spec.stated_as}


def _stated(part: str) -> str | None:
    """The restriction a part of a licence string states in words ("commercial use restrictions"), if any."""
    phrases = _stated_phrases()
    key = normalise(part)
    if key in phrases:
        return phrases[key]
    close = difflib.get_close_matches(key, list(phrases), n=1, cutoff=_STATED_CUTOFF)
    return phrases[close[0]] if close else None


def _with_stated(reading: Reading, parts: list[tuple[str, str]]) -> Reading:
    """``reading`` with the restrictions stated in words as one more licence in every alternative."""
    ids = tuple(dict.fromkeys(key for _, key in parts))
    words = "; ".join(part for part, _ in parts)
    stated = Licence(
        id=f"stated: {words}",
        name=f"restrictions stated in the licence text ({words})",
        restrictions=ids,
        notes="Read from the words of the licence field, not from a licence text: other terms are unknown.",
    )
    notes = tuple(f"{part!r} states a restriction: {key} ({restrictions()[key].title.lower()})" for part, key in parts)
    return attrs.evolve(
        reading,
        alternatives=tuple((*alternative, stated) for alternative in reading.alternatives),
        notes=reading.notes + notes,
    )


def _stated_parts(text: str) -> tuple[list[tuple[str, str]], str]:
    """The ``;``-separated parts of ``text`` that state a restriction in words, and the rest of the text."""
    if ";" not in text:
        return [], text
    stated: list[tuple[str, str]] = []
    rest: list[str] = []
    for part in (p.strip() for p in text.split(";")):
        key = _stated(part) if part else None
        if key is not None:
            stated.append((part, key))
        elif part:
            rest.append(part)
    return stated, "; ".join(rest)


@functools.lru_cache(maxsize=4096)
def _read(text: str, bounds: tuple[int, int, int]) -> Reading:
    whole_key = normalise(text)
    known = table()
    spelling = known.spellings.get(whole_key)
    stated, rest = _stated_parts(text)
    if spelling is not None:
        inner = _read(spelling.expression, bounds)
        note = f"{text.strip()!r} read as {inner.expression} ({spelling.notes})" if spelling.notes else None
        reading = attrs.evolve(inner, text=text, notes=(note or f"{text.strip()!r} read as {inner.expression}",))
        return _with_stated(reading, stated) if stated else reading
    if stated and rest:
        return _with_stated(attrs.evolve(_read(rest, bounds), text=text), stated)
    # One name, possibly with spaces or operator words inside ("Component not include"), or an expression.
    whole = whole_key in known.by_name or whole_key in known.ambiguous or not _TOKEN.search(text)
    parser = _Parser(text, whole=whole, bounds=bounds)
    try:
        expression, alternatives = parser.parse()
    except LicenceError as exc:
        return Reading(
            text=text,
            expression=text.strip(),
            alternatives=((_unknown(text.strip()),),),
            warnings=(exc.problems[0].message,),
            unresolved=(text.strip(),),
        )
    unique = list(dict.fromkeys(tuple(dict.fromkeys(a)) for a in alternatives))
    return Reading(
        text=text,
        expression=expression,
        alternatives=tuple(unique),
        notes=tuple(dict.fromkeys(parser.notes)),
        warnings=tuple(dict.fromkeys(parser.warnings)),
        unresolved=tuple(dict.fromkeys(parser.unresolved)),
        exceptions=tuple(dict.fromkeys(parser.exceptions)),
    )


def lookup(text: str) -> Licence:
    """The licence a single name stands for (an SPDX id, a Hugging Face id, an alias).

    Raises :class:`openness.LicenceError` for an unknown or ambiguous name, with close matches, and
    :class:`openness.LimitError` for a name longer than ``max_licence_length``.
    """
    if not isinstance(text, str):
        raise LicenceError([Problem(message=f"expected a licence name, got {type(text).__name__}")])
    if len(text) > current().max_licence_length:
        raise limit_error("max_licence_length", f"the licence name is {len(text):,} characters", source=None)
    licence, _, warning = _resolve(text)
    if _unresolved(licence):
        raise LicenceError([Problem(message=warning or f"{text!r} is not a known licence")])
    return licence


def all_licences() -> tuple[Licence, ...]:
    """Every licence in the table (the SPDX list plus the curated entries), sorted by id."""
    return tuple(sorted(table().licences.values(), key=lambda lic: lic.id.casefold()))
