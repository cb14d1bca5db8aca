"""Hypothesis properties over the shipped rubrics and the loaders."""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import tomli_w
from hypothesis import given, note
from hypothesis import strategies as st

import openness
from openness import OpennessError, strategies

RUBRICS = [openness.load_rubric(r) for r in openness.list_rubrics()]
descriptor_dicts = strategies.descriptor_dicts()


def _points(report: openness.Report) -> dict[str, float]:
    return {r.criterion: r.points for r in report.results}


@given(descriptor_dicts)
def test_scores_are_bounded_and_every_result_explained(data: dict[str, Any]) -> None:
    """Score in [0, 1], points within [0, max], and every criterion result has a reason."""
    descriptor = openness.load_descriptor(data)
    for rubric in RUBRICS:
        report = openness.score(descriptor, rubric)
        assert 0.0 <= report.score <= 1.0
        assert 0.0 <= report.points <= report.max_points
        for result in report.results:
            assert 0.0 <= result.points <= result.max_points
            assert result.reason.strip()
        for verdict in report.verdicts:
            assert 0.0 <= verdict.progress <= 1.0
            assert verdict.met == (not verdict.missing)


@given(descriptor_dicts, st.randoms(use_true_random=False))
def test_scoring_is_deterministic_whatever_the_order(data: dict[str, Any], random: Any) -> None:
    """The same facts in any component order give the same report, byte for byte."""
    shuffled = list(data.get("components", {}).items())
    random.shuffle(shuffled)
    reordered = {**data, "components": dict(shuffled)}
    for rubric in RUBRICS:
        first = openness.score(openness.load_descriptor(data), rubric)
        second = openness.score(openness.load_descriptor(reordered), rubric)
        assert first.to_json() == second.to_json()


@given(strategies.openings())
def test_opening_up_never_lowers_a_grade_or_loses_a_verdict(opening: strategies.Opening) -> None:
    """More availability, more coverage or a more open licence never lowers a criterion or loses a verdict."""
    note(opening.change)
    for rubric in RUBRICS:
        if any(a.check == "monotone" for a in rubric.allowances):
            continue  # the rubric's own check_rubric test covers its stated exceptions
        old = openness.score(opening.before, rubric)
        new = openness.score(opening.after, rubric)
        for criterion, points in _points(old).items():
            assert _points(new)[criterion] >= points, (rubric.id, criterion)
        assert {v.id for v in old.verdicts if v.met} <= {v.id for v in new.verdicts if v.met}


extra_values = st.recursive(
    st.one_of(st.text(max_size=10), st.integers(-1000, 1000), st.booleans()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(descriptor_dicts, st.dictionaries(st.text(min_size=1, max_size=8), extra_values, max_size=3))
def test_descriptor_toml_round_trip_is_identity(data: dict[str, Any], extra: dict[str, Any]) -> None:
    """Loading what to_toml / to_json / to_dict write gives an equal descriptor, extra tables included."""
    descriptor = openness.load_descriptor({**data, "extra": extra})
    assert openness.load_descriptor(descriptor.to_toml()) == descriptor
    assert openness.load_descriptor(json.loads(descriptor.to_json())) == descriptor
    assert openness.load_descriptor(descriptor.to_dict()) == descriptor


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
toml_values = st.recursive(
    st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _loads_or_refuses(loader: Any, value: Any) -> None:
    with contextlib.suppress(OpennessError):
        loader(value)


@given(st.dictionaries(st.text(max_size=10), json_values, max_size=6))
def test_any_mapping_loads_or_raises_openness_error(data: dict[str, Any]) -> None:
    """Any mapping gives a descriptor or rubric, or an OpennessError: nothing else escapes."""
    _loads_or_refuses(openness.load_descriptor, data)
    _loads_or_refuses(openness.load_rubric, data)


@given(st.dictionaries(st.text(max_size=10), toml_values, max_size=6))
def test_any_toml_document_loads_or_raises_openness_error(data: dict[str, Any]) -> None:
    """Any TOML document, as text, gives a descriptor or an OpennessError."""
    _loads_or_refuses(openness.load_descriptor, tomli_w.dumps(data) + "\n")


@given(st.text(max_size=200))
def test_any_text_loads_or_raises_openness_error(text: str) -> None:
    """Arbitrary text (malformed TOML included) gives a descriptor or an OpennessError."""
    _loads_or_refuses(openness.load_descriptor, text + "\n")


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


VALID_RUBRICS = [r.to_dict() for r in RUBRICS]
RUBRIC_PATHS = [(i, p) for i, r in enumerate(VALID_RUBRICS) for p in _paths(r) if p]


@given(st.sampled_from(RUBRIC_PATHS), json_values)
def test_mutated_rubrics_load_or_raise_openness_error(where: tuple[int, tuple[Any, ...]], value: Any) -> None:
    """A shipped rubric with any one value replaced by anything loads or raises an OpennessError."""
    index, path = where
    data = copy.deepcopy(VALID_RUBRICS[index])
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    _loads_or_refuses(openness.load_rubric, data)
