"""The eu-ai-act-2024 rubric on catalogue models whose status the text settles, and on unknown facts.

Facts a test adds to a catalogue descriptor are assumptions made for the test, named in its docstring;
the catalogue itself leaves unstated what no source gives (monetisation, designation).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import openness

RUBRIC = "eu-ai-act-2024"
EXEMPTION = "open-source-exemption"
DATA = Path(__file__).parent / "data" / "descriptors"


def _with(model: str, **sections: dict[str, Any]) -> dict[str, Any]:
    """A catalogue descriptor with facts stated on top (values only, marked as test assumptions)."""
    data = openness.load_descriptor(model).to_dict()
    for section, stated in sections.items():
        for name, value in stated.items():
            data.setdefault(section, {})[name] = {"value": value, "notes": "assumed for this test"}
    return data


#: What the catalogue does not state for an otherwise exempt model: no monetisation, no designation.
_FREE_AND_UNDESIGNATED: dict[str, dict[str, Any]] = {
    "distribution": {"monetised": False},
    "regulation": {"eu-systemic-risk": False},
}


@pytest.mark.parametrize("model", ["olmo-7b", "pythia-12b"])
def test_open_small_models_are_exempt_once_monetisation_and_designation_are_stated(model: str) -> None:
    """Apache-2.0 public weights, a model card, an estimate far below 10^25 FLOP: exempt, with two facts assumed."""
    report = openness.score(_with(model, **_FREE_AND_UNDESIGNATED), RUBRIC)
    assert report.verdict(EXEMPTION).status == "met"
    assert report.result("compute-below-threshold").determined


@pytest.mark.parametrize("model", ["olmo-7b", "pythia-12b"])
def test_the_catalogue_alone_leaves_the_exemption_undetermined(model: str) -> None:
    """Without monetisation and designation facts the exemption is undetermined, never met, and names them."""
    verdict = openness.score(model, RUBRIC).verdict(EXEMPTION)
    assert (verdict.status, verdict.unknown) == (
        "undetermined",
        ("distribution.monetised", "regulation.eu-systemic-risk"),
    )


@pytest.mark.parametrize(
    ("model", "criterion"),
    [
        ("llama-3.1-8b", "free-licence"),  # user cap and acceptable use policy
        ("gemma-2-9b", "free-licence"),  # use restrictions in the Gemma terms
        ("apple-fastvlm", "free-licence"),  # research-only, non-commercial
        ("bloom", "free-licence"),  # RAIL use-based restrictions
    ],
)
def test_licence_restrictions_rule_the_exemption_out(model: str, criterion: str) -> None:
    """A licence restricting use, users or commercial use settles not-met, whatever else is unknown."""
    report = openness.score(model, RUBRIC)
    assert report.result(criterion).grade == "not-met"
    assert report.result(criterion).determined
    assert report.verdict(EXEMPTION).status == "not-met"


def test_weights_not_public_rule_the_exemption_out() -> None:
    """Weights not released (an Apache-2.0 licence on paper) settle not-met."""
    data = _with("olmo-7b", **_FREE_AND_UNDESIGNATED)
    data["components"]["weights"]["access"] = "not-released"
    report = openness.score(data, RUBRIC)
    assert (report.result("weights-public").grade, report.verdict(EXEMPTION).status) == ("not-met", "not-met")


def test_monetisation_rules_the_exemption_out() -> None:
    """A model otherwise exempt but stated as monetised (Recital 103) is not exempt."""
    report = openness.score(_with("olmo-7b", distribution={"monetised": True}), RUBRIC)
    assert (report.result("not-monetised").grade, report.verdict(EXEMPTION).status) == ("not-met", "not-met")
    assert report.result("not-monetised").reason == "not-met: monetised: yes."


def test_compute_above_the_threshold_rules_the_exemption_out() -> None:
    """Llama 3.1 405B, 3.8 x 10^25 FLOP (with its counts stated): systemic risk presumed, not exempt."""
    report = openness.score(DATA / "llama-3.1-405b.toml", RUBRIC)
    result = report.result("compute-below-threshold")
    assert (result.grade, result.determined) == ("not-met", True)
    assert report.verdict(EXEMPTION).status == "not-met"
    evidence = {e.fact: e.value for e in result.evidence}
    assert evidence["training.compute-flop"] == "3.8 × 10^25 FLOP"


def test_designation_rules_the_exemption_out() -> None:
    """A model designated as having systemic risk is not exempt, however small its compute."""
    report = openness.score(_with("olmo-7b", regulation={"eu-systemic-risk": True}), RUBRIC)
    assert report.verdict(EXEMPTION).status == "not-met"


def test_unknown_compute_leaves_the_systemic_risk_criterion_undetermined() -> None:
    """Mistral 7B states neither compute nor counts: the criterion is open, not failed, and names the facts."""
    report = openness.score(_with("mistral-7b", **_FREE_AND_UNDESIGNATED), RUBRIC)
    result = report.result("compute-below-threshold")
    assert (result.grade, result.best_grade, result.determined) == ("not-met", "met", False)
    assert result.unknown == ("training.compute-flop", "training.parameters", "training.tokens")
    verdict = report.verdict(EXEMPTION)
    assert (verdict.status, verdict.unknown) == (
        "undetermined",
        ("training.compute-flop", "training.parameters", "training.tokens"),
    )


def test_the_estimate_settles_the_threshold_with_its_margin() -> None:
    """OLMo-7B's counts give about 10^23 FLOP, ten times under the estimate's bar: met, shown as an estimate."""
    result = openness.score("olmo-7b", RUBRIC).result("compute-below-threshold")
    assert (result.grade, result.determined) == ("met", True)
    estimate = {e.fact: e for e in result.evidence}["training.compute-flop-estimate"]
    assert estimate.value.endswith("an estimate: 6 × 7 billion parameters × 2.46 trillion tokens")
    assert estimate.sources == ("https://arxiv.org/abs/2402.00838", "https://huggingface.co/allenai/OLMo-7B")


def test_copyright_policy_and_summary_are_due_in_every_case() -> None:
    """The exemption leaves Art. 53(1)(c) and (d) due: a second verdict reads them, and unknown stays open."""
    exempt = openness.score(_with("olmo-7b", **_FREE_AND_UNDESIGNATED), RUBRIC)
    assert exempt.verdict("copyright-and-summary-published").status == "undetermined"
    data = _with("olmo-7b", **_FREE_AND_UNDESIGNATED)
    data["components"]["copyright-policy"] = {"access": "public", "url": "https://example.org/policy"}
    data["components"]["training-content-summary"] = {"access": "public", "url": "https://example.org/summary"}
    assert openness.score(data, RUBRIC).verdict("copyright-and-summary-published").status == "met"


def test_the_ai_system_exclusion_is_not_assessable_from_a_model_descriptor() -> None:
    """Art. 2(12) turns on how a system is placed on the market: undetermined for an open model, naming the facts."""
    verdict = openness.score("olmo-7b", RUBRIC).verdict("ai-system-exclusion")
    assert (verdict.status, verdict.unknown) == (
        "undetermined",
        ("regulation.eu-high-risk-system", "regulation.eu-prohibited-practice", "regulation.eu-article-50-system"),
    )


def test_the_rubric_keeps_the_invariants() -> None:
    """eu-ai-act-2024 passes every check of openness.testing (monotone and sound included)."""
    from openness.testing import check_rubric

    checked = check_rubric(RUBRIC, max_examples=40)
    assert checked.ok, str(checked)
