"""The catalogue's ``osaid-1.0`` verdicts agree with OSI's published validation of models against OSAID 1.0.

OSI's page https://opensource.org/ai ("Which AI systems comply with the OSAID 1.0?") lists the models that
passed its validation (Pythia, OLMo, Amber, CrystalCoder, T5), those that "would probably pass if they
changed their licenses/legal terms" (BLOOM, Starcoder2, Falcon) and those that "don't pass" (Llama2, Grok,
Phi-2, Mixtral). OSI names families, not sizes, and calls the results "not certifications of any kind".
Every catalogue descriptor of a model OSI assessed records OSI's result under ``extra.osi-validation``
(``extra`` is never read by rubrics, so the verdict cannot echo it). Here: pass means the verdict
``open-source-ai`` is met; would-pass-with-licence-change and fail mean it is not met, for a stated reason.

The comparison is on the verdict's status: pass → ``met``; the other two → ``not-met``, ruled out by the
stated facts, not ``undetermined`` (left open by facts not stated).
"""

from __future__ import annotations

import pytest

import openness
from openness import Descriptor, catalogue

OSI_PAGE = "https://opensource.org/ai"
RESULTS = ("pass", "would-pass-with-licence-change", "fail")

#: The sentence of OSI's page that gives each result, quoted verbatim in the descriptors.
QUOTES = {
    "pass": (
        "The list of models that passed the Validation phase are: Pythia (Eleuther AI), OLMo (AI2), "
        "Amber and CrystalCoder (LLM360) and T5 (Google)."
    ),
    "would-pass-with-licence-change": (
        "There are a couple of others that were analyzed and would probably pass if they changed their "
        "licenses/legal terms: BLOOM (BigScience), Starcoder2 (BigCode), Falcon (TII)."
    ),
    "fail": (
        "Those that have been analyzed and don't pass because they lack required components and/or their "
        "legal agreements are incompatible with the Open Source principles: Llama2 (Meta), Grok (X/Twitter), "
        "Phi-2 (Microsoft), Mixtral (Mistral)."
    ),
}

#: Every model OSI's page names, as it names it, with OSI's result and the catalogue models of that family.
NAMED: dict[str, tuple[str, tuple[str, ...]]] = {
    "Pythia (Eleuther AI)": ("pass", ("pythia-12b",)),
    "OLMo (AI2)": ("pass", ("olmo-7b",)),
    "Amber (LLM360)": ("pass", ("amber",)),
    "CrystalCoder (LLM360)": ("pass", ("crystalcoder",)),
    "T5 (Google)": ("pass", ("t5",)),
    "BLOOM (BigScience)": ("would-pass-with-licence-change", ("bloom",)),
    "Starcoder2 (BigCode)": ("would-pass-with-licence-change", ("starcoder2-15b",)),
    "Falcon (TII)": ("would-pass-with-licence-change", ("falcon-7b", "falcon-40b", "falcon-180b")),
    "Llama2 (Meta)": ("fail", ("llama-2-7b",)),
    "Grok (X/Twitter)": ("fail", ("grok-1",)),
    "Phi-2 (Microsoft)": ("fail", ("phi-2",)),
    "Mixtral (Mistral)": ("fail", ("mixtral-8x7b",)),
}
EXPECTED = {model_id: result for result, model_ids in NAMED.values() for model_id in model_ids}
PASSED = sorted(model_id for model_id, result in EXPECTED.items() if result == "pass")
NOT_PASSED = sorted(model_id for model_id, result in EXPECTED.items() if result != "pass")

RUBRIC = openness.load_rubric("osaid-1.0")
VERDICT = "open-source-ai"


def _published(descriptor: Descriptor) -> str:
    """OSI's published result recorded in a descriptor: pass, would-pass-with-licence-change or fail."""
    result = descriptor.extra["osi-validation"]["result"]
    assert result in RESULTS, f"{descriptor.id}: unknown OSI result {result!r}"
    return str(result)


def _verdict(model_id: str) -> openness.VerdictResult:
    return openness.score(catalogue.load(model_id), RUBRIC).verdict(VERDICT)


def test_every_descriptor_with_an_osi_result_is_a_model_osi_named() -> None:
    """Exactly the catalogue models of the families OSI named carry its result, and it is OSI's."""
    carrying = {d.id: _published(d) for d in catalogue.all() if "osi-validation" in d.extra}
    assert carrying == EXPECTED


def test_every_family_osi_named_is_in_the_catalogue() -> None:
    """Each of the twelve models on OSI's page has at least one catalogue descriptor."""
    assert len(NAMED) == 12
    for named, (_, model_ids) in NAMED.items():
        assert model_ids, named
        assert set(model_ids) <= set(catalogue.ids()), named


@pytest.mark.parametrize("model_id", sorted(EXPECTED))
def test_the_record_cites_and_quotes_osis_page(model_id: str) -> None:
    """The record names the page, quotes the sentence giving the result, and the model's sources cite the page."""
    descriptor = catalogue.load(model_id)
    record = descriptor.extra["osi-validation"]
    result = _published(descriptor)
    assert record["source"] == OSI_PAGE
    assert OSI_PAGE in descriptor.model.sources
    assert record["quote"] == QUOTES[result]
    assert record["named"].split(" (")[0] in record["quote"]  # OSI writes "Amber and CrystalCoder (LLM360)"
    assert NAMED[record["named"]][0] == result
    assert model_id in NAMED[record["named"]][1]
    assert record["notes"], "say which model of the family the catalogue assesses"


@pytest.mark.parametrize("model_id", PASSED)
def test_models_osi_passed_meet_the_verdict(model_id: str) -> None:
    """Pythia, OLMo, Amber, CrystalCoder and T5 passed OSI's validation and meet open-source-ai here."""
    descriptor = catalogue.load(model_id)
    assert _published(descriptor) == "pass"
    verdict = _verdict(model_id)
    assert (verdict.status, verdict.met) == ("met", True), verdict.missing
    assert verdict.missing == ()


@pytest.mark.parametrize("model_id", NOT_PASSED)
def test_models_osi_did_not_pass_miss_the_verdict_for_a_stated_reason(model_id: str) -> None:
    """BLOOM, Starcoder2, Falcon, Llama2, Grok, Phi-2 and Mixtral miss open-source-ai, naming a requirement."""
    descriptor = catalogue.load(model_id)
    assert _published(descriptor) in {"would-pass-with-licence-change", "fail"}
    verdict = _verdict(model_id)
    assert (verdict.status, verdict.met) == ("not-met", False), verdict.unknown  # ruled out, not merely open
    required = {c for requirement in RUBRIC.verdicts[0].requires for c in requirement.criteria}
    assert RUBRIC.verdicts[0].id == VERDICT
    assert any(line.split(" ", 1)[0] in required for line in verdict.missing), verdict.missing
