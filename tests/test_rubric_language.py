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


def _compute_rubric() -> dict[str, Any]:
    """Compute at most 10^25 FLOP as stated, or an estimate ten times below it; not monetised."""
    return _rubric(
        criteria=[
            {
                "id": "compute",
                "title": "Compute",
                "levels": [
                    {
                        "grade": "yes",
                        "when": {
                            "any": [
                                {"fact": "training.compute-flop", "at-most": 1e25},
                                {"fact": "training.compute-flop-estimate", "at-most": 1e24},
                            ]
                        },
                    }
                ],
            },
            {
                "id": "free",
                "title": "Not monetised",
                "levels": [{"grade": "yes", "when": {"fact": "distribution.monetised", "is": False}}],
            },
        ]
    )


def _stated(**sections: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": 1,
        "model": {"id": "m", "name": "M"},
        **{
            section: {
                name: {"value": value, "sources": [f"https://example.org/{name}"]} for name, value in facts.items()
            }
            for section, facts in sections.items()
        },
    }


@pytest.mark.parametrize(
    ("training", "grade", "best", "unknown"),
    [
        ({"compute-flop": 1e25}, "yes", "yes", ()),
        ({"compute-flop": 3.8e25, "parameters": 405e9, "tokens": 15.6e12}, "no", "no", ()),
        ({"parameters": 8e9, "tokens": 15e12}, "yes", "yes", ()),
        ({"parameters": 70e9, "tokens": 15e12}, "no", "yes", ("training.compute-flop",)),
        ({"parameters": 8e9}, "no", "yes", ("training.compute-flop", "training.tokens")),
        ({}, "no", "yes", ("training.compute-flop", "training.parameters", "training.tokens")),
    ],
)
def test_numeric_facts_are_three_valued(
    training: dict[str, float], grade: str, best: str, unknown: tuple[str, ...]
) -> None:
    """A number within its bounds holds, outside fails, unstated is unknown with the facts to state named."""
    result = openness.score(_stated(training=training), _compute_rubric()).result("compute")
    assert (result.grade, result.best_grade, result.unknown) == (grade, best, unknown)


def test_a_derived_estimate_is_marked_in_the_evidence() -> None:
    """6 × parameters × tokens is shown as an estimate, with the sources of the counts it comes from."""
    report = openness.score(_stated(training={"parameters": 8e9, "tokens": 15e12}), _compute_rubric())
    evidence = {e.fact: e for e in report.result("compute").evidence}
    estimate = evidence["training.compute-flop-estimate"]
    assert estimate.value == "7.2 × 10^23 FLOP, an estimate: 6 × 8 billion parameters × 15 trillion tokens"
    assert estimate.sources == ("https://example.org/parameters", "https://example.org/tokens")
    assert evidence["training.compute-flop"].value == "not stated"


@pytest.mark.parametrize(("monetised", "grade", "status"), [(False, "yes", "met"), (True, "no", "not-met")])
def test_boolean_facts_decide_a_verdict(monetised: bool, grade: str, status: str) -> None:
    """A yes/no fact settles its check both ways; the verdict reading it is met or not met, not undetermined."""
    rubric = _compute_rubric()
    rubric["verdicts"] = [{"id": "free", "title": "Free", "requires": {"criteria": ["free"], "grade": "yes"}}]
    report = openness.score(_stated(distribution={"monetised": monetised}), rubric)
    assert (report.result("free").grade, report.verdict("free").status) == (grade, status)
    assert report.result("free").reason == f"{grade}: monetised: {'yes' if monetised else 'no'}."


def test_unstated_boolean_fact_leaves_the_verdict_undetermined() -> None:
    """Monetisation not stated is unknown: the verdict is undetermined and names the fact, never not-met."""
    rubric = _compute_rubric()
    rubric["verdicts"] = [{"id": "free", "title": "Free", "requires": {"criteria": ["free"], "grade": "yes"}}]
    verdict = openness.score(_stated(), rubric).verdict("free")
    assert (verdict.status, verdict.unknown) == ("undetermined", ("distribution.monetised",))


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (
            {"fact": "training.compute", "at-most": 1},
            "unknown fact 'training.compute' (did you mean 'training.compute-flop'?)",
        ),
        ({"fact": "training.tokens"}, "a check on the number training.tokens needs at-least, at-most or both"),
        (
            {"fact": "training.tokens", "is": True},
            "training.tokens is a number: test it with at-least or at-most, not is",
        ),
        (
            {"fact": "distribution.monetised", "at-most": 1},
            "distribution.monetised is true or false: test it with is, not at-most",
        ),
        ({"fact": "training.tokens", "at-least": 5, "at-most": 1}, "at-least (5) is above at-most (1): nothing passes"),
        ({"fact": "training.tokens", "at-most": "many"}, "expected a finite number, got 'many'"),
    ],
)
def test_fact_checks_are_validated(condition: dict[str, Any], message: str) -> None:
    """A fact check names a known fact and the tests its kind takes; every mistake is reported."""
    rubric = _rubric(criteria=[{"id": "c", "title": "C", "levels": [{"grade": "yes", "when": condition}]}])
    with pytest.raises(openness.RubricError) as caught:
        openness.load_rubric(rubric)
    assert message in [problem.message for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("condition", "text"),
    [
        ({"fact": "training.compute-flop", "at-most": 1e25}, "training compute at most 10^25 FLOP"),
        (
            {"fact": "training.tokens", "at-least": 1e12, "at-most": 2e13},
            "training tokens at least 1 trillion tokens and at most 20 trillion tokens",
        ),
        ({"fact": "distribution.monetised", "is": False}, "monetised: no"),
    ],
)
def test_fact_checks_are_described(condition: dict[str, Any], text: str) -> None:
    """What a level with a fact check asks for, as reports show it."""
    rubric = openness.load_rubric(
        _rubric(criteria=[{"id": "c", "title": "C", "levels": [{"grade": "yes", "when": condition}]}])
    )
    assert rubric.criteria[0].levels[0].requirement_text() == text
    assert openness.load_rubric(rubric.to_dict()) == rubric


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ({"training": {"paramters": {"value": 1}}}, "unknown fact training.paramters (did you mean 'parameters'?)"),
        (
            {"training": {"compute-flop-estimate": {"value": 1}}},
            "training.compute-flop-estimate is derived, never stated: state training.parameters and training.tokens",
        ),
        ({"distribution": {"monetised": {"value": 1}}}, "expected true or false, got 1"),
        ({"training": {"tokens": {"value": -1}}}, "expected a finite number, at least 0, got -1"),
    ],
)
def test_descriptor_facts_are_validated(sections: dict[str, Any], message: str) -> None:
    """Descriptor facts come from the fact vocabulary, derived ones are never stated, values have the right kind."""
    with pytest.raises(openness.DescriptorError) as caught:
        openness.load_descriptor({"format": 1, "model": {"id": "m", "name": "M"}, **sections})
    assert message in [problem.message for problem in caught.value.problems]
