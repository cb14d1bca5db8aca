"""Scoring: grades, reasons, evidence, verdicts."""

from __future__ import annotations

from typing import Any

import pytest

import openness

RUBRIC: dict[str, Any] = {
    "format": 1,
    "id": "t",
    "title": "Test rubric",
    "version": "1",
    "source": "https://example.org",
    "scale": {"open": 1.0, "partial": 0.5, "closed": 0.0},
    "criteria": [
        {
            "id": "weights",
            "title": "Weights",
            "levels": [
                {"grade": "open", "when": {"component": "weights", "access": "public", "licence": "osd-conformant"}},
                {"grade": "partial", "when": {"component": "weights", "access": ["public", "gated"]}},
            ],
        },
        {
            "id": "assessed",
            "title": "Assessed code",
            "weight": 2,
            "levels": [
                {"grade": "open", "when": {"assessment": "osai-2023", "parameter": "opencode", "grade": "open"}},
                {"grade": "partial", "when": {"not": {"component": "training-code", "access": "not-released"}}},
            ],
        },
    ],
    "verdicts": [
        {"id": "base", "title": "Base", "requires": {"criteria": "weights", "grade": "partial"}},
        {"id": "top", "title": "Top", "builds-on": "base", "requires": {"criteria": ["weights"], "grade": "open"}},
        {"id": "scored", "title": "Scored", "min-score": 0.5},
    ],
}


def _descriptor(**components: dict[str, Any]) -> openness.Descriptor:
    return openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "m", "name": "M", "sources": ["https://example.org/m"]},
            "components": components,
        }
    )


def test_open_weights_reason_names_licence_and_sources() -> None:
    """An open grade cites the access, the licence and the sources behind them."""
    report = openness.score(_descriptor(weights={"access": "public", "licence": "Apache 2.0"}), RUBRIC)
    result = report.result("weights")
    assert (result.grade, result.points, result.max_points) == ("open", 1.0, 1.0)
    assert result.reason == "open: Final model weights: a public release, under Apache License 2.0 (Apache-2.0)."
    assert result.to_raise is None
    licence_evidence = next(e for e in result.evidence if e.fact == "components.weights.licence")
    assert licence_evidence.value.startswith("Apache 2.0 (read as Apache-2.0)")
    assert licence_evidence.sources == ("https://example.org/m",)


def test_restrictive_licence_reason_says_what_it_restricts() -> None:
    """A gated Llama licence gives partial, names its restrictions and what would raise the grade."""
    report = openness.score(_descriptor(weights={"access": "gated", "licence": "llama3.1"}), RUBRIC)
    result = report.result("weights")
    assert result.grade == "partial"
    assert "a gated download" in result.reason
    assert "restricts use through an acceptable use policy" in result.reason
    assert "requires a separate licence above 700 million monthly active users" in result.reason
    assert result.to_raise == "open would need: final model weights public under an OSD-conformant licence"


def test_missing_component_is_unknown_not_an_error() -> None:
    """A component the descriptor does not mention gives the lowest grade with the unknown fact named."""
    report = openness.score(_descriptor(), RUBRIC)
    result = report.result("weights")
    assert result.grade == "closed"
    assert result.unknown == ("components.weights",)
    assert result.reason == (
        "closed as stated, open at best (not stated: components.weights): "
        "Final model weights: not stated in the descriptor."
    )
    assert (result.best_grade, result.determined) == ("open", False)


def test_unknown_licence_is_a_result_with_a_warning() -> None:
    """An unknown licence string gives a result whose reason and warnings say it was not recognised."""
    report = openness.score(_descriptor(weights={"access": "public", "licence": "Frobnicate-1.0"}), RUBRIC)
    result = report.result("weights")
    assert result.grade == "partial"
    assert "an unrecognised licence 'Frobnicate-1.0'" in result.reason
    assert result.unknown == ("components.weights.licence",)
    assert report.warnings[0].startswith("components.weights.licence: 'Frobnicate-1.0' is not a known licence")


def test_assessment_and_not_conditions() -> None:
    """Assessor ratings are read by assessment checks; `not` negates a check."""
    descriptor = openness.load_descriptor(
        {
            "format": 1,
            "model": {"id": "m", "name": "M"},
            "components": {"training-code": {"access": "public"}},
            "assessments": {"osai-2023": {"opencode": {"grade": "partial", "notes": "some code"}}},
        }
    )
    result = openness.score(descriptor, RUBRIC).result("assessed")
    assert (result.grade, result.points, result.max_points) == ("partial", 1.0, 2.0)
    assert "osai-2023 rates opencode partial (some code)" in result.reason


def test_points_score_and_cumulative_verdicts() -> None:
    """Points are weight times grade points; verdicts build on each other and report progress."""
    report = openness.score(_descriptor(weights={"access": "gated", "licence": "llama3.1"}), RUBRIC)
    assert (report.points, report.max_points) == (0.5, 3.0)
    assert report.score == pytest.approx(1 / 6)
    base, top, scored = report.verdicts
    assert (base.met, base.progress) == (True, 1.0)
    assert (top.met, top.progress) == (False, 0.5)
    assert top.missing == (
        "weights must be at least open (now partial); open would need: final model weights public "
        "under an OSD-conformant licence",
    )
    assert (scored.met, scored.progress) == (False, 0.0)
    assert scored.missing == ("the score must reach 0.5 (now 0.167 as stated, 0.833 at best)",)
    assert (base.status, top.status, scored.status) == ("met", "not-met", "undetermined")
    assert report.best_score == pytest.approx(5 / 6)


