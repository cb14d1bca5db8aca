"""Hugging Face model cards: front matter into a partial descriptor, facts sourced to the card."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import openness
from openness._errors import install_hint
from openness.importers import hf

CARDS = Path(__file__).resolve().parent / "data" / "model-cards"


def _card_keys(path: Path) -> set[str]:
    card, _ = hf.front_matter(path.read_text(encoding="utf-8"))
    assert card is not None
    return set(card)


def _kept_keys(descriptor: openness.Descriptor) -> set[str]:
    """Every front-matter key the descriptor keeps, structured or verbatim."""
    kept = set(descriptor.extra.get("model-card", {}))
    kept |= set(descriptor.model.extra.get("model-card", {}))
    if descriptor.model.base_model is not None:
        kept.add("base_model")
    if descriptor.model.base_model_relation is not None:
        kept.add("base_model_relation")
    for component in descriptor.components.values():
        kept |= set(component.extra.get("model-card", {}))
    return kept


def test_licensed_card_becomes_sourced_facts() -> None:
    """The licence, datasets, base model and arXiv tags of a card become facts whose source is the card."""
    path = CARDS / "olmo-like" / "README.md"
    descriptor = hf.read(path)
    source = str(path)
    assert descriptor.model.id == "example-open-7b"
    assert descriptor.model.name == "Example Open 7B"
    assert descriptor.model.base_model == "example-org/example-base-7b"
    assert descriptor.model.sources == (source,)
    weights = descriptor.components["weights"]
    assert (weights.licence, weights.access, weights.sources) == ("apache-2.0", None, (source,))
    data = descriptor.components["training-data"]
    assert data.extra == {"model-card": {"datasets": ["example-org/example-corpus"]}}
    assert data.url == "https://huggingface.co/datasets/example-org/example-corpus"
    assert (data.access, data.coverage, data.licence) == (None, None, None)
    preprint = descriptor.components["preprint"]
    assert (preprint.access, preprint.url) == ("public", "https://arxiv.org/abs/2402.00838")
    assert descriptor.extra["model-card"]["library_name"] == "transformers"
    assert descriptor.extra["model-card"]["pipeline_tag"] == "text-generation"
    assert descriptor.extra["model-card"]["last_checked"] == "2026-11-23"
    assert _kept_keys(descriptor) == _card_keys(path)


def test_report_says_what_the_card_does_not_state() -> None:
    """Facts a card leaves out stay unknown: the report lists them instead of guessing."""
    report = openness.score(hf.read(CARDS / "olmo-like" / "README.md"), "openness-default")
    weights = report.result("weights")
    assert weights.grade == "closed"
    assert weights.unknown == ("components.weights.access",)
    assert "Unknown facts: components.weights.access" in report.to_text()
    assert report.result("code-access").unknown == ("components.training-code", "components.inference-code")


def test_gated_card() -> None:
    """Gate fields make the weights gated; the prompt and form fields are kept, the EU exclusion noted."""
    path = CARDS / "gated" / "README.md"
    descriptor = hf.read(path, source="https://huggingface.co/example/gated")
    weights = descriptor.components["weights"]
    assert (weights.access, weights.licence) == ("gated", "llama3.1")
    assert weights.sources == ("https://huggingface.co/example/gated",)
    assert descriptor.model.sources == ("https://huggingface.co/example/gated",)
    assert weights.extra["model-card"]["extra_gated_fields"]["Country"] == "country"
    assert weights.notes is not None
    assert "European Union" in weights.notes
    assert _kept_keys(descriptor) == _card_keys(path)
    report = openness.score(descriptor, "openness-default")
    assert report.result("weights").grade == "partial"


def test_other_licence_uses_license_name() -> None:
    """`license: other` with `license_name` reads the named licence; a list of base models becomes the lineage."""
    path = CARDS / "other-licence" / "README.md"
    descriptor = hf.read(path)
    weights = descriptor.components["weights"]
    assert weights.licence == "mrl"
    assert weights.extra["model-card"]["license_link"] == "https://mistral.ai/licenses/MRL-0.1.md"
    assert descriptor.model.base_model == ("example-org/base-a", "example-org/base-b")
    assert descriptor.model.bases == ("example-org/base-a", "example-org/base-b")
    assert descriptor.extra["model-card"] == {"inference": False}
    assert _kept_keys(descriptor) == _card_keys(path)
    reading = openness.licences.read(weights.licence)
    assert reading.expression == "LicenseRef-Mistral-MRL-0.1"


def test_card_without_front_matter_states_nothing() -> None:
    """A card without front matter gives a descriptor with no facts; every criterion is unknown."""
    descriptor = hf.read(CARDS / "bare" / "README.md")
    assert descriptor.model.id == "bare"
    assert descriptor.model.name == "A model card without front matter"
    assert descriptor.components == {}
    assert descriptor.extra == {}
    report = openness.score(descriptor, "osaid-1.0")
    assert report.score == 0
    assert all(result.unknown for result in report.results)


def test_broken_yaml_names_file_and_line() -> None:
    """Broken YAML raises DescriptorError naming the file, the line and column in the file."""
    path = CARDS / "broken" / "README.md"
    with pytest.raises(openness.DescriptorError) as caught:
        hf.read(path)
    assert caught.value.lines() == [
        f"{path}:4:5: invalid YAML in the front matter: while parsing a flow sequence (from line 3), "
        "did not find expected ',' or ']'"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\nlicense: mit\n", "<model card>:1: the front matter opened on line 1 is never closed by '---'"),
        ("---\n- a\n- b\n---\n", "<model card>:2: the front matter must be a YAML mapping, got list"),
        ("---\nlicense: [mit\n---\n", "<model card>:3:1: invalid YAML in the front matter"),
    ],
)
def test_bad_front_matter(text: str, message: str) -> None:
    """Unclosed, non-mapping or broken front matter is an error naming the line."""
    with pytest.raises(openness.DescriptorError) as caught:
        hf.read(text)
    assert str(caught.value).startswith(message)


def test_card_text_and_empty_front_matter() -> None:
    """Card text (a string with newlines) is read too; empty front matter states nothing."""
    descriptor = hf.read("---\n---\n# Tiny\n", source="https://huggingface.co/me/tiny")
    assert (descriptor.model.id, descriptor.model.name) == ("tiny", "Tiny")
    assert descriptor.model.sources == ("https://huggingface.co/me/tiny",)
    assert descriptor.components == {}


def test_several_licences_stay_unknown() -> None:
    """A list of licences is kept verbatim but not guessed into an expression."""
    descriptor = hf.read("---\nlicense: [mit, apache-2.0]\n---\n")
    weights = descriptor.components["weights"]
    assert weights.licence is None
    assert weights.extra == {"model-card": {"license": ["mit", "apache-2.0"]}}


def test_missing_file_and_non_utf8(tmp_path: Path) -> None:
    """An unreadable card is a DescriptorError naming the file."""
    with pytest.raises(openness.DescriptorError, match="cannot read file"):
        hf.read(tmp_path / "README.md")
    path = tmp_path / "card.md"
    path.write_bytes(b"---\nlicense: \xff\n---\n")
    with pytest.raises(openness.DescriptorError, match=r"card\.md: not UTF-8 text \(byte 13\)"):
        hf.read(path)


def test_missing_pyyaml_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PyYAML, reading a card raises ImportError naming the import extra."""
    monkeypatch.setitem(sys.modules, "yaml", None)
    with pytest.raises(
        ImportError,
        match=re.escape(install_hint("import")),
    ):
        hf.read("---\nlicense: mit\n---\n")


