"""The one-pass YAML reader gives exactly what PyYAML's safe loaders give, or refuses with an OpennessError."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from openness import OpennessError
from openness.importers import _common
from openness.importers._common import load_yaml_text

yaml = pytest.importorskip("yaml")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 1, 1)),
)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=12,
)


@st.composite
def shared(draw: st.DrawFn) -> Any:
    """Data where one value appears in several places: PyYAML dumps it with an anchor and aliases."""
    part = draw(st.one_of(st.lists(scalars, min_size=1, max_size=3), st.dictionaries(st.text(max_size=4), scalars)))
    return {"a": part, "b": [part, draw(data)], "c": part}


SNIPPETS = st.sampled_from(
    [
        "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n",
        "- &s hello\n- *s\n- !!str 12\n- !!int '7'\n- !!binary aGk=\n",
        "a: &x 1\nb: &x 2\n",
        "a: *missing\n",
        "a: 1\n---\nb: 2\n",
        "--- \n...\n",
        "!foo 1",
        "? [1, 2]\n: 3\n",
        "x: !!set {a, b}\ny: !!omap [{a: 1}]\n",
        "when: 2024-05-01 10:00:00\nyes: yes\nno: ~\noct: 0o17\nhex: 0x1f\n",
        "a: [1, 2\n",
        "key: 'unterminated\n",
        "",
        "# only a comment\n",
        "- - - deep\n",
    ]
)


def _theirs(text: str) -> tuple[str, str]:
    try:
        return ("value", repr(yaml.load(text, Loader=LOADER)))
    except (yaml.YAMLError, ValueError, OverflowError, TypeError) as exc:
        return ("error", type(exc).__name__)


def _read(text: str) -> tuple[str, str]:
    try:
        return ("value", repr(load_yaml_text(text, source="t.yml")))
    except OpennessError as exc:
        return ("error", str(exc))


def _ours(text: str) -> tuple[str, str]:
    """The checking composer's reading; only an OpennessError may come out: anything else fails the test.

    The reader as installed takes PyYAML's C loader for alias-free text when libyaml limits nesting
    itself (PyYAML 6.0.4); that route must agree with the composer's, value for value.
    """
    with mock.patch.object(_common, "_c_parser_limits_nesting", return_value=False):
        composed = _read(text)
    installed = _read(text)
    assert installed[0] == composed[0]
    if composed[0] == "value":
        assert installed == composed
    return composed


@given(st.one_of(data.map(yaml.safe_dump), shared().map(yaml.safe_dump), SNIPPETS))
@example("a: &r\n  b: *r\n")
def test_reads_what_pyyaml_reads(text: str) -> None:
    """Same data as PyYAML's safe loader for every text it reads, except what is refused on purpose.

    PyYAML builds a recursive structure from an alias inside its own anchor; openness refuses it.
    Where PyYAML raises an error, so does openness.
    """
    ours, theirs = _ours(text), _theirs(text)
    if theirs[0] == "value" and not (ours[0] == "error" and "(a cycle)" in ours[1]):
        assert ours == theirs
    else:
        assert ours[0] == "error"


@given(
    st.one_of(data.map(yaml.safe_dump), SNIPPETS),
    st.integers(0, 200),
    st.sampled_from(["[", "{", "&a ", "*a", "-", ":", "\n  "]),
)
def test_damaged_text_reads_alike_or_fails_cleanly(text: str, at: int, inserted: str) -> None:
    """Text with a piece of YAML syntax dropped in reads as PyYAML reads it, or fails with an OpennessError."""
    damaged = text[:at] + inserted + text[at:]
    ours = _ours(damaged)
    if ours[0] == "value":
        assert ours == _theirs(damaged)