def test_scoring_is_pure() -> None:
    """Scoring the same inputs twice gives equal reports and changes neither input."""
    descriptor = _descriptor(weights={"access": "public", "licence": "MIT"})
    rubric = openness.load_rubric(RUBRIC)
    before = descriptor.to_dict()
    assert openness.score(descriptor, rubric) == openness.score(descriptor, rubric)
    assert descriptor.to_dict() == before


def test_default_rubric_when_none_named() -> None:
    """score() without a rubric uses the default rubric."""
    report = openness.score(_descriptor())
    assert report.rubric["id"] == "openness-default"
    assert len(report.results) == 5


def test_osaid_verdict_on_catalogue_models() -> None:
    """OLMo 7B meets OSAID 1.0; Llama 3.1 8B does not, and the report says why."""
    olmo = openness.score(openness.catalogue.load("olmo-7b"), "osaid-1.0")
    assert olmo.verdict("open-source-ai").met
    llama = openness.score(openness.catalogue.load("llama-3.1-8b"), "osaid-1.0")
    verdict = llama.verdict("open-source-ai")
    assert not verdict.met
    assert any(m.startswith("parameters must be at least open (now partial)") for m in verdict.missing)


def test_present_is_unknown_until_the_descriptor_states_access() -> None:
    """`present` holds for released components, fails for not-released ones, and is unknown for the rest."""
    rubric = {
        **RUBRIC,
        "criteria": [
            {
                "id": "listed",
                "title": "Listed",
                "levels": [
                    {"grade": "open", "when": {"component": "training-code", "present": True}},
                    {"grade": "partial", "when": {"component": "training-code", "present": False}},
                ],
            }
        ],
        "verdicts": [],
    }
    grades = {
        name: openness.score(_descriptor(**components), rubric).result("listed")
        for name, components in {
            "released": {"training-code": {"access": "public", "licence": "MIT"}},
            "access unstated": {"training-code": {"licence": "MIT"}},
            "absent": {},
            "withheld": {"training-code": {"access": "not-released"}},
        }.items()
    }
    assert {name: (r.grade, r.best_grade, r.determined) for name, r in grades.items()} == {
        "released": ("open", "open", True),
        "access unstated": ("closed", "open", False),
        "absent": ("closed", "open", False),
        "withheld": ("partial", "partial", True),
    }
    assert grades["access unstated"].unknown == ("components.training-code.access",)
    assert grades["absent"].unknown == ("components.training-code",)


def test_a_listed_component_without_facts_is_shown_as_evidence() -> None:
    """A component listed with no access, licence or coverage still appears in the evidence."""
    descriptor = openness.load_descriptor(
        {"format": 1, "model": {"id": "m", "name": "M"}, "components": {"weights": {}}}
    )
    result = openness.score(descriptor, RUBRIC).result("weights")
    assert [(e.fact, e.value) for e in result.evidence] == [
        ("components.weights", "listed, with no access, licence or coverage stated")
    ]
    assert result.unknown == ("components.weights.access", "components.weights.licence")


def test_score_takes_a_catalogue_id() -> None:
    """``score("olmo-7b")`` scores the catalogue model, as the command line and ``compare`` do."""
    by_id = openness.score("olmo-7b", "osaid-1.0")
    assert by_id.to_json() == openness.score(openness.catalogue.load("olmo-7b"), "osaid-1.0").to_json()


def test_score_names_a_close_catalogue_id_for_a_typo() -> None:
    """An unknown id that is not a file either raises a DescriptorError suggesting a close id."""
    with pytest.raises(
        openness.DescriptorError,
        match=r"'olmo7b' is neither a descriptor file nor a catalogue model \(did you mean 'olmo-7b'\?\)",
    ):
        openness.score("olmo7b")


def test_a_missing_toml_file_is_not_read_as_a_catalogue_id() -> None:
    """A name ending in .toml that does not exist is a missing file, not an unknown catalogue model."""
    with pytest.raises(openness.DescriptorError) as caught:
        openness.score("olmo-7b.toml")
    assert "catalogue" not in str(caught.value)


def test_a_reason_states_each_clause_once() -> None:
    """Two components with one licence on one list (mot-1.0's technical report or paper) give that clause once."""
    descriptor = {
        "format": 1,
        "model": {"id": "m", "name": "M"},
        "components": {
            "technical-report": {"access": "public", "licence": "CC-BY-4.0"},
            "research-paper": {"access": "public", "licence": "CC-BY-4.0"},
        },
    }
    reason = openness.score(descriptor, "mot-1.0").result("technical-report").reason
    clauses = reason.rstrip(".").split("; ")
    assert len(clauses) == len(set(clauses)) == 3
    assert clauses[-1] == "the licence 'CC-BY-4.0' is on the rubric's 'mot-open' list (exactly as written)"


def test_coverage_on_a_component_without_coverage_is_warned_about() -> None:
    """A coverage fact on weights (which have none) gives a report warning naming the fact; scoring goes on."""
    descriptor = {"format": 1, "model": {"id": "m", "name": "M"}, "components": {"weights": {"coverage": "full"}}}
    report = openness.score(descriptor, "osaid-1.0")
    assert report.warnings == (
        "components.weights.coverage: 'weights' (weights) has no coverage: coverage describes data and "
        "documentation only; remove the fact",
    )


def test_unknown_criterion_of_a_rubric_lists_the_criteria() -> None:
    """``rubric.criterion`` (and ``openness explain RUBRIC ID``) of an unknown id lists the criterion ids."""
    with pytest.raises(openness.RubricError) as caught:
        openness.load_rubric("osaid-1.0").criterion("dat")
    assert str(caught.value) == "osaid-1.0: unknown criterion 'dat'; expected one of data-information, code, parameters"
