"""Rubric-language features the anchors need: licence lists, applicability, skipped and gated requirements."""

from __future__ import annotations

from typing import Any

import pytest

import openness


def _rubric(**changes: Any) -> dict[str, Any]:
    rubric: dict[str, Any] = {
        "format": 1,
        "id": "test",
        "title": "Test",
        "version": "1",
        "source": "tests",
        "scale": {"yes": 1, "no": 0},
        "licence-lists": {
            "exact": {"match": "exact", "ids": ["Apache-2.0", "MIT"]},
            "read": {"match": "reading", "ids": ["Apache-2.0", "MIT"]},
        },
        "criteria": [
            {
                "id": "exact",
                "title": "Weights on the exact list",
                "levels": [{"grade": "yes", "when": {"component": "weights", "licence-in": "exact"}}, {"grade": "no"}],
            },
            {
                "id": "read",
                "title": "Weights on the read list",
                "levels": [{"grade": "yes", "when": {"component": "weights", "licence-in": "read"}}, {"grade": "no"}],
            },
        ],
    }
    rubric.update(changes)
    return rubric


def _model(**components: dict[str, Any]) -> dict[str, Any]:
    return {"format": 1, "model": {"id": "m", "name": "M"}, "components": components}


@pytest.mark.parametrize(
    ("licence", "exact", "read"),
    [
        ("Apache-2.0", "yes", "yes"),
        ("Apache 2.0", "no", "yes"),
        ("apache-2.0", "no", "yes"),
        ("MIT OR GPL-3.0-only", "no", "yes"),
        ("MIT AND GPL-3.0-only", "no", "no"),
        (" Apache-2.0", "no", "yes"),
        ("LicenseRef-Llama-3.1", "no", "no"),
    ],
)
def test_licence_lists_match_exactly_or_by_reading(licence: str, exact: str, read: str) -> None:
    """An exact list compares the string as written; a reading list compares the licences it reads as."""
    report = openness.score(_model(weights={"access": "public", "licence": licence}), _rubric())
    assert (report.result("exact").grade, report.result("read").grade) == (exact, read)


def test_unknown_licence_list_is_reported_with_a_suggestion() -> None:
    """A condition naming a list the rubric does not define is an error at load, with its key path."""
    rubric = _rubric()
    rubric["criteria"][0]["levels"][0]["when"]["licence-in"] = "exacts"
    with pytest.raises(openness.RubricError) as info:
        openness.load_rubric(rubric)
    assert info.value.lines() == [
        "<mapping>: criteria[0].levels[0].when: unknown licence list 'exacts' (did you mean 'exact'?)"
    ]


def test_applies_when_drops_a_criterion_from_points_and_verdicts() -> None:
    """A criterion that does not apply is shown as not-applicable, worth nothing, and skipped by verdicts."""
    rubric = _rubric(verdicts=[{"id": "v", "title": "V", "requires": {"criteria": ["exact", "read"], "grade": "yes"}}])
    rubric["criteria"][0]["applies-when"] = {"modality": "image"}
    descriptor = _model(weights={"access": "public", "licence": "Apache 2.0"})
    descriptor["model"]["modalities"] = ["text"]
    report = openness.score(descriptor, rubric)
    result = report.result("exact")
    assert (result.applies, result.grade, result.points, result.max_points) == (False, "not-applicable", 0, 0)
    assert report.max_points == 1
    assert report.score == 1
    assert report.verdict("v").met
    descriptor["model"]["modalities"] = ["image", "text"]
    report = openness.score(descriptor, rubric)
    assert report.result("exact").applies
    assert not report.verdict("v").met


def test_applies_when_unknown_modality_keeps_the_criterion() -> None:
    """When the descriptor states no modality, the criterion still applies (nothing is assumed away)."""
    rubric = _rubric()
    rubric["criteria"][0]["applies-when"] = {"modality": "image"}
    report = openness.score(_model(weights={"access": "public", "licence": "MIT"}), rubric)
    assert report.result("exact").applies
    assert report.result("exact").grade == "yes"


def test_requirement_unless_skips_it_and_shrinks_the_progress_denominator() -> None:
    """A requirement whose unless-condition holds is left out of the verdict, numerator and denominator."""
    verdict = {
        "id": "v",
        "title": "V",
        "requires": [
            {"criteria": ["read"], "grade": "yes"},
            {"criteria": ["exact"], "grade": "yes", "unless": {"component": "weights", "licence": "permissive"}},
        ],
    }
    rubric = _rubric(verdicts=[verdict])
    report = openness.score(_model(weights={"access": "public", "licence": "Apache 2.0"}), rubric)
    assert report.verdict("v").met
    assert report.verdict("v").progress == 1
    report = openness.score(_model(weights={"access": "public", "licence": "LicenseRef-Llama-3.1"}), rubric)
    assert report.verdict("v").progress == 0


def test_gated_verdict_progress_waits_for_the_verdict_it_builds_on() -> None:
    """A gated verdict reports progress 0 until the verdict below it is met; ungated it counts what holds."""
    verdicts = [
        {"id": "low", "title": "Low", "requires": {"criteria": ["exact"], "grade": "yes"}},
        {"id": "high", "title": "High", "builds-on": "low", "requires": {"criteria": ["read"], "grade": "yes"}},
    ]
    descriptor = _model(weights={"access": "public", "licence": "Apache 2.0"})
    assert openness.score(descriptor, _rubric(verdicts=verdicts)).verdict("high").progress == 0.5
    verdicts[1]["gated"] = True
    assert openness.score(descriptor, _rubric(verdicts=verdicts)).verdict("high").progress == 0


def test_gated_without_builds_on_is_an_error() -> None:
    """Gating needs a verdict to wait for."""
    rubric = _rubric(
        verdicts=[{"id": "v", "title": "V", "gated": True, "requires": {"criteria": "read", "grade": "yes"}}]
    )
    with pytest.raises(openness.RubricError, match=r"verdicts\[0\]: a gated verdict needs builds-on"):
        openness.load_rubric(rubric)


def test_unrated_assessment_counts_as_unknown() -> None:
    """An assessment listed without a grade is 'not assessed': the level is not reached and the reason says so."""
    rubric = openness.load_rubric("osai-2023")
    descriptor = {
        "format": 1,
        "model": {"id": "m", "name": "M"},
        "assessments": {"osai-2023": {"opencode": {"notes": "not yet"}}},
    }
    result = openness.score(descriptor, rubric).result("opencode")
    assert result.grade == "closed"
    assert "lists opencode but has not rated it" in result.reason
    assert result.unknown == ("assessments.osai-2023.opencode",)


def test_modality_vocabulary_is_checked() -> None:
    """A misspelt modality is an error naming the key, with a suggestion."""
    with pytest.raises(openness.DescriptorError, match=r"model\.modalities\[0\].*'txt'.*did you mean 'text'"):
        openness.load_descriptor({"format": 1, "model": {"id": "m", "name": "M", "modalities": ["txt"]}})
