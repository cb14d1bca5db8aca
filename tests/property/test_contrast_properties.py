"""Contrast laws over drawn descriptors and the shipped rubrics: each disagreement explained by facts read."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import openness
from openness import strategies
from openness._lang.checks import Facts
from openness._model.rubric import Rubric
from openness._scoring.contrast import _needs, fact_paths, order, status_of

RUBRICS = [openness.load_rubric(r) for r in openness.list_rubrics()]
#: A descriptor of any shape, or one aimed at one shipped rubric's levels and verdicts.
DESCRIPTORS = st.one_of(strategies.descriptor_dicts(), *(strategies.descriptor_dicts(r) for r in RUBRICS))


def _read(rubric: Rubric) -> set[str]:
    """Every fact path some condition of the rubric reads (levels, applies-when, unless)."""
    conditions = [level.when for c in rubric.criteria for level in c.levels if level.when is not None]
    conditions += [c.applies_when for c in rubric.criteria if c.applies_when is not None]
    conditions += [r.unless for v in rubric.verdicts for r in v.requires if r.unless is not None]
    return {path for condition in conditions for path in fact_paths(condition)}


@given(data=DESCRIPTORS)
def test_every_disagreement_names_what_decides_it(data: dict[str, Any]) -> None:
    """Each pair whose headlines differ is a disagreement with a requirement not met and a deciding fact or score;
    every fact it names is one a condition of one of the two rubrics reads."""
    found = openness.contrast(data, RUBRICS)
    by_label = {s.label: s for s in found.standings}
    rubric_of = dict(zip(by_label, RUBRICS, strict=True))
    differing = {
        frozenset((a.label, b.label))
        for i, a in enumerate(found.standings)
        for b in found.standings[i + 1 :]
        if order(a, b) is not None
    }
    assert {frozenset((d.leading, d.trailing)) for d in found.disagreements} == differing
    for disagreement in found.disagreements:
        assert disagreement.shortfalls
        assert all(s.holds is not True for s in disagreement.shortfalls)
        assert disagreement.facts or any(s.criterion is None for s in disagreement.shortfalls)
        read = _read(rubric_of[disagreement.leading]) | _read(rubric_of[disagreement.trailing])
        named = {f.fact for f in disagreement.facts} | {p for s in disagreement.shortfalls for p in s.facts}
        assert named <= read
        for fact in disagreement.facts:
            assert fact.trailing
            assert all(t.answer is not True for t in fact.trailing)
            assert (fact.kind == "one-sided") == (not fact.leading)


@given(data=DESCRIPTORS)
def test_requirements_decide_each_verdict_as_the_engine_does(data: dict[str, Any]) -> None:
    """The requirements a contrast reads give every verdict of every shipped rubric the engine's own status."""
    descriptor = openness.load_descriptor(data)
    facts = Facts(descriptor)
    for rubric in RUBRICS:
        report = openness.score(descriptor, rubric)
        for verdict in report.verdicts:
            assert status_of(_needs(rubric, verdict.id, facts)) == verdict.status


@given(data=DESCRIPTORS, rubric=st.sampled_from(RUBRICS))
def test_a_rubric_contrasted_with_itself_names_no_difference(data: dict[str, Any], rubric: Rubric) -> None:
    """A rubric against itself agrees (when it has verdicts) and names no deciding fact."""
    found = openness.contrast(data, [rubric, rubric])
    assert found.disagreements == ()
    assert len(found.agreements) == (1 if rubric.verdicts else 0)


@given(data=DESCRIPTORS)
def test_contrast_is_deterministic(data: dict[str, Any]) -> None:
    """The same inputs give the same contrast, in every view, whatever the descriptor's key order."""
    first = openness.contrast(data, RUBRICS)
    shuffled = {**data, "components": dict(reversed(list(data.get("components", {}).items())))}
    second = openness.contrast(shuffled, RUBRICS)
    assert first.to_json() == second.to_json()
    assert first.to_text() == second.to_text()
    assert first.to_html() == second.to_html()
