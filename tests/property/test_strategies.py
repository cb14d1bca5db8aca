"""The public Hypothesis strategies: valid values, rubric-aimed draws, the 'more open' licence order."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import openness
from openness import strategies
from openness._lang.licence_order import CHAINS, at_least_as_open, profile
from openness._model.conditions import ComponentCheck, checks
from openness.licences import read
from openness.testing import check_monotone


@pytest.mark.parametrize("chain", CHAINS, ids=lambda chain: chain[0])
def test_each_chain_climbs_the_openness_order(chain: tuple[str, ...]) -> None:
    """Along a chain each licence is at least as open as the one before, and strictly more open."""
    for before, after in itertools.pairwise(chain):
        assert at_least_as_open(before, after), (before, after)
        assert not at_least_as_open(after, before), (after, before)


def test_the_order_relates_real_licences_and_leaves_kinds_apart() -> None:
    """Llama 3.1 < Apache-2.0; CC-BY-NC < CC-BY; a data licence and a code licence are not comparable."""
    assert at_least_as_open("LicenseRef-Llama-3.1", "Apache-2.0")
    assert not at_least_as_open("Apache-2.0", "LicenseRef-Llama-3.1")
    assert at_least_as_open("CC-BY-NC-4.0", "CC-BY-4.0")
    assert not at_least_as_open("CC-BY-SA-4.0", "Apache-2.0")
    assert not at_least_as_open("Apache-2.0", "CC-BY-SA-4.0")
    assert profile(None) == profile("Frobnicate-9")


@given(strategies.licence_ids())
def test_licence_ids_are_known(licence: str) -> None:
    """Every drawn licence id reads without a warning."""
    assert read(licence).known


@given(strategies.licence_expressions())
def test_licence_expressions_parse(expression: str) -> None:
    """Every drawn expression parses into known licences (no warning)."""
    reading = read(expression)
    assert reading.known, reading.warnings


@given(st.from_type(openness.Descriptor))
def test_from_type_gives_valid_descriptors(descriptor: openness.Descriptor) -> None:
    """st.from_type(Descriptor) is registered and its descriptors round-trip through to_dict."""
    assert isinstance(descriptor, openness.Descriptor)
    assert openness.load_descriptor(descriptor.to_dict()) == descriptor


@given(st.from_type(openness.Component))
def test_from_type_gives_components(component: openness.Component) -> None:
    """st.from_type(Component) is registered."""
    assert isinstance(component, openness.Component)


@given(strategies.descriptor_dicts("osaid-1.0"))
def test_rubric_aimed_descriptors_read_only_what_the_rubric_reads(data: dict[str, Any]) -> None:
    """A rubric-aimed descriptor names only components the rubric reads, with pool licences."""
    rubric = openness.load_rubric("osaid-1.0")
    read_by_rubric = {key for criterion in rubric.criteria for key in criterion.components()}
    assert set(data.get("components", {})) <= read_by_rubric
    licences = {t["licence"] for t in data.get("components", {}).values() if "licence" in t}
    assert licences <= set(strategies.LICENCE_POOL)


@given(strategies.openings("openness-default"))
def test_openings_really_open_up(opening: strategies.Opening) -> None:
    """The 'after' descriptor differs from 'before' in exactly the one detail the change names."""
    path, _ = opening.change.split(": ", 1)
    _, key, detail = path.split(".")
    after = opening.after.components[key]
    before = opening.before.components.get(key)
    assert getattr(after, detail) != (getattr(before, detail) if before else None)
    others = {k: v for k, v in opening.after.components.items() if k != key}
    assert others == {k: v for k, v in opening.before.components.items() if k != key}


@given(strategies.rubrics())
def test_generated_rubrics_are_valid_and_round_trip(rubric: openness.Rubric) -> None:
    """Generated rubrics load, and to_dict gives them back."""
    assert openness.load_rubric(rubric.to_dict()) == rubric


@settings(max_examples=5, suppress_health_check=[HealthCheck.nested_given, HealthCheck.too_slow])
@given(strategies.rubrics(monotone=True, max_criteria=2, max_verdicts=1))
def test_monotone_rubrics_pass_the_monotone_check(rubric: openness.Rubric) -> None:
    """Rubrics built only from upward-closed checks pass check_monotone (the check has no false alarm)."""
    result = check_monotone(rubric, max_examples=20)
    assert result.ok, str(result)


@pytest.mark.parametrize(("rubric_id", "verdict_id"), [("osaid-1.0", "open-source-ai"), ("mof-1.0", "class-1")])
def test_meeting_aims_at_a_verdict_and_finds_it_quickly(rubric_id: str, verdict_id: str) -> None:
    """Draws aimed at a demanding verdict meet it within a few examples (random draws rarely do)."""
    from hypothesis import find

    rubric = openness.load_rubric(rubric_id)
    met = find(
        strategies.meeting(rubric, verdict_id).map(openness.load_descriptor),
        lambda descriptor: openness.score(descriptor, rubric).verdict(verdict_id).met,
        settings=settings(max_examples=20, database=None, derandomize=True),
    )
    assert openness.score(met, rubric).verdict(verdict_id).met


def test_meeting_a_verdict_the_rubric_lacks_draws_nothing() -> None:
    """An unknown verdict id gives the empty strategy, not an error mid-search."""
    assert strategies.meeting(openness.load_rubric("osaid-1.0"), "nope").is_empty


def test_rubric_conditions_draw_effective_and_declared_terms() -> None:
    """Generated rubrics test licences as effective terms (the default, or said) and as declared terms."""
    seen: set[str] = set()

    @settings(max_examples=50, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(strategies.rubrics())
    def collect(rubric: openness.Rubric) -> None:
        for criterion in rubric.criteria:
            for level in criterion.levels:
                leaves = checks(level.when) if level.when is not None else []
                seen.update(leaf.terms for leaf in leaves if isinstance(leaf, ComponentCheck) and leaf.terms)

    collect()
    assert seen == {"effective", "declared"}


def test_thinning_takes_out_which_base_and_leaves_the_effective_licence_unknown() -> None:
    """A thinned base is an unresolved name: licence checks it could change are unknown, never closed or open."""
    from hypothesis import find

    fine_tune = {
        "format": 1,
        "model": {**strategies.EXAMPLE_MODEL, "base-model": "olmo-7b"},
        "components": {"weights": {"access": "public", "licence": "Apache-2.0"}},
    }

    def base_left_open(thinning: strategies.Thinning) -> bool:
        return thinning.removed == ("model.base-model",)

    found = find(strategies.thinnings("osaid-1.0", of=fine_tune), base_left_open, settings=_FIND)
    assert found.thinned.model.base_model == strategies.UNKNOWN_BASE
    parameters = openness.score(found.thinned, "osaid-1.0").result("parameters")
    assert parameters.unknown == ("model.base-model",)
    assert (parameters.grade, parameters.best_grade) == ("partial", "open")
    assert all(c.model.base_model in strategies.BASE_POOL for c in found.completions)


_FIND = settings(max_examples=500, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
