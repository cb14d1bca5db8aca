"""The "more open" order on licence strings, used by the monotonicity check and its strategies.

Licence ``b`` is *at least as open as* licence ``a`` when every openness question a rubric can ask
about a licence gets an answer for ``b`` at least as favourable as for ``a``, with
no < unknown < yes. The questions are the licence classes (except ``copyleft``: asking for
copyleft asks for a kind of licence, not for more openness) and, for each restriction in the
vocabulary except ``share-alike`` (a kind again), "the licence imposes none of it". The answers
come from the licence knowledge (:func:`openness.licences.read`), so the order follows the data,
never a list of names.

It is a partial order: ``CC-BY-SA-4.0`` (an open data licence with share-alike) and
``Apache-2.0`` (permissive, not a data licence) are not comparable. :data:`CHAINS` are chains of
it, from proprietary terms over restricted custom licences and copyleft to permissive terms.
"""

from __future__ import annotations

import functools

from openness._reading.vocabulary import restrictions
from openness.licences import CLASSES, read

__all__ = ["CHAINS", "OPENNESS_CLASSES", "OPENNESS_RESTRICTIONS_EXCLUDED", "at_least_as_open", "profile"]

#: Licence classes that mark openness (``copyleft`` is a kind, not a degree).
OPENNESS_CLASSES: tuple[str, ...] = tuple(name for name in CLASSES if name != "copyleft")

#: Restrictions whose absence marks openness (``share-alike`` is a kind, like ``copyleft``).
OPENNESS_RESTRICTIONS_EXCLUDED: tuple[str, ...] = ("share-alike",)

#: Chains of the order, least open first (a test checks each step).
CHAINS: tuple[tuple[str, ...], ...] = (
    ("LicenseRef-Proprietary", "LicenseRef-Llama-3.1", "GPL-3.0-only", "Apache-2.0"),
    ("NONE", "CC-BY-NC-4.0", "CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0"),
)

_RANK = {False: 0, None: 1, True: 2}


@functools.lru_cache(maxsize=4096)
def profile(licence: str | None) -> tuple[int, ...]:
    """The answer to every openness question about ``licence`` (0 no, 1 unknown, 2 yes).

    ``None`` (no licence stated) answers every question with unknown.
    """
    absent = [name for name in restrictions() if name not in OPENNESS_RESTRICTIONS_EXCLUDED]
    questions = len(OPENNESS_CLASSES) + len(absent)
    if licence is None:
        return (_RANK[None],) * questions
    reading = read(licence)
    answers = [reading.check((name,)) for name in OPENNESS_CLASSES]
    answers += [reading.check((), (name,)) for name in absent]
    return tuple(_RANK[a] for a in answers)


def at_least_as_open(before: str | None, after: str | None) -> bool:
    """Whether licence ``after`` is at least as open as ``before`` (see the module docstring)."""
    return all(a <= b for a, b in zip(profile(before), profile(after), strict=True))
