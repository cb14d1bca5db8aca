"""Reports written fast are written right: remembered texts, indented JSON and dicts against plain oracles."""

from __future__ import annotations

import json
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import openness
from openness import strategies
from openness._model.json_text import json_text
from openness._scoring.engine import _compile, compile_rubric

RUBRICS = [openness.load_rubric(r) for r in openness.list_rubrics()]

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(value=_JSON, indent=st.none() | st.integers(0, 4))
def test_json_text_is_json_dumps(value: Any, indent: int | None) -> None:
    """json_text writes exactly what json.dumps(ensure_ascii=False) writes, NaN and infinities included."""
    assert json_text(value, indent=indent) == json.dumps(value, indent=indent, ensure_ascii=False)


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted(v) for key, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_sorted(v) for v in value]
    return value


@settings(max_examples=40, deadline=None)
@given(batch=st.lists(strategies.descriptor_dicts(), min_size=1, max_size=6), rubric=st.sampled_from(RUBRICS))
def test_remembered_texts_equal_texts_written_afresh(batch: list[dict[str, Any]], rubric: Any) -> None:
    """One evaluator scoring many models (texts remembered across them) writes what a fresh one writes.

    The key a criterion's texts are remembered by must hold every fact they are written from: a
    fact left out would let one model's reasons or evidence stand in another's report.
    """
    shared = compile_rubric(rubric)
    descriptors = [openness.load_descriptor(data) for data in batch]
    for descriptor in descriptors:  # warm: every text of the batch remembered
        _ = shared(descriptor).results
    for descriptor in descriptors:
        remembered, fresh = shared(descriptor), _compile(rubric)(descriptor)
        assert remembered == fresh
        assert remembered.to_json() == fresh.to_json()


@settings(max_examples=40, deadline=None)
@given(data=strategies.descriptor_dicts(), rubric=st.sampled_from(RUBRICS), indent=st.none() | st.integers(0, 3))
def test_a_reports_json_is_json_dumps_of_its_dict(data: dict[str, Any], rubric: Any, indent: int | None) -> None:
    """to_json is json.dumps(to_dict()); to_dict holds every field of every result, keys sorted as attrs has them."""
    report = openness.score(data, rubric)
    document = report.to_dict()
    assert report.to_json(indent=indent) == json.dumps(document, indent=indent, ensure_ascii=False)
    assert document["results"] == [_sorted(attrs.asdict(result)) for result in report.results]
    assert document["verdicts"] == [_sorted(attrs.asdict(verdict)) for verdict in report.verdicts]
    assert list(document)[:4] == ["format", "openness", "rubric", "model"]