_KEYS = st.sampled_from(
    ["license", "license_name", "license_link", "datasets", "base_model", "gated", "extra_gated_prompt", "tags"]
) | st.from_regex(r"[a-z][a-z_-]{0,12}", fullmatch=True)
_SCALARS = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.dates())
_VALUES = st.one_of(_SCALARS, st.lists(_SCALARS, max_size=3))


@given(st.dictionaries(_KEYS, _VALUES, max_size=8))
def test_property_nothing_is_dropped(card: dict[str, Any]) -> None:
    """Whatever the front matter holds, the descriptor loads and keeps every key, structured or verbatim."""
    text = "---\n" + yaml.safe_dump(card, sort_keys=False) + "---\n"
    descriptor = hf.read(text)
    assert _kept_keys(descriptor) == set(card)
    assert openness.load_descriptor(descriptor.to_dict()) == descriptor


def test_docstring_example_runs() -> None:
    """The example in the module docstring runs."""
    import doctest

    result = doctest.testmod(hf)
    assert (result.attempted, result.failed) == (4, 0)


def test_keys_that_state_nothing_stay_in_extra() -> None:
    """`gated: false` and an unusable licence state no fact: no weights component, the keys kept in extra."""
    descriptor = hf.read("---\ngated: false\nlicense: ''\nlicense_link: LICENSE\n---\n")
    assert "weights" not in descriptor.components
    assert descriptor.extra == {"model-card": {"gated": False, "license": "", "license_link": "LICENSE"}}
