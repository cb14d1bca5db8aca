"""Hypothesis properties of licence reading and expression semantics."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from openness._reading.vocabulary import restrictions
from openness.licences import CLASSES, read
from openness.licences._spdx_data import LICENSES
from openness.licences._table import table

SPDX_IDS = sorted(k for k, v in LICENSES.items() if not v[3])
CANONICAL = sorted(k for k, v in table().licences.items() if not v.replaced_by)
POOL = [
    "Apache-2.0",
    "MIT",
    "GPL-3.0-only",
    "CC-BY-NC-4.0",
    "CC-BY-SA-4.0",
    "llama3.1",
    "gemma",
    "LicenseRef-Proprietary",
    "NOASSERTION",
    "bsd",
    "Frobnicate-9",
    "MIT OR llama3.1",
    "Apache-2.0 AND CC-BY-NC-4.0",
]
ATOMS = st.sampled_from(POOL)
CLASS_SETS = st.lists(st.sampled_from(list(CLASSES)), max_size=2).map(tuple)
WITHOUT = st.lists(st.sampled_from(list(restrictions())), max_size=2).map(tuple)


def _or(a: bool | None, b: bool | None) -> bool | None:
    if True in (a, b):
        return True
    return None if None in (a, b) else False


@given(st.sampled_from(CANONICAL))
def test_reading_is_idempotent_on_canonical_ids(key: str) -> None:
    """A canonical id reads as itself, with no note, and reading the result again changes nothing."""
    reading = read(key)
    assert reading.expression == key
    assert reading.notes == ()
    assert read(reading.expression).expression == reading.expression


@given(ATOMS, ATOMS, CLASS_SETS, WITHOUT)
def test_or_is_commutative_and_picks_the_more_open_side(
    a: str, b: str, classes: tuple[str, ...], without: tuple[str, ...]
) -> None:
    """A OR B equals B OR A, and holds when either side holds (the licensee's choice)."""
    left, right = read(f"({a}) OR ({b})"), read(f"({b}) OR ({a})")
    assert left.check(classes, without) == right.check(classes, without)
    assert set(left.restrictions()) == set(right.restrictions())
    expected = _or(read(a).check(classes, without), read(b).check(classes, without))
    assert left.check(classes, without) == expected


@given(ATOMS, ATOMS)
def test_and_never_yields_fewer_restrictions(a: str, b: str) -> None:
    """Every restriction either side imposes is imposed by A AND B."""
    both = set(read(f"({a}) AND ({b})").restrictions())
    assert set(read(a).restrictions()) <= both
    assert set(read(b).restrictions()) <= both


@given(st.sampled_from(SPDX_IDS), st.data())
def test_case_and_white_space_never_change_an_spdx_reading(key: str, data: st.DataObject) -> None:
    """Changing the case of an SPDX id or padding it with white space reads the same licence."""
    flips = data.draw(st.lists(st.booleans(), min_size=len(key), max_size=len(key)))
    varied = "".join(c.swapcase() if f else c for c, f in zip(key, flips, strict=True))
    pad = data.draw(st.sampled_from(["", " ", "\t", "  \n"]))
    assert read(pad + varied + pad).expression == read(key).expression
    assert read(pad + varied + pad).alternatives == read(key).alternatives
