"""Unknown is not closed, and the range it leaves is honest: thinning real descriptors and stating them again."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import openness
from openness import strategies
from openness.importers import hf
from openness.testing import _bounds_problem, check_sound

RUBRICS = [openness.load_rubric(r) for r in openness.list_rubrics()]


@pytest.mark.parametrize("model_id", openness.catalogue.ids())
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_every_catalogue_descriptor_thinned_bounds_its_completions(model_id: str, data: st.DataObject) -> None:
    """Take facts out of a catalogue model and state them again: every rubric's grades, score and settled
    verdicts stay within what the thinned report said."""
    descriptor = openness.catalogue.load(model_id)
    for rubric in RUBRICS:
        thinning = data.draw(strategies.thinnings(rubric, of=descriptor, completions=2), label=rubric.id)
        thinned = openness.score(thinning.thinned, rubric)
        for completion in thinning.completions:
            assert _bounds_problem(rubric, thinned, openness.score(completion, rubric)) is None


def test_the_bounds_check_catches_a_grade_outside_the_range() -> None:
    """Read the wrong way round (a completion scored as if it were the thinned report), the law fails."""
    rubric = openness.load_rubric("osaid-1.0")
    full = openness.score(openness.catalogue.load("olmo-7b"), rubric)
    empty = openness.score({"format": 1, "model": {"id": "m", "name": "M"}}, rubric)
    assert _bounds_problem(rubric, empty, full) is None
    problem = _bounds_problem(rubric, full, empty)
    assert problem is not None
    assert "outside open .. open" in problem


@pytest.mark.parametrize("rubric", openness.list_rubrics())
def test_every_shipped_rubric_is_sound(rubric: str) -> None:
    """check_sound holds for every shipped rubric (check_rubric runs it too)."""
    result = check_sound(rubric, max_examples=60)
    assert result.ok, result


def test_a_bare_olmo_card_is_undetermined_not_failed() -> None:
    """OLMo-7B's Hub card states a licence and a dataset, not how the weights are released: undetermined."""
    from pathlib import Path

    card = Path(__file__).parent.parent / "data" / "model-cards" / "olmo-7b" / "README.md"
    report = openness.score(hf.read(card), "osaid-1.0")
    verdict = report.verdict("open-source-ai")
    assert (verdict.status, verdict.met) == ("undetermined", False)
    assert "components.weights.access" in verdict.unknown
    weights = report.result("parameters")
    assert (weights.grade, weights.best_grade, weights.determined) == ("closed", "open", False)
    assert report.score < report.best_score
    assert "not met" not in report.to_text()
