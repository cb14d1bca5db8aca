"""openness.testing: every shipped rubric passes; broken rubrics are caught with a shrunk counterexample."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

import openness
from openness.testing import (
    CHECKS,
    assert_rubric_ok,
    check_explained,
    check_monotone,
    check_reachable,
    check_rubric,
    check_verdict_chains,
    check_weights,
)

BASE: dict[str, Any] = {
    "format": 1,
    "id": "broken",
    "title": "Broken",
    "version": "1",
    "source": "https://example.org/broken",
    "scale": {"open": 1.0, "partial": 0.5, "closed": 0.0},
    "criteria": [
        {
            "id": "weights",
            "title": "Weights",
            "levels": [
                {"grade": "open", "when": {"component": "weights", "access": "public", "licence": "osd-conformant"}},
                {"grade": "partial", "when": {"component": "weights", "access": ["public", "gated"]}},
            ],
        }
    ],
    "verdicts": [{"id": "open-weights", "title": "Open weights", "requires": {"criteria": "weights", "grade": "open"}}],
}
#: Rewards a closed licence over an open one: "open" asks for weights NOT under an OSD-conformant licence.
CLOSED_OVER_OPEN = {
    "all": [
        {"component": "weights", "access": "public"},
        {"not": {"component": "weights", "licence": "osd-conformant"}},
    ]
}


def _broken() -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["criteria"][0]["levels"][0]["when"] = CLOSED_OVER_OPEN
    return data


@pytest.mark.parametrize("rubric_id", openness.list_rubrics())
def test_every_shipped_rubric_passes_check_rubric(rubric_id: str) -> None:
    """Each built-in rubric keeps every invariant (or states its exceptions as allowances)."""
    checked = assert_rubric_ok(rubric_id)
    assert [r.check for r in checked.results] == list(CHECKS)
    reachable = checked.result("reachable")
    rubric = openness.load_rubric(rubric_id)
    for verdict in rubric.verdicts:
        if f"verdict {verdict.id}" in reachable.examples:
            assert openness.score(reachable.examples[f"verdict {verdict.id}"], rubric).verdict(verdict.id).met


def test_a_level_rewarding_a_closed_licence_is_caught_with_a_shrunk_counterexample() -> None:
    """The monotone check finds the move to a more open licence that lowers the grade, shrunk to one component."""
    result = check_monotone(_broken())
    assert not result.ok
    assert result.message.startswith("after components.weights.licence: ")
    assert "criterion 'weights' fell from open to partial" in result.message
    example = result.counterexample
    assert example is not None
    assert example.changed is not None
    assert list(example.descriptor.components) == ["weights"]
    before, after = example.descriptor.components["weights"], example.changed.components["weights"]
    assert (before.access, after.access) == ("public", "public")
    assert not openness.licences.read(str(before.licence)).check(("osd-conformant",))
    assert openness.licences.read(str(after.licence)).check(("osd-conformant",))
    assert "verdict 'open-weights' was lost" in example.explanation


def test_raise_for_failures_shows_the_counterexample() -> None:
    """assert_rubric_ok raises AssertionError whose text holds the failing check and the descriptor TOML."""
    with pytest.raises(AssertionError) as caught:
        assert_rubric_ok(_broken(), checks=["monotone"])
    text = str(caught.value)
    assert "FAILED monotone" in text
    assert "[components.weights]" in text
    assert 'access = "public"' in text


def test_an_allowance_turns_the_finding_into_an_allowed_one() -> None:
    """A stated allowance with its reason excuses the criterion and the verdict lost with it."""
    data = _broken()
    data["allowances"] = [{"check": "monotone", "criterion": "weights", "reason": "intended for this test"}]
    result = check_monotone(data)
    assert result.ok, str(result)
    assert "criterion 'weights' fell from open to partial (intended for this test)" in result.allowed
    assert "verdict 'open-weights' was lost (intended for this test)" in result.allowed


@pytest.mark.parametrize(
    ("allowance", "message"),
    [
        ({"check": "monotonic", "reason": "x"}, "unknown check 'monotonic' (did you mean 'monotone'?)"),
        ({"check": "monotone", "reason": " "}, "an allowance needs a reason"),
        ({"check": "monotone", "reason": "x", "criterion": "weight"}, "unknown criterion 'weight'"),
        ({"check": "reachable", "reason": "x", "grade": "opn"}, "unknown grade 'opn' (did you mean 'open'?)"),
    ],
)
def test_bad_allowances_are_rubric_errors(allowance: dict[str, Any], message: str) -> None:
    """Allowances are checked like the rest of the rubric, with their key path."""
    data = {**copy.deepcopy(BASE), "allowances": [allowance]}
    with pytest.raises(openness.RubricError) as caught:
        openness.load_rubric(data)
    assert any(p.message.startswith(message) and p.path[:2] == ("allowances", 0) for p in caught.value.problems)


def test_an_unreachable_grade_is_reported() -> None:
    """A level whose condition can never hold is reported by the reachable check, by name."""
    data = copy.deepcopy(BASE)
    data["criteria"][0]["levels"][0]["when"] = {
        "all": [{"component": "weights", "access": "public"}, {"component": "weights", "access": "gated"}]
    }
    result = check_reachable(data, max_examples=30)
    assert not result.ok
    assert "weights=open" in result.message
    assert "verdict open-weights" in result.message
    assert set(result.examples) == {"weights=partial", "weights=closed"}


def test_reachable_examples_are_minimal() -> None:
    """The example for 'partial' is one component with one fact."""
    result = check_reachable(BASE)
    example = result.examples["weights=partial"].to_dict()
    assert example["components"] == {"weights": {"access": "public"}} or example["components"] == {
        "weights": {"access": "gated"}
    }
    assert "components" not in result.examples["weights=closed"].to_dict()


def test_a_verdict_that_adds_nothing_to_its_parent_is_reported() -> None:
    """A verdict building on another with the same requirements does not nest strictly."""
    data = copy.deepcopy(BASE)
    data["verdicts"].append(
        {
            "id": "same",
            "title": "Same",
            "builds-on": "open-weights",
            "requires": {"criteria": "weights", "grade": "partial"},
        }
    )
    result = check_verdict_chains(data)
    assert not result.ok
    assert result.message == "verdict 'same' builds on 'open-weights' but asks for nothing more"


def test_a_criterion_that_reads_nothing_is_not_explained() -> None:
    """A criterion without conditions shows no evidence; the explained check says so."""
    data = copy.deepcopy(BASE)
    data["criteria"].append({"id": "free", "title": "Free points", "levels": [{"grade": "open"}]})
    result = check_explained(data, max_examples=10)
    assert not result.ok
    assert result.message == "criterion 'free' shows no evidence (does it read any fact?)"


def test_weights_check_passes_on_a_valid_rubric() -> None:
    """The static weights check states what it checked."""
    assert check_weights(BASE).message == "1 weight, 3 grades, at most 1 point"


def test_results_are_reproducible_and_serialisable() -> None:
    """Two runs give the same counterexample; to_json holds the shrunk descriptors."""
    first = check_rubric(_broken(), checks=["monotone"])
    second = check_rubric(_broken(), checks=["monotone"])
    assert first.to_json() == second.to_json()
    data = json.loads(first.to_json())
    assert data["ok"] is False
    assert data["results"][0]["counterexample"]["changed"]["components"]["weights"]["access"] == "public"


def test_unknown_check_names_are_refused() -> None:
    """check_rubric names the checks it knows when given another."""
    with pytest.raises(
        ValueError,
        match="unknown check 'monotonic' \\(did you mean 'monotone'\\?\\); expected one of weights, verdict-chains",
    ):
        check_rubric(BASE, checks=["monotonic"])
